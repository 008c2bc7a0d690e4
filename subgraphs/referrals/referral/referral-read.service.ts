import DataLoader from 'dataloader';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../../kit/errors';
import { hasRole, isAdmin, type Identity } from '../../kit/identity';
import { afterKey, emptyPage, keysetPage, type Page } from '../../kit/pagination';
import { canSee, involvement, type Involvement } from '../access';
import { isUuid } from '../../kit/ids';
import { readRows, type Loaders } from '../loaders';
import { ACTIVE } from './referral-lifecycle';
import { Referral } from './referral.entity';
import { ReferralOrder } from './referral.enums';
import type { ReferralFilter } from './referral.inputs';

/** Reading referrals: only those the caller may see (what of the person, ReferralDisclosureService decides). */
export class ReferralReadService {
  /** A peer's open referrals that the caller may see, for every peer of a response in one query. */
  private readonly activeOfPeer = new DataLoader<string, Referral[]>(async (peerIds) => {
    const rows = await readRows(
      this.em,
      Referral,
      {
        $and: [
          this.visibleWhere(),
          { assignedPeerId: { $in: [...peerIds] }, status: { $in: [...ACTIVE] } },
        ],
      },
      { createdAt: 'desc', id: 'desc' },
    );
    return peerIds.map((id) => rows.filter((r) => r.assignedPeerId === id));
  });

  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly loaders: Loaders,
  ) {}

  activeForPeer(peerId: string): Promise<Referral[]> {
    return this.activeOfPeer.load(peerId);
  }

  involvement(referral: Referral): Involvement {
    return involvement(this.identity, referral);
  }

  /** A referral the caller may see; NOT_FOUND for any other, so that ids give nothing away. */
  async get(id: string): Promise<Referral> {
    if (!this.identity.sub) throw new UnauthenticatedError('Sign in to see referrals.');
    const referral = await this.loaders.referral.load(id);
    if (!referral || !canSee(this.involvement(referral))) throw new NotFoundError('Referral', id);
    return referral;
  }

  /** The referrals the caller may see, as a condition the database applies. */
  visibleWhere(): FilterQuery<Referral> {
    const { sub, org, peer } = this.identity;
    if (!sub) throw new UnauthenticatedError('Sign in to see referrals.');
    if (isAdmin(this.identity)) return {};
    const any: FilterQuery<Referral>[] = [{ createdBy: sub }];
    if (org && hasRole(this.identity, 'discharge_planner')) any.push({ referrerOrgId: org });
    if (org && isUuid(org) && hasRole(this.identity, 'partner')) {
      any.push({ receivingOrgId: org, requestedAt: { $ne: null } });
    }
    if (peer && hasRole(this.identity, 'peer')) any.push({ assignedPeerId: peer });
    return any.length === 1 ? any[0] : { $or: any };
  }

  /**
   * Newest first (or oldest first), in keyset pages: two statements (page and count) whatever the
   * page size. A cursor belongs to its order: one from the other order is refused, not misread.
   */
  async list(
    filter: ReferralFilter | undefined | null,
    first?: number | null,
    after?: string | null,
    scope: FilterQuery<Referral> = {},
    order: ReferralOrder = ReferralOrder.NEWEST_FIRST,
  ): Promise<Page<Referral>> {
    const direction = order === ReferralOrder.OLDEST_FIRST ? 'asc' : 'desc';
    const where = this.filterWhere(filter);
    if (!where) return emptyPage();
    const all: FilterQuery<Referral> = { $and: [this.visibleWhere(), scope, ...where] };
    const page = await keysetPage<Referral>({
      first,
      after,
      cursorField: direction === 'asc' ? 'o' : 'c',
      sortValue: (row) => row.createdAt.toISOString(),
      validSortValue: (value) => !Number.isNaN(Date.parse(String(value))),
      rows: (cursor, limit) =>
        readRows(
          this.em,
          Referral,
          {
            $and: [
              all,
              cursor
                ? afterKey<Referral>('createdAt', new Date(cursor.value), cursor.id, direction)
                : {},
            ],
          },
          { createdAt: direction, id: direction },
          limit,
        ),
      count: () => this.em.count(Referral, all),
    });
    for (const node of page.nodes) this.loaders.referral.prime(node.id, node);
    return page;
  }

  /** The filter as conditions, or null when it cannot match anything (an id that is not a UUID). */
  private filterWhere(filter: ReferralFilter | undefined | null): FilterQuery<Referral>[] | null {
    const where: FilterQuery<Referral>[] = [];
    if (!filter) return where;
    if (filter.status?.length) where.push({ status: { $in: filter.status } });
    if (filter.urgency?.length) where.push({ urgency: { $in: filter.urgency } });
    if (filter.resourceId) {
      if (!isUuid(filter.resourceId)) return null;
      where.push({ resourceId: filter.resourceId });
    }
    if (filter.organizationId) {
      if (!isUuid(filter.organizationId)) return null;
      where.push({ receivingOrgId: filter.organizationId });
    }
    if (filter.assignedPeerId) where.push({ assignedPeerId: filter.assignedPeerId });
    if (filter.dischargeFrom && filter.dischargeTo && filter.dischargeFrom >= filter.dischargeTo) {
      throw new BadUserInputError('must be before dischargeTo', 'filter.dischargeFrom');
    }
    if (filter.dischargeFrom) where.push({ expectedDischargeAt: { $gte: filter.dischargeFrom } });
    if (filter.dischargeTo) where.push({ expectedDischargeAt: { $lt: filter.dischargeTo } });
    return where;
  }
}
