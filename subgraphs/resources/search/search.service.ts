import type { Knex } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../kit/errors';
import { assertRole } from '../access';
import { languagesMatching } from '../language/languages';
import type { CategoryService } from '../category/category.service';
import type { Identity } from '../../kit/identity';
import { isStale } from '../resource/stale';
import { DEFAULT_TIME_ZONE } from '../location/location.service';
import { exactOpenState, planOpenNow } from './open-now';
import { openDuring, parseWhen, planWindow, type WindowRequest } from './open-window';
import { hoursOnly, relaxations, type SearchHint } from './search-hints';
import { DEFAULT_RADIUS_KM, MAX_SEARCH_PAGE, type ResourceSearchInput } from './search.inputs';
import {
  FACET_FIELDS,
  type EngineHit,
  type EngineQuery,
  type FacetCount,
  type FacetField,
  type ResourceSearch,
  type SearchSort,
} from './search.port';
import { query } from '../sql';
import { expandSynonyms, normalizeText } from './synonyms';

/** Deeper than this a peer refines the search instead; it also bounds the cost of a page. */
export const MAX_OFFSET = 1_000;
const MAX_TERM_GROUPS = 12;
/** More unsure "open now" candidates than this would be a bug or an attack; they are not checked. */
const MAX_UNSURE = 5_000;

export interface SearchHit {
  id: string;
  resourceId: string;
  locationId: string | null;
  distanceKm: number | null;
  openNow: boolean;
  nextOpenAt: Date | null;
  stale: boolean;
  /** The listing's and location's rows when the engine read them (see EngineHit.rows). */
  rows?: EngineHit['rows'];
}

export interface SearchPage {
  hits: SearchHit[];
  totalCount: number | null;
  totalCountExact: boolean;
  facets: { field: FacetField; values: FacetCount[] }[];
  /** Empty unless nothing matched and hints were asked for. */
  hints: SearchHint[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface SearchWants {
  total: boolean;
  facets: boolean;
  /** When nothing matches, count what each filter dropped would find (see search-hints.ts). */
  hints?: boolean;
}

/**
 * openAt (a moment) or openUntil (from now to then), parsed and checked against the directory's
 * home zone (so that a time out of range is refused even before any place is indexed);
 * BAD_USER_INPUT names the field.
 */
function windowRequest(input: ResourceSearchInput, now: Date): WindowRequest | null {
  const at = input.openAt ?? null;
  const until = input.openUntil ?? null;
  if (at !== null && until !== null)
    throw new BadUserInputError('give openAt or openUntil, not both', 'openUntil');
  const request: WindowRequest | null =
    at !== null
      ? { from: parseWhen(at, 'openAt'), to: null }
      : until !== null
        ? { from: 'now', to: parseWhen(until, 'openUntil') }
        : null;
  if (request) planWindow([DEFAULT_TIME_ZONE], request, now, at !== null ? 'openAt' : 'openUntil');
  return request;
}

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeOffset(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const bad = new BadUserInputError('is not a cursor this service gave out', 'after');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw bad;
  }
  const offset = (parsed as { o?: unknown } | null)?.o;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
    throw bad;
  return offset;
}

/** searchResources: turns the input into an engine query, checks "open now" exactly, shapes the page. */
export class SearchService {
  constructor(
    private readonly engine: Promise<ResourceSearch>,
    private readonly categories: CategoryService,
    private readonly identity: Identity,
    private readonly db: Knex,
  ) {}

  async search(
    input: ResourceSearchInput,
    wants: SearchWants,
    now = new Date(),
  ): Promise<SearchPage> {
    const q = await this.toQuery(input, wants, now);
    const window = windowRequest(input, now);
    const engine = await this.engine;
    if (window) {
      const field =
        input.openUntil !== null && input.openUntil !== undefined ? 'openUntil' : 'openAt';
      q.openWindow = planWindow(await engine.timeZones(), window, now, field);
      q.openWindow.notOpenIds = await this.notOpenInWindow(engine, q);
    }
    if (q.openNow || q.wantFacets) {
      q.zones = planOpenNow(await engine.timeZones(), now);
      q.notOpenIds = await this.notOpenNow(engine, q, now);
    }
    const result = await engine.search(q);
    const hints =
      wants.hints && result.hits.length === 0 && q.offset === 0
        ? await this.hints(engine, q, now)
        : [];
    const hits = result.hits.map((hit): SearchHit => {
      const state =
        hit.status === 'ACTIVE' ? exactOpenState(hit.schedule, hit.timeZone, now) : null;
      return {
        id: hit.id,
        resourceId: hit.resourceId,
        locationId: hit.locationId,
        distanceKm: hit.distanceKm === null ? null : Math.round(hit.distanceKm * 1000) / 1000,
        openNow: state?.openNow ?? false,
        nextOpenAt: state?.nextOpenAt ?? null,
        stale: isStale(hit.lastVerifiedAt, now),
        rows: hit.rows,
      };
    });
    return {
      hits,
      totalCount: result.total,
      totalCountExact: result.totalExact,
      facets: FACET_FIELDS.filter((f) => result.facets[f]).map((field) => ({
        field,
        values: result.facets[field]!,
      })),
      hints,
      pageInfo: {
        hasNextPage: result.hasMore && q.offset + hits.length <= MAX_OFFSET,
        endCursor: hits.length ? encodeOffset(q.offset + hits.length) : null,
      },
    };
  }

