import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import type { Identity } from '../../kit/identity';
import { uuidArgument, type AccountsAccess } from '../access';
import { revokeUserSessions } from '../sessions/session.service';
import { Member, MemberStatus, type Me } from './account.types';
import { AccountRole, toAccountRoles, toRoles } from './roles';
import { Membership, User } from './user.entity';

const ref = (id: string | null | undefined) => (id ? { id } : null);

export function memberOf(user: User, membership: Membership): Member {
  return Object.assign(new Member(), {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: toAccountRoles(membership.roles),
    manager: membership.manager,
    status: user.status === 'ACTIVE' ? MemberStatus.ACTIVE : MemberStatus.DISABLED,
    organization: ref(membership.organizationId),
    peer: ref(membership.peerId),
    joinedAt: membership.createdAt,
  });
}

/** Roles a membership may hold: one at least, admin only with no organization or by an admin. */
export function checkRoles(roles: AccountRole[], access: AccountsAccess): void {
  if (roles.length === 0) throw new BadUserInputError('name at least one role.', 'roles');
  if (roles.includes(AccountRole.ADMIN) && !access.admin)
    throw new ForbiddenError('Only directory admins may make someone an admin.');
}

export class MemberService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccountsAccess,
  ) {}

  /** The caller; null when anonymous. */
  async me(identity: Identity): Promise<Me | null> {
    if (!identity.sub) return null;
    const user = isUuid(identity.sub) ? await this.em.findOne(User, { id: identity.sub }) : null;
    const membership = user ? await this.access.membership() : null;
    return {
      id: identity.sub,
      email: user?.email ?? null,
      displayName: user?.displayName ?? null,
      roles: toAccountRoles(identity.roles),
      manager: membership?.manager ?? false,
      organization: ref(identity.org),
      peer: ref(identity.peer),
    };
  }

  async members(organizationId: string): Promise<Member[]> {
    const org = uuidArgument(organizationId, 'organizationId');
    await this.access.requireManagerOf(org);
    const memberships = await this.em.find(
      Membership,
      { organizationId: org },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const users = await this.em.find(User, { id: { $in: memberships.map((m) => m.userId) } });
    const byId = new Map(users.map((u) => [u.id, u]));
    return memberships.flatMap((m) => {
      const user = byId.get(m.userId);
      return user ? [memberOf(user, m)] : [];
    });
  }

  /** A member and their membership, for someone allowed to manage them; NOT_FOUND otherwise. */
  private async managed(userId: string): Promise<{ user: User; membership: Membership }> {
    const id = uuidArgument(userId, 'userId');
    this.access.requireSignedIn();
    const membership = await this.em.findOne(Membership, { userId: id });
    const user = membership ? await this.em.findOne(User, { id }) : null;
    // Someone else's member is not found, as one that does not exist: no probing who works where.
    if (
      !membership ||
      !user ||
      !(this.access.admin || (await this.access.isManagerOf(membership.organizationId)))
    )
      throw new NotFoundError('Member', userId);
    return { user, membership };
  }

  async setMemberRoles(userId: string, roles: AccountRole[], manager?: boolean | null) {
    const { user, membership } = await this.managed(userId);
    const wanted = toRoles(roles);
    checkRoles(roles, this.access);
    if (membership.roles.includes('admin') && !this.access.admin)
      throw new ForbiddenError("Only directory admins may change an admin's roles.");
    if (wanted.includes('peer') && !membership.peerId)
      throw new BadUserInputError('a peer needs a peer profile; invite them as a peer.', 'roles');
    membership.roles = wanted;
    if (manager !== undefined && manager !== null) membership.manager = manager;
    await this.em.flush();
    return memberOf(user, membership);
  }

  /** Takes a person out of their organization and ends every session of theirs at once. */
  async removeMember(userId: string): Promise<boolean> {
    const { membership } = await this.managed(userId);
    if (membership.roles.includes('admin') && !this.access.admin)
      throw new ForbiddenError('Only directory admins may remove an admin.');
    await this.em.transactional(async (em) => {
      await em.nativeDelete(Membership, { id: membership.id });
      await revokeUserSessions(em, membership.userId);
    });
    return true;
  }
}
