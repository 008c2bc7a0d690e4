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
  /** How far from the place to look, in km (a no-results hint can widen it). */
  radiusKm: number;
}

/** How far a search near a place looks unless a hint widened it. */
export const DEFAULT_RADIUS_KM = 40;
const MAX_RADIUS_KM = 500;

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
    radiusKm: radiusOf(query.get('km')),
  };
}

function radiusOf(text: string | null): number {
  const km = Number(text);
  return text && Number.isFinite(km) && km > 0 ? Math.min(km, MAX_RADIUS_KM) : DEFAULT_RADIUS_KM;
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
    if (state.radiusKm !== DEFAULT_RADIUS_KM) query.set('km', String(state.radiusKm));
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
    radiusKm: state.place ? state.radiusKm : undefined,
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

/** A filter the API's no-results hints name (SearchHintFilter). */
export type HintFilter =
  | 'TEXT'
  | 'NEAR'
  | 'CATEGORIES'
  | 'POPULATIONS'
  | 'LANGUAGES'
  | 'INSURANCE'
  | 'AGE'
  | 'OPEN_NOW'
  | 'OPEN_AT_OR_UNTIL'
  | 'HAS_CAPACITY'
  | 'ACCEPTS_REFERRALS';

/** The hints that drop one of the screen's own filters. */
export const HINT_TOGGLE: Partial<Record<HintFilter, ActiveFilter>> = {
  POPULATIONS: 'serves',
  LANGUAGES: 'speaks',
  INSURANCE: 'mediCal',
  OPEN_NOW: 'openNow',
  HAS_CAPACITY: 'hasBeds',
  ACCEPTS_REFERRALS: 'acceptsReferrals',
};

/**
 * The search a no-results hint proposes: the same without that one filter (for the place, a wider
 * circle, or anywhere when `radiusKm` is null). Null when this screen cannot make that change (the
 * app never sets an age or an opening window) or nothing would be left to search for.
 */
export function applyHint(
  state: SearchState,
  hint: { filter: HintFilter; radiusKm?: number | null },
): SearchState | null {
  const toggle = HINT_TOGGLE[hint.filter];
  let next: SearchState | null = null;
  if (toggle) next = withoutFilter(state, toggle);
  else if (hint.filter === 'TEXT') next = { ...state, text: '' };
  else if (hint.filter === 'CATEGORIES') next = { ...state, need: null };
  else if (hint.filter === 'NEAR')
    next =
      hint.radiusKm == null
        ? { ...state, place: null, radiusKm: DEFAULT_RADIUS_KM }
        : { ...state, radiusKm: hint.radiusKm };
  return next && hasCriteria(next) ? next : null;
}
