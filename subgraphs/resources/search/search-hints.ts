/**
 * Empty results that help: when a search finds nothing, how many it would find without each one
 * filter it has (for a place, within a wider circle). One count per filter given, each bounded by
 * the counting window like any search.
 */
import type { EngineQuery, HintFilter } from './search.port';
import { MAX_RADIUS_KM } from './search.inputs';

export interface SearchHint {
  filter: HintFilter;
  /** Matches without that filter, counted up to COUNT_WINDOW. */
  count: number;
  countExact: boolean;
  /** For NEAR: the wider radius counted (null: anywhere). */
  radiusKm: number | null;
}

/** Each filter of the query, with the query that drops (or, for a place, widens) it. */
export function relaxations(
  q: EngineQuery,
): { filter: HintFilter; query: EngineQuery; radiusKm: number | null }[] {
  const out: { filter: HintFilter; query: EngineQuery; radiusKm: number | null }[] = [];
  const add = (filter: HintFilter, change: Partial<EngineQuery>, radiusKm: number | null = null) =>
    out.push({ filter, query: { ...q, ...change }, radiusKm });
  if (q.textGroups.length) add('TEXT', { text: null, textGroups: [] });
  if (q.near) {
    // Twice as far, at least 50 km ("within 50 km: 2"); already as far as search goes: anywhere.
    const wider = Math.min(MAX_RADIUS_KM, Math.max(50, q.radiusKm * 2));
    if (q.radiusKm >= MAX_RADIUS_KM)
      add('NEAR', { near: null, sort: q.sort === 'DISTANCE' ? 'NAME' : q.sort });
    else add('NEAR', { radiusKm: wider }, wider);
  }
  if (q.categories.length) add('CATEGORIES', { categories: [] });
  if (q.populations.length) add('POPULATIONS', { populations: [] });
  if (q.languages.length) add('LANGUAGES', { languages: [] });
  if (q.insurance.length) add('INSURANCE', { insurance: [] });
  if (q.age !== null) add('AGE', { age: null });
  if (q.openNow) add('OPEN_NOW', { openNow: false });
  if (q.openWindow) add('OPEN_AT_OR_UNTIL', { openWindow: null });
  if (q.hasCapacity !== null) add('HAS_CAPACITY', { hasCapacity: null });
  if (q.acceptsReferrals !== null) add('ACCEPTS_REFERRALS', { acceptsReferrals: null });
  // Only the count is wanted: the smallest page, no facets.
  for (const r of out)
    r.query = { ...r.query, limit: 1, offset: 0, wantTotal: true, wantFacets: false };
  return out;
}

/** The query with every filter but the hours dropped: the widest set whose hours a hint may count. */
export function hoursOnly(q: EngineQuery): EngineQuery {
  return {
    ...q,
    text: null,
    textGroups: [],
    near: null,
    categories: [],
    populations: [],
    languages: [],
    insurance: [],
    age: null,
    hasCapacity: null,
    acceptsReferrals: null,
  };
}
