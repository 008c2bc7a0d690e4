import type { Knex } from '@mikro-orm/postgresql';
import {
  Meilisearch,
  type EnqueuedTaskPromise,
  type Index,
  type MultiSearchParams,
} from 'meilisearch';
import {
  buildSearchRequests,
  buildUnsureRequest,
  buildWindowRequest,
  haversineKm,
  meiliSettings,
  quote,
  toMeiliDocument,
  type MeiliDocument,
  type SourceRow,
} from './meili-request';
import {
  COUNT_WINDOW,
  type EngineQuery,
  type EngineResult,
  type FacetCount,
  type FacetField,
  type IndexStats,
  type IndexTarget,
  type ResourceSearch,
  type UnsureCandidate,
} from './search.port';
import { LISTINGS_OF_TARGET_SQL } from './search-sql';
import { query } from '../sql';

export interface MeiliOptions {
  host: string;
  apiKey?: string;
  index: string;
}

const BATCH = 5_000;
const TASK_TIMEOUT_MS = 120_000;

const FACET_NAMES: Record<string, FacetField> = {
  categories: 'CATEGORY',
  languages: 'LANGUAGE',
  populations: 'POPULATION',
  insurance: 'INSURANCE',
  hasCapacity: 'HAS_CAPACITY',
};

type Hit = Pick<
  MeiliDocument,
  | 'id'
  | 'resourceId'
  | 'locationId'
  | '_geo'
  | 'timeZone'
  | 'schedule'
  | 'lastVerifiedAt'
  | 'status'
>;

/**
 * The client's index swap as this engine calls it: without `rename`, which the client's type asks
 * for but servers before v1.18 refuse (false is the default).
 */
interface IndexSwapper {
  swapIndexes(params: { indexes: [string, string] }[]): EnqueuedTaskPromise;
}

/**
 * The Meilisearch engine, when MEILI_HOST is set. Documents are built from the same `search_source`
 * view as the Postgres engine's, so both answer the same questions the same way.
 */
export class MeiliSearch implements ResourceSearch {
  readonly engine = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private settingsApplied = false;

