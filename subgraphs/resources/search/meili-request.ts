/**
 * Meilisearch requests as plain data: index settings, documents, and the search parameters for a
 * query (filters, sort, facets). Pure functions with unit tests of their own; meili-search.ts sends
 * what these build. Names follow the documented API (https://www.meilisearch.com/docs/reference/api).
 */
import type { EngineQuery, OpenNowZone, OpenWindow, WindowZone } from './search.port';
import { meiliSynonyms } from './synonyms';

export interface MeiliDocument {
  id: string;
  resourceId: string;
  locationId: string | null;
  organizationId: string;
  name: string;
  alternateName: string | null;
  description: string | null;
  organizationName: string;
  locationName: string | null;
  city: string | null;
  categoryNames: string;
  populationNames: string;
  categories: string[];
  populations: string[];
  languages: string[];
  insurance: string[];
  minimumAge: number | null;
  maximumAge: number | null;
  acceptsReferrals: boolean;
  hasCapacity: boolean;
  capacityAvailable: number | null;
  status: string;
  lastVerifiedAt: number | null;
  _geo: { lat: number; lng: number } | null;
  timeZone: string | null;
  schedule: unknown;
  openSlots: number[];
  partialSlots: number[];
  closureDates: string[];
}

/** A row of the `search_source` view. */
export interface SourceRow {
  id: string;
  resource_id: string;
  location_id: string | null;
  organization_id: string;
  name: string;
  alternate_name: string | null;
  description: string | null;
  organization_name: string;
  location_name: string | null;
  city: string | null;
  status: string;
  category_ids: string[];
  category_names: string;
  populations: string[];
  languages: string[];
  insurance: string[];
  minimum_age: number | null;
  maximum_age: number | null;
  accepts_referrals: boolean;
  capacity_available: number | null;
  last_verified_at: Date | string | null;
  latitude: number | null;
  longitude: number | null;
  time_zone: string | null;
  schedule: unknown;
  open_slots: number[];
  closure_dates: (Date | string)[];
}

/** Open slots that are open only for part of their 30 minutes: "open now" there needs the exact check. */
export function partialSlots(schedule: unknown, openSlots: readonly number[]): number[] {
  const full = new Set<number>();
  const weekly =
    (schedule as { weekly?: { day: string; opensAt: string; closesAt: string }[] } | null)
      ?.weekly ?? [];
  const days = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  for (const w of weekly) {
    const day = days.indexOf(w.day);
    if (day < 0) continue;
    const a = day * 1440 + minutes(w.opensAt);
    const end = minutes(w.closesAt);
    const b = day * 1440 + (end > minutes(w.opensAt) ? end : end + 1440);
    for (let slot = Math.ceil(a / 30); slot <= Math.floor(b / 30) - 1; slot++) full.add(slot % 336);
  }
  return openSlots.filter((slot) => !full.has(slot));
}

function isoDate(value: Date | string): string {
  return value instanceof Date
    ? `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`
    : value.slice(0, 10);
}

export function toMeiliDocument(row: SourceRow): MeiliDocument {
  const hasGeo = row.latitude !== null && row.longitude !== null;
  return {
    id: row.id,
    resourceId: row.resource_id,
    locationId: row.location_id,
    organizationId: row.organization_id,
    name: row.name,
    alternateName: row.alternate_name,
    description: row.description,
    organizationName: row.organization_name,
    locationName: row.location_name,
    city: row.city,
    categoryNames: row.category_names,
    populationNames: row.populations.map((p) => p.toLowerCase().replace(/_/g, ' ')).join(', '),
    categories: row.category_ids,
    populations: row.populations,
    languages: row.languages,
    insurance: row.insurance,
    minimumAge: row.minimum_age,
    maximumAge: row.maximum_age,
    acceptsReferrals: row.accepts_referrals,
    hasCapacity: (row.capacity_available ?? 0) > 0,
    capacityAvailable: row.capacity_available,
    status: row.status,
    lastVerifiedAt: row.last_verified_at ? new Date(row.last_verified_at).getTime() : null,
    _geo: hasGeo ? { lat: Number(row.latitude), lng: Number(row.longitude) } : null,
    timeZone: row.time_zone,
    schedule: row.schedule,
    openSlots: row.open_slots,
    partialSlots: partialSlots(row.schedule, row.open_slots),
    closureDates: row.closure_dates.map(isoDate),
  };
}

