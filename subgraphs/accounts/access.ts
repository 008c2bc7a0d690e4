import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, UnauthenticatedError } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { isAdmin, type Identity } from '../kit/identity';
import { Membership } from './users/user.entity';

/**
 * Who may manage an organization's people and keys: directory admins (any organization) and the
 * organization's managers (a membership with `manager: true`, given by an admin or another manager).
 * A manager is a person with an account; a bearer token's or API key's subject never is one.
 */
export class AccountsAccess {
  private own: Promise<Membership | null> | undefined;

  constructor(
    private readonly em: EntityManager,
    readonly identity: Identity,
  ) {}

  get admin(): boolean {
    return isAdmin(this.identity);
  }

  /** The caller's own membership, when the caller is a person with an account. */
  membership(): Promise<Membership | null> {
    const sub = this.identity.sub;
    this.own ??= isUuid(sub) ? this.em.findOne(Membership, { userId: sub }) : Promise.resolve(null);
    return this.own;
  }

  async isManagerOf(organizationId: string | null | undefined): Promise<boolean> {
    if (!organizationId) return false;
    const own = await this.membership();
    return !!own?.manager && own.organizationId === organizationId;
  }

  requireSignedIn(): void {
    if (!this.identity.sub) throw new UnauthenticatedError();
  }

  requireAdmin(): void {
    this.requireSignedIn();
    if (!this.admin) throw new ForbiddenError('Only directory admins may do this.');
  }

  /** Admins, or a manager of this organization; anyone else is FORBIDDEN. */
  async requireManagerOf(organizationId: string | null | undefined): Promise<void> {
    this.requireSignedIn();
    if (this.admin) return;
    if (!(await this.isManagerOf(organizationId)))
      throw new ForbiddenError(
        "Only the organization's managers and directory admins may manage its people and keys.",
      );
  }
}

export function uuidArgument(value: string, field: string): string {
  if (!isUuid(value)) throw new BadUserInputError('is not a valid id.', field);
  return value.toLowerCase();
}
