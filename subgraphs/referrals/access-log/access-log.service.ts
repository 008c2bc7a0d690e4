import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kit/errors';
import { hasRole, isAdmin, type Identity } from '../../kit/identity';
import { actingRole } from '../access';
import type { DisclosureState } from '../disclosure';
import { isUuid } from '../../kit/ids';
import { Referral } from '../referral/referral.entity';
import { ReferralAccess } from './referral-access.entity';

/** 42 CFR 2.24 (as amended in 2024): a person may ask for the disclosures of the past three years. */
export const DISCLOSURE_YEARS = 3;
export const MAX_LOG_ROWS = 5_000;

interface Entry {
  referralId: string;
  personRef: string;
  operation: string;
  disclosed: string[];
}

/** "Referral.person in query ReferralInbox": the field read and the operation that read it. */
export function operationOf(info: GraphQLResolveInfo): string {
  const op = info.operation;
  return `${info.parentType.name}.${info.fieldName} in ${op.operation}${op.name ? ` ${op.name.value}` : ''}`;
}

/**
 * Writes one row per disclosure of a person's details, before the details are returned: a read that
 * cannot be logged does not happen. The rows of one response go in one statement.
 */
export class AccessLogService {
  private readonly writer: DataLoader<Entry, true>;

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly requestId: string,
    private readonly disclosure: DisclosureState,
  ) {
    this.writer = new DataLoader<Entry, true>(
      async (entries) => {
        const at = new Date();
        await this.em.insertMany(
          ReferralAccess,
          entries.map((e) => ({
            ...e,
            at,
            accessor: this.identity.sub ?? 'anonymous',
            accessorRole: actingRole(this.identity),
            accessorOrganizationId: this.identity.org,
            requestId: this.requestId,
          })),
        );
        return entries.map(() => true as const);
      },
      { cache: false },
    );
  }

  async disclose(referral: Referral, operation: string, disclosed: string[]): Promise<void> {
    await this.writer.load({
      referralId: referral.id,
      personRef: referral.personRef,
      operation,
      disclosed,
    });
    this.disclosure.disclosed = true;
  }

  /**
   * A row for the caller's unit of work, written with the change it records (a peer assigned: who
   * may now see the person), not a read; it adds no re-disclosure notice to the response.
   */
  entry(
    referral: Referral,
    operation: string,
    disclosed: string[],
    at = new Date(),
  ): ReferralAccess {
    return this.em.create(ReferralAccess, {
      referralId: referral.id,
      personRef: referral.personRef,
      operation,
      disclosed,
      at,
      accessor: this.identity.sub ?? 'anonymous',
      accessorRole: actingRole(this.identity),
      accessorOrganizationId: this.identity.org,
      requestId: this.requestId,
    });
  }

  /** Every read of one referral's person, newest first: for admins. */
  async forReferral(referralId: string, first = 500): Promise<ReferralAccess[]> {
    this.assertAdmin();
    const exists = isUuid(referralId) && (await this.em.count(Referral, { id: referralId })) > 0;
    if (!exists) throw new NotFoundError('Referral', referralId);
    return this.em.find(
      ReferralAccess,
      { referralId },
      { orderBy: { at: 'desc', id: 'desc' }, limit: clamp(first) },
    );
  }

  /**
   * The disclosures of one person's details over the past three years, newest first. A person's
   * reference is the referring organization's own (two organizations may both use "mrn-1" for two
   * people), so a list only ever covers the referrals of one organization: a referring organization's
   * discharge planners see those of the referrals their organization made, so they can hand the person
   * their list; an admin names the organization as `<organization id>:<ref>` when more than one used
   * the reference.
   */
  async disclosures(personRef: string, first = 1_000, now = new Date()): Promise<ReferralAccess[]> {
    if (!this.identity.sub) throw new UnauthenticatedError();
    const since = new Date(now);
    since.setUTCFullYear(since.getUTCFullYear() - DISCLOSURE_YEARS);
    let referrals = await this.referralsOf(personRef);
    if (isAdmin(this.identity)) {
      const scopes = new Set(referrals.map((r) => r.scope));
      if (scopes.size > 1) {
        throw new BadUserInputError(
          `Organizations ${[...scopes].join(', ')} each use the reference "${personRef}" for their own person; ask for one as "<organization id>:${personRef}".`,
        );
      }
    } else if (!hasRole(this.identity, 'discharge_planner') || !this.identity.org) {
      throw new ForbiddenError(
        "Only admins and the referring organization's discharge planners list disclosures.",
      );
    } else {
      referrals = referrals.filter((r) => r.scope === this.identity.org);
    }
    if (!referrals.length) return [];
    return this.em.find(
      ReferralAccess,
      { referralId: { $in: referrals.map((r) => r.id) }, at: { $gte: since } },
      { orderBy: { at: 'desc', id: 'desc' }, limit: clamp(first) },
    );
  }

  /**
   * The referrals that hold a person reference, each with its scope: the organization that made it
   * (or, for a referrer without one, that user). `<organization id>:<ref>` names one organization's.
   */
  private async referralsOf(personRef: string): Promise<{ id: string; scope: string }[]> {
    const colon = personRef.indexOf(':');
    const org = colon > 0 ? personRef.slice(0, colon) : '';
    const scoped = isUuid(org) ? { org, ref: personRef.slice(colon + 1) } : null;
    return this.em.getConnection().execute<{ id: string; scope: string }[]>(
      `select id, coalesce(referrer_org_id, 'user:' || created_by) as scope from referral
          where person_ref = ? or (referrer_org_id = ? and person_ref = ?)`,
      [personRef, scoped?.org ?? null, scoped?.ref ?? null],
    );
  }

  private assertAdmin(): void {
    if (!this.identity.sub) throw new UnauthenticatedError();
    if (!isAdmin(this.identity)) throw new ForbiddenError('Only admins read the access log.');
  }
}

function clamp(first: number): number {
  return Math.min(Math.max(Math.trunc(first) || 1, 1), MAX_LOG_ROWS);
}
