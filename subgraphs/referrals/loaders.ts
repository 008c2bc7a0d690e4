import DataLoader from 'dataloader';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferralConsent } from './consent/consent.entity';
import { isUuid } from '../kit/ids';
import { byIdLoader } from '../kit/loaders';
import { CASELOAD } from './referral/referral-lifecycle';
import { ReferralEvent } from './referral/referral-event.entity';
import { ReferralNote } from './referral/referral-note.entity';
import { Referral } from './referral/referral.entity';

/**
 * Rows for reading only, as plain objects: no identity map, no change tracking. A page of fifty
 * referrals with their history is a few hundred rows, and making managed entities of them cost more
 * than the queries themselves.
 */
export function readRows<T extends object>(
  em: EntityManager,
  entity: new () => T,
  where: FilterQuery<T>,
  orderBy: Record<string, 'asc' | 'desc'>,
  limit?: number,
): Promise<T[]> {
  const qb = em.createQueryBuilder(entity).select('*').where(where).orderBy(orderBy);
  if (limit !== undefined) qb.limit(limit);
  return qb.execute<T[]>('all');
}

function byReferral<T extends { referralId: string }>(
  em: EntityManager,
  entity: new () => T,
  orderBy: Record<string, 'asc' | 'desc'>,
) {
  return new DataLoader<string, T[]>(async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await readRows(em, entity, { referralId: { $in: valid } } as FilterQuery<T>, orderBy)
      : [];
    const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) groups.get(row.referralId)?.push(row);
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/**
 * One batched statement per kind of lookup per request, whatever the page size: the history,
 * notes and consents of fifty referrals are three queries, not a hundred and fifty.
 */
export function createLoaders(em: EntityManager) {
  return {
    // Managed: the change services edit the referral this returns.
    referral: byIdLoader(em, Referral),
    consents: byReferral(em, ReferralConsent, { recordedAt: 'asc', id: 'asc' }),
    history: byReferral(em, ReferralEvent, { id: 'asc' }),
    notes: byReferral(em, ReferralNote, { createdAt: 'asc', id: 'asc' }),
    caseload: new DataLoader<string, number>(async (peerIds) => {
      const rows = await em
        .getConnection()
        .execute<{ peer: string; n: number }[]>(
          'select assigned_peer_id as peer, count(*)::int as n from referral where assigned_peer_id in (?) and status in (?) group by 1',
          [[...peerIds], [...CASELOAD]],
        );
      const map = new Map(rows.map((r) => [r.peer, r.n]));
      return peerIds.map((id) => map.get(id) ?? 0);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