  /** Of the documents "open now" may be wrong about, those the exact check finds closed. */
  private async notOpenNow(engine: ResourceSearch, q: EngineQuery, now: Date): Promise<string[]> {
    const unsure = await engine.unsureCandidates(q, MAX_UNSURE);
    return unsure
      .filter((c) => !exactOpenState(c.schedule, c.timeZone, now).openNow)
      .map((c) => c.id);
  }

  /** Of the documents "open at / until" may be wrong about, those the exact check finds closed. */
  private async notOpenInWindow(engine: ResourceSearch, q: EngineQuery): Promise<string[]> {
    const zones = new Map((q.openWindow?.zones ?? []).map((z) => [z.timeZone, z]));
    const doubtful = await engine.windowCandidates(q, MAX_UNSURE);
    return doubtful
      .filter((c) => {
        const zone = zones.get(c.timeZone);
        return !zone || !openDuring(c.schedule, c.timeZone, zone.from, zone.to);
      })
      .map((c) => c.id);
  }

  /**
   * Nothing matched: per filter given, how many match without it. Each relaxed search may reach
   * documents whose hours the exact check has not seen, so the hours are checked once more, for the
   * query with every filter but the hours dropped (usually no statement: no closure today); then
   * one count per filter.
   */
  private async hints(engine: ResourceSearch, q: EngineQuery, now: Date): Promise<SearchHint[]> {
    const wide = hoursOnly(q);
    const notOpenIds = q.openNow ? await this.notOpenNow(engine, wide, now) : q.notOpenIds;
    const window = q.openWindow
      ? { ...q.openWindow, notOpenIds: await this.notOpenInWindow(engine, wide) }
      : null;
    const hints: SearchHint[] = [];
    for (const r of relaxations({ ...q, notOpenIds, openWindow: window })) {
      const result = await engine.search(r.query);
      hints.push({
        filter: r.filter,
        count: result.total ?? 0,
        countExact: result.totalExact,
        radiusKm: r.radiusKm,
      });
    }
    return hints.sort((a, b) => b.count - a.count);
  }

  /** Validates what class-validator cannot (categories, cursor, sort) and resolves synonyms. */
  async toQuery(input: ResourceSearchInput, wants: SearchWants, now: Date): Promise<EngineQuery> {
    const text = input.text ? normalizeText(input.text) : '';
    const near = input.near ? { lat: input.near.lat, lng: input.near.lng } : null;
    let sort: SearchSort = input.sort ?? (text ? 'RELEVANCE' : near ? 'DISTANCE' : 'NAME');
    if (sort === 'DISTANCE' && !near)
      throw new BadUserInputError('DISTANCE needs near {lat, lng}', 'sort');
    if (sort === 'RELEVANCE' && !text) sort = near ? 'DISTANCE' : 'NAME';
    const limit = input.first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_PAGE) {
      throw new BadUserInputError(`must be between 1 and ${MAX_SEARCH_PAGE}`, 'first');
    }
    const categories = input.categories?.length
      ? await this.categories.expand(input.categories, 'categories')
      : [];
    return {
      text: text || null,
      textGroups: text ? expandSynonyms(text).slice(0, MAX_TERM_GROUPS) : [],
      near,
      radiusKm: input.radiusKm ?? DEFAULT_RADIUS_KM,
      categories,
      populations: [...new Set(input.populations ?? [])],
      languages: languagesMatching(input.languages ?? []),
      insurance: [...new Set(input.insurance ?? [])],
      age: input.age ?? null,
      openNow: input.openNow === true,
      hasCapacity: input.hasCapacity ?? null,
      acceptsReferrals: input.acceptsReferrals ?? null,
      sort,
      limit,
      offset: decodeOffset(input.after),
      now,
      zones: [],
      notOpenIds: [],
      openWindow: null,
      wantTotal: wants.total,
      wantFacets: wants.facets,
    };
  }

  /** For administrators: engine, documents, waiting changes and the last error. */
  async status() {
    assertRole(this.identity, ['admin'], 'see the search index status');
    const engine = await this.engine;
    const [outbox] = await query<{ n: number; oldest: number | string | null }>(
      this.db,
      `select count(*)::int as n, extract(epoch from now() - min(created_at))::float8 as oldest from search_outbox`,
    );
    const [state] = await query<{
      last_error: string | null;
      last_error_at: Date | null;
      last_indexed_at: Date | null;
    }>(
      this.db,
      'select last_error, last_error_at, last_indexed_at from search_index_status where engine = ?',
      [engine.engine],
    );
    let documents: number | null = null;
    let reachError: string | null = null;
    try {
      documents = (await engine.stats()).documents;
    } catch (error) {
      reachError = `the ${engine.engine} engine cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
    }
    return {
      engine: engine.engine,
      documents,
      pendingChanges: outbox?.n ?? 0,
      oldestPendingAgeSeconds:
        outbox?.oldest === null || outbox?.oldest === undefined ? null : Number(outbox.oldest),
      lastError: reachError ?? state?.last_error ?? null,
      lastErrorAt: state?.last_error_at ? new Date(state.last_error_at) : null,
      lastIndexedAt: state?.last_indexed_at ? new Date(state.last_indexed_at) : null,
    };
  }
}
