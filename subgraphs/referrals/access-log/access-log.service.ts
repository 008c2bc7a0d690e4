import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLResolveInfo } from 'graphql';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../kit/errors';
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
   * The disclosures of one person's details over the past three years, newest first. Admins see all;
   * a referring organization's discharge planners see those of the referrals their organization made,
   * so they can hand the person their list.
   */
  async disclosures(personRef: string, first = 1_000, now = new Date()): Promise<ReferralAccess[]> {
    if (!this.identity.sub) throw new UnauthenticatedError();
    const since = new Date(now);
    since.setUTCFullYear(since.getUTCFullYear() - DISCLOSURE_YEARS);
    const where = { personRef, at: { $gte: since } };
    if (isAdmin(this.identity)) {
      return this.em.find(ReferralAccess, where, {
        orderBy: { at: 'desc', id: 'desc' },
        limit: clamp(first),
      });
    }
    if (!hasRole(this.identity, 'discharge_planner') || !this.identity.org) {
      throw new ForbiddenError(
        "Only admins and the referring organization's discharge planners list disclosures.",
      );
    }
    const ours = await this.em
      .getConnection()
      .execute<{ id: string }[]>(
        'select id from referral where person_ref = ? and referrer_org_id = ?',
        [personRef, this.identity.org],
      );
    if (!ours.length) return [];
    return this.em.find(
      ReferralAccess,
      { ...where, referralId: { $in: ours.map((r) => r.id) } },
      { orderBy: { at: 'desc', id: 'desc' }, limit: clamp(first) },
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
