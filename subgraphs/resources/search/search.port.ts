/**
 * The search port: what the directory asks of a search engine. Two engines implement it, the
 * Postgres one (embedded default) and Meilisearch; one contract test suite holds both to it.
 */

/**
 * How many matches a search counts (and facets) at most: as deep as a client can page (MAX_OFFSET),
 * and what Meilisearch counts by default. A screen shows "1,000+" beyond.
 */
export const COUNT_WINDOW = 1_000;

export type SearchSort = 'RELEVANCE' | 'DISTANCE' | 'NAME';

export type FacetField =
  'CATEGORY' | 'LANGUAGE' | 'POPULATION' | 'INSURANCE' | 'OPEN_NOW' | 'HAS_CAPACITY';
export const FACET_FIELDS: readonly FacetField[] = [
  'CATEGORY',
  'LANGUAGE',
  'POPULATION',
  'INSURANCE',
  'OPEN_NOW',
  'HAS_CAPACITY',
];

/** "Open now" reduced to plain filters: for each time zone in the index, the slot and dates to test. */
export interface OpenNowZone {
  timeZone: string;
  /** The 30-minute slot of the week it is now in that zone (Monday 00:00 = 0). */
  slot: number;
  /** The minute of the week it is now in that zone, for the exact weekly check. */
  minute: number;
  /** Local today and yesterday (YYYY-MM-DD): a holiday closure on them may change the answer. */
  dates: string[];
  /** A DST change is under way: the slot alone is not trusted, every candidate is checked exactly. */
  unsure: boolean;
}

/** "Open at" / "open until" (search/open-window.ts plans it). */
/** One zone's part of a window: the instants, the local minutes of the week, the dates touched. */
export interface WindowZone {
  timeZone: string;
  from: Date;
  /** Equal to `from` for "open at". */
  to: Date;
  /** Minutes of the week [start, end), Monday 00:00 = 0, split where the week wraps. */
  ranges: [number, number][];
  /** The same as 30-minute slots: every slot touched, and the two at the edges. */
  slotRanges: [number, number][];
  edgeSlots: number[];
  /** Local dates from the day before `from` to the day of `to`: a closure on them may change the answer. */
  dates: string[];
  /** The UTC offset changes within the window (or an hour either side): every candidate is checked. */
  unsure: boolean;
}

export interface OpenWindow {
  zones: WindowZone[];
  /** Documents known (by an exact check) not to be open in the window although their hours say so. */
  notOpenIds: string[];
}

/** A filter of a search that an empty-result hint drops (search/search-hints.ts). */
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

/** A search as the engines receive it: validated, categories expanded, synonyms resolved. */
export interface EngineQuery {
  /** Normalized free text (trimmed, single spaces), or null. */
  text: string | null;
  /** Alternatives per term group, for engines that take synonyms with the query (Postgres). */
  textGroups: string[][];
  near: { lat: number; lng: number } | null;
  radiusKm: number;
  /** Category ids, each parent already expanded to its children. */
  categories: string[];
  populations: string[];
  languages: string[];
  insurance: string[];
  age: number | null;
  openNow: boolean;
  hasCapacity: boolean | null;
  acceptsReferrals: boolean | null;
  sort: SearchSort;
  limit: number;
  offset: number;
  now: Date;
  zones: OpenNowZone[];
  /** Documents known (by an exact check) not to be open now although their slots say so. */
  notOpenIds: string[];
  /** "Open at" a time or "open until" an hour (openAt / openUntil), planned per zone; null when not asked. */
  openWindow: OpenWindow | null;
  wantTotal: boolean;
  wantFacets: boolean;
}

/** One hit: a resource at one location, with what the engine stored to judge it. */
export interface EngineHit {
  id: string;
  resourceId: string;
  locationId: string | null;
  distanceKm: number | null;
  timeZone: string | null;
  schedule: unknown;
  lastVerifiedAt: Date | null;
  status: string;
  /**
   * The listing's and the location's rows as their tables hold them now (column names as keys),
   * when the engine read them in its own statement (Postgres); absent when the caller must load
   * them (Meilisearch). A listing deleted since it was indexed has no row.
   */
  rows?: { resource: Record<string, unknown> | null; location: Record<string, unknown> | null };
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface EngineResult {
  hits: EngineHit[];
  /** Whether more hits follow this page. */
  hasMore: boolean;
  /** Matches counted, up to the counting window (COUNT_WINDOW); null when not asked for. */
  total: number | null;
  /** False when more match than `total` says (the count stopped at the window). */
  totalExact: boolean;
  facets: Partial<Record<FacetField, FacetCount[]>>;
}

/** A document whose slots say "open now" but whose exact hours must be checked. */
export interface UnsureCandidate {
  id: string;
  timeZone: string;
  schedule: unknown;
}

/** What changed, for the indexer: documents of these listings are rebuilt from the database. */
export interface IndexTarget {
  all: boolean;
  resourceIds: string[];
  locationIds: string[];
  organizationIds: string[];
}

export interface IndexStats {
  documents: number;
}

export interface ResourceSearch {
  readonly engine: 'postgres' | 'meilisearch';
  /** The time zones that documents are in, so "open now" can be planned per zone. */
  timeZones(): Promise<string[]>;
  /** Documents matching every filter but "open now" whose open-now answer needs an exact check. */
  unsureCandidates(query: EngineQuery, limit: number): Promise<UnsureCandidate[]>;
  /**
   * Documents matching every other filter whose answer to `openWindow` needs an exact check: a
   * closure on a date the window touches, a partly open slot at its edges, a DST change within it.
   */
  windowCandidates(query: EngineQuery, limit: number): Promise<UnsureCandidate[]>;
  search(query: EngineQuery): Promise<EngineResult>;
  /** Rebuilds the documents of the target from the database (deleting those that no longer exist). */
  refresh(target: IndexTarget): Promise<void>;
  /** Builds every document anew and swaps the result in at once. */
  rebuild(): Promise<void>;
  /** The index is missing, or was built in a way this code no longer searches well (a rebuild mends it). */
  needsRebuild(): Promise<boolean>;
  stats(): Promise<IndexStats>;
}