  constructor(
    private readonly db: Knex,
    private readonly options: MeiliOptions,
  ) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
  }

  private index(uid = this.options.index): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(uid);
  }

  async timeZones(): Promise<string[]> {
    const result = await this.index().search(null, { facets: ['timeZone'], limit: 0 });
    return Object.keys(result.facetDistribution?.timeZone ?? {}).sort();
  }

  async unsureCandidates(q: EngineQuery, limit: number): Promise<UnsureCandidate[]> {
    if (q.zones.length === 0) return [];
    const { indexUid: _uid, q: text, ...params } = buildUnsureRequest(this.options.index, q, limit);
    const result = await this.index().search<Hit>(text, params);
    return result.hits.map((h) => ({ id: h.id, timeZone: h.timeZone ?? '', schedule: h.schedule }));
  }

  async windowCandidates(q: EngineQuery, limit: number): Promise<UnsureCandidate[]> {
    if (!q.openWindow || q.openWindow.zones.length === 0) return [];
    const { indexUid: _uid, q: text, ...params } = buildWindowRequest(this.options.index, q, limit);
    const result = await this.index().search<Hit>(text, params);
    return result.hits.map((h) => ({ id: h.id, timeZone: h.timeZone ?? '', schedule: h.schedule }));
  }

  async search(q: EngineQuery): Promise<EngineResult> {
    const requests = buildSearchRequests(this.options.index, q);
    const { results } = await this.client.multiSearch<MultiSearchParams, Hit>({
      queries: requests,
    });
    const page = results[0];
    const hits = page.hits.slice(0, q.limit).map((h) => ({
      id: h.id,
      resourceId: h.resourceId,
      locationId: h.locationId,
      distanceKm: q.near && h._geo ? haversineKm(q.near, h._geo) : null,
      timeZone: h.timeZone,
      schedule: h.schedule,
      lastVerifiedAt: h.lastVerifiedAt === null ? null : new Date(h.lastVerifiedAt),
      status: h.status,
    }));
    const total = (page as { estimatedTotalHits?: number }).estimatedTotalHits ?? null;
    const facets: EngineResult['facets'] = {};
    for (const [attribute, values] of Object.entries(page.facetDistribution ?? {})) {
      const field = FACET_NAMES[attribute];
      if (!field) continue;
      facets[field] = Object.entries(values)
        .map(([value, count]): FacetCount => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    if (q.wantFacets && total !== null) {
      const open =
        (results[1] as { estimatedTotalHits?: number } | undefined)?.estimatedTotalHits ?? 0;
      facets.OPEN_NOW = [
        { value: 'true', count: open },
        { value: 'false', count: Math.max(0, total - open) },
      ].filter((v) => v.count > 0);
    }
    // The count stops where the Postgres engine's does, so that both engines say the same. (Its
    // facets are over every match: Meilisearch counts them that way at no extra cost.)
    return {
      hits,
      hasMore: page.hits.length > q.limit,
      total: q.wantTotal && total !== null ? Math.min(total, COUNT_WINDOW) : null,
      totalExact: total === null || total <= COUNT_WINDOW,
      facets,
    };
  }

  async refresh(target: IndexTarget): Promise<void> {
    if (target.all) return this.rebuild();
    await this.ensureIndex(this.options.index);
    // Every document of the listings touched, read by listing (see LISTINGS_OF_TARGET_SQL).
    const resourceIds = (
      await query<{ id: string }>(this.db, LISTINGS_OF_TARGET_SQL, [
        target.resourceIds,
        target.locationIds,
        target.organizationIds,
      ])
    ).map((r) => r.id);
    const rows = await query<SourceRow>(
      this.db,
      'select * from search_source where resource_id = any(?::uuid[])',
      [resourceIds],
    );
    const documents = rows.map(toMeiliDocument);
    const index = this.index();
    if (documents.length)
      await index
        .addDocuments(documents, { primaryKey: 'id' })
        .waitTask({ timeout: TASK_TIMEOUT_MS });
    // Then remove what these listings no longer have (a location unlinked, a listing unpublished).
    const scope = [
      resourceIds.length ? `resourceId IN [${resourceIds.map(quote).join(', ')}]` : null,
      target.locationIds.length
        ? `locationId IN [${target.locationIds.map(quote).join(', ')}]`
        : null,
      target.organizationIds.length
        ? `organizationId IN [${target.organizationIds.map(quote).join(', ')}]`
        : null,
    ].filter(Boolean);
    if (scope.length === 0) return;
    const keep = documents.length
      ? ` AND id NOT IN [${documents.map((d) => quote(d.id)).join(', ')}]`
      : '';
    await index
      .deleteDocuments({ filter: `(${scope.join(' OR ')})${keep}` })
      .waitTask({ timeout: TASK_TIMEOUT_MS });
  }

  /** Builds a new index from the database, then swaps it with the live one in one atomic step. */
  async rebuild(): Promise<void> {
    const live = this.options.index;
    const next = `${live}_next_${Date.now().toString(36)}`;
    await this.ensureIndex(live);
    await this.client
      .createIndex(next, { primaryKey: 'id' })
      .waitTask({ timeout: TASK_TIMEOUT_MS });
    await this.index(next).updateSettings(meiliSettings()).waitTask({ timeout: TASK_TIMEOUT_MS });
    let after = '';
    for (;;) {
      const rows = await query<SourceRow>(
        this.db,
        'select * from search_source where id > ? order by id limit ?',
        [after, BATCH],
      );
      if (rows.length === 0) break;
      await this.index(next)
        .addDocuments(rows.map(toMeiliDocument))
        .waitTask({ timeout: TASK_TIMEOUT_MS });
      after = rows[rows.length - 1].id;
    }
    // `rename` is left out: servers before v1.18 refuse unknown fields, and false is the default.
    const swapper: IndexSwapper = this.client;
    await swapper.swapIndexes([{ indexes: [live, next] }]).waitTask({ timeout: TASK_TIMEOUT_MS });
    await this.client.deleteIndex(next).waitTask({ timeout: TASK_TIMEOUT_MS });
  }

  /** A new (or lost) index, or one that does not answer, is built from the database. */
  async needsRebuild(): Promise<boolean> {
    const stats = await this.stats().catch(() => null);
    return !stats?.documents;
  }

  async stats(): Promise<IndexStats> {
    const stats = await this.index().getStats();
    return { documents: stats.numberOfDocuments };
  }

  /** Creates the index with its settings the first time it is used. */
  private async ensureIndex(uid: string): Promise<void> {
    if (this.settingsApplied) return;
    const exists = await this.index(uid)
      .getRawInfo()
      .then(() => true)
      .catch(() => false);
    if (!exists)
      await this.client
        .createIndex(uid, { primaryKey: 'id' })
        .waitTask({ timeout: TASK_TIMEOUT_MS });
    await this.index(uid).updateSettings(meiliSettings()).waitTask({ timeout: TASK_TIMEOUT_MS });
    this.settingsApplied = true;
  }

  /** Removes the index (tests use an index of their own). */
  async drop(): Promise<void> {
    await this.client.deleteIndexIfExists(this.options.index);
  }
}