/** Index settings: what is searched, filtered, sorted; synonyms; typo tolerance ("fod" finds "food"). */
export function meiliSettings() {
  return {
    searchableAttributes: [
      'name',
      'alternateName',
      'categoryNames',
      'organizationName',
      'description',
      'locationName',
      'city',
      'populationNames',
    ],
    filterableAttributes: [
      'id',
      'resourceId',
      'locationId',
      'organizationId',
      'categories',
      'populations',
      'languages',
      'insurance',
      'minimumAge',
      'maximumAge',
      'acceptsReferrals',
      'hasCapacity',
      'status',
      'timeZone',
      'openSlots',
      'partialSlots',
      'closureDates',
      '_geo',
    ],
    sortableAttributes: ['_geo', 'name'],
    synonyms: meiliSynonyms(),
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 3, twoTypos: 7 } },
    faceting: { maxValuesPerFacet: 30 },
    pagination: { maxTotalHits: 10_000 },
  };
}

/** A string in a Meilisearch filter expression, quoted and escaped. */
export function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

function list(values: readonly (string | number)[]): string {
  return `[${values.map((v) => (typeof v === 'number' ? String(v) : quote(v))).join(', ')}]`;
}

/** Slot or closure match in one zone: the prefilter of "open now". */
function zoneMatch(z: OpenNowZone): string {
  return `(timeZone = ${quote(z.timeZone)} AND (openSlots = ${z.slot} OR closureDates IN ${list(z.dates)}))`;
}

/** Every filter but "open now", as Meilisearch filter expressions that must all hold. */
export function baseFilters(q: EngineQuery): string[] {
  const filters: string[] = [];
  if (q.near)
    filters.push(`_geoRadius(${q.near.lat}, ${q.near.lng}, ${Math.round(q.radiusKm * 1000)})`);
  if (q.categories.length) filters.push(`categories IN ${list(q.categories)}`);
  if (q.populations.length) filters.push(`populations IN ${list(q.populations)}`);
  if (q.languages.length) filters.push(`languages IN ${list(q.languages)}`);
  if (q.insurance.length) filters.push(`insurance IN ${list(q.insurance)}`);
  if (q.age !== null) {
    filters.push(
      `(minimumAge IS NULL OR minimumAge <= ${q.age})`,
      `(maximumAge IS NULL OR maximumAge >= ${q.age})`,
    );
  }
  if (q.hasCapacity !== null) filters.push(`hasCapacity = ${q.hasCapacity}`);
  if (q.acceptsReferrals !== null) filters.push(`acceptsReferrals = ${q.acceptsReferrals}`);
  return filters;
}

export function openNowFilters(q: EngineQuery): string[] {
  if (q.zones.length === 0) return ['id = "-"']; // no zone known: nothing is open
  const filters = ['status = "ACTIVE"', `(${q.zones.map(zoneMatch).join(' OR ')})`];
  if (q.notOpenIds.length) filters.push(`id NOT IN ${list(q.notOpenIds)}`);
  return filters;
}

/** The slots the window touches, or a closure on a date it touches: the prefilter of "open at / until". */
function windowZoneMatch(z: WindowZone): string {
  const slots = z.slotRanges.map(([a, b]) => `openSlots ${a} TO ${b - 1}`);
  return `(timeZone = ${quote(z.timeZone)} AND (${[...slots, `closureDates IN ${list(z.dates)}`].join(' OR ')}))`;
}

export function windowFilters(window: OpenWindow): string[] {
  if (window.zones.length === 0) return ['id = "-"'];
  const filters = ['status = "ACTIVE"', `(${window.zones.map(windowZoneMatch).join(' OR ')})`];
  if (window.notOpenIds.length) filters.push(`id NOT IN ${list(window.notOpenIds)}`);
  return filters;
}

/** Every filter of the query, "open now" and "open at / until" included when asked. */
export function allFilters(q: EngineQuery): string[] {
  return [
    ...baseFilters(q),
    ...(q.openNow ? openNowFilters(q) : []),
    ...(q.openWindow ? windowFilters(q.openWindow) : []),
  ];
}

