import { isNeed, NEEDS, type Need } from './needs';
import { isPopulation, type Population, type SearchInput } from './queries';

/** The yes/no filters, as the screen names them. */
export const TOGGLES = ['openNow', 'hasBeds', 'acceptsReferrals', 'mediCal'] as const;
export type Toggle = (typeof TOGGLES)[number];

/**
 * What the Find screen searches for. It lives in the address (`/?need=bed&lat=…`), so a search can
 * be shared, survives a reload, and Back from a listing returns to the same results.
 */
export interface SearchState {
  text: string;
  need: Need | null;
  place: { lat: number; lng: number; label: string } | null;
  toggles: Record<Toggle, boolean>;
  /** ISO 639-1 code staff speak. */
  speaks: string | null;
  serves: Population | null;
}

const PARAM: Record<Toggle, string> = {
  openNow: 'open',
  hasBeds: 'beds',
  acceptsReferrals: 'referrals',
  mediCal: 'medical',
};

export function parseSearch(query: URLSearchParams): SearchState {
  const need = query.get('need');
  const serves = query.get('serves');
  const lat = Number(query.get('lat'));
  const lng = Number(query.get('lng'));
  const hasPlace =
    query.has('lat') && query.has('lng') && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
  return {
    text: query.get('q')?.slice(0, 200) ?? '',
    need: isNeed(need) ? need : null,
    place: hasPlace ? { lat, lng, label: query.get('place') ?? '' } : null,
    toggles: Object.fromEntries(TOGGLES.map((t) => [t, query.get(PARAM[t]) === '1'])) as Record<
      Toggle,
      boolean
    >,
    speaks: query.get('speaks') || null,
    serves: isPopulation(serves) ? serves : null,
  };
}

/** The address of a search (keeping `lang` and other parameters the Find screen does not own). */
export function searchHref(state: SearchState, keep?: URLSearchParams): string {
  const query = new URLSearchParams();
  const lang = keep?.get('lang');
  if (lang) query.set('lang', lang);
  if (state.text) query.set('q', state.text);
  if (state.need) query.set('need', state.need);
  if (state.place) {
    query.set('lat', state.place.lat.toFixed(4));
    query.set('lng', state.place.lng.toFixed(4));
    if (state.place.label) query.set('place', state.place.label);
  }
  for (const toggle of TOGGLES) if (state.toggles[toggle]) query.set(PARAM[toggle], '1');
  if (state.speaks) query.set('speaks', state.speaks);
  if (state.serves) query.set('serves', state.serves);
  const text = query.toString();
  return text ? `/?${text}` : '/';
}

/** Anything to search for? An empty screen shows the needs, not the whole directory. */
export const hasCriteria = (state: SearchState): boolean =>
  Boolean(state.text || state.need || state.place);

export type ActiveFilter = Toggle | 'speaks' | 'serves';

export function activeFilters(state: SearchState): ActiveFilter[] {
  const active: ActiveFilter[] = TOGGLES.filter((t) => state.toggles[t]);
  if (state.speaks) active.push('speaks');
  if (state.serves) active.push('serves');
  return active;
}

export function withoutFilter(state: SearchState, filter: ActiveFilter): SearchState {
  if (filter === 'speaks') return { ...state, speaks: null };
  if (filter === 'serves') return { ...state, serves: null };
  return { ...state, toggles: { ...state.toggles, [filter]: false } };
}

/** The API's ResourceSearchInput for a state (variables of the search document). */
export function searchInput(state: SearchState, first = 20, after?: string): SearchInput {
  return {
    text: state.text || undefined,
    categories: state.need ? [...NEEDS[state.need]] : undefined,
    near: state.place ? { lat: state.place.lat, lng: state.place.lng } : undefined,
    radiusKm: state.place ? 40 : undefined,
    sort: state.place ? 'DISTANCE' : 'RELEVANCE',
    openNow: state.toggles.openNow || undefined,
    hasCapacity: state.toggles.hasBeds || undefined,
    acceptsReferrals: state.toggles.acceptsReferrals || undefined,
    insurance: state.toggles.mediCal ? ['MEDI_CAL'] : undefined,
    languages: state.speaks ? [state.speaks] : undefined,
    populations: state.serves ? [state.serves] : undefined,
    first,
    after,
  };
}