/**
 * Candidates whose "open at / until" needs the exact check: a partly open slot at the window's
 * edges (slots inside it are wholly inside), a closure on a date it touches, a DST change.
 */
export function buildWindowRequest(
  indexUid: string,
  q: EngineQuery,
  limit: number,
): MeiliSearchRequest {
  const zones = (q.openWindow?.zones ?? []).map((z) =>
    z.unsure
      ? windowZoneMatch(z)
      : `(${windowZoneMatch(z)} AND (partialSlots IN ${list(z.edgeSlots)} OR closureDates IN ${list(z.dates)}))`,
  );
  return {
    indexUid,
    q: q.text,
    filter: [
      ...baseFilters(q),
      'status = "ACTIVE"',
      zones.length ? `(${zones.join(' OR ')})` : 'id = "-"',
    ],
    limit,
    offset: 0,
    attributesToRetrieve: ['id', 'timeZone', 'schedule'],
    matchingStrategy: 'all',
  };
}

export function meiliSort(q: EngineQuery): string[] | undefined {
  const geo = q.near ? `_geoPoint(${q.near.lat}, ${q.near.lng}):asc` : undefined;
  if (q.sort === 'DISTANCE') return geo ? [geo] : undefined;
  if (q.sort === 'NAME') return ['name:asc'];
  // RELEVANCE: Meilisearch's ranking rules; with no text, nearest first.
  return q.text ? undefined : geo ? [geo] : ['name:asc'];
}

export const MEILI_FACETS = [
  'categories',
  'languages',
  'populations',
  'insurance',
  'hasCapacity',
] as const;

export const HIT_ATTRIBUTES = [
  'id',
  'resourceId',
  'locationId',
  '_geo',
  'timeZone',
  'schedule',
  'lastVerifiedAt',
  'status',
];

export interface MeiliSearchRequest {
  indexUid: string;
  q: string | null;
  filter: string[];
  sort?: string[];
  facets?: string[];
  limit: number;
  offset: number;
  attributesToRetrieve: string[];
  matchingStrategy?: 'all' | 'last';
}

/**
 * The requests of one search, for one multi-search call: the page (with facets), and when facets are
 * wanted, a count of the hits open now (Meilisearch has no computed facets).
 */
export function buildSearchRequests(indexUid: string, q: EngineQuery): MeiliSearchRequest[] {
  const base = baseFilters(q);
  const window = q.openWindow ? windowFilters(q.openWindow) : [];
  const page: MeiliSearchRequest = {
    indexUid,
    q: q.text,
    filter: allFilters(q),
    sort: meiliSort(q),
    limit: q.limit + 1,
    offset: q.offset,
    attributesToRetrieve: HIT_ATTRIBUTES,
    matchingStrategy: 'all',
  };
  if (q.wantFacets) page.facets = [...MEILI_FACETS];
  const requests = [page];
  if (q.wantFacets) {
    requests.push({
      indexUid,
      q: q.text,
      filter: [...base, ...window, ...openNowFilters(q)],
      limit: 0,
      offset: 0,
      attributesToRetrieve: ['id'],
      matchingStrategy: 'all',
    });
  }
  return requests;
}

/** Candidates whose "open now" needs the exact check: a partly open slot, a closure, a DST change. */
export function buildUnsureRequest(
  indexUid: string,
  q: EngineQuery,
  limit: number,
): MeiliSearchRequest {
  const zones = q.zones.map((z) => {
    const unsure = z.unsure
      ? 'true'
      : `(partialSlots = ${z.slot} OR closureDates IN ${list(z.dates)})`;
    return z.unsure ? zoneMatch(z) : `(${zoneMatch(z)} AND ${unsure})`;
  });
  return {
    indexUid,
    q: q.text,
    filter: [...baseFilters(q), zones.length ? `(${zones.join(' OR ')})` : 'id = "-"'],
    limit,
    offset: 0,
    attributesToRetrieve: ['id', 'timeZone', 'schedule'],
    matchingStrategy: 'all',
  };
}

/** Great-circle distance in km (haversine, mean Earth radius). */
export function haversineKm(
  a: { lat: number; lng: number },
  b: { lat: number; lng: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
