import type { Knex } from '@mikro-orm/postgresql';
import {
  COUNT_WINDOW,
  type EngineHit,
  type EngineQuery,
  type EngineResult,
  type FacetCount,
  type FacetField,
  type IndexStats,
  type IndexTarget,
  type OpenWindow,
  type ResourceSearch,
  type UnsureCandidate,
  type WindowZone,
} from './search.port';
import {
  insertDocumentsSql,
  insertFacetValuesSql,
  insertWordsSql,
  LISTINGS_OF_TARGET_SQL,
  searchDocumentIndexSql,
  searchDocumentTableSql,
} from './search-sql';
import { joinSql, query, sql, type SqlBuilder } from '../sql';
import {
  conceptToken,
  CONCEPTS,
  insertConceptsSql,
  titleToken,
  tsqueryOf,
  tsqueryText,
} from './concepts';

const TABLE = 'search_document';
const FACET_LIMIT = 30;
const KEPT_MS = 5_000;
const RANK_SAMPLE = 1_001;

interface Row {
  id: string;
  resource_id: string;
  location_id: string | null;
  distance_km: number | null;
  time_zone: string | null;
  schedule: unknown;
  last_verified_at: Date | string | null;
  status: string;
  resource: Record<string, unknown> | null;
  location: Record<string, unknown> | null;
}

/** Which documents a target names, as a condition on `resource_id`, `location_id`, `organization_id`. */
function targetWhere(target: IndexTarget, alias: string): SqlBuilder {
  if (target.all) return sql('true');
  const a = alias ? `${alias}.` : '';
  return sql(
    `(${a}resource_id = any(?::uuid[]) or ${a}location_id = any(?::uuid[]) or ${a}organization_id = any(?::uuid[]))`,
    target.resourceIds,
    target.locationIds,
    target.organizationIds,
  );
}

/**
 * The embedded default engine: one table of documents with full-text (tsvector, unaccent,
 * synonyms), trigram (typos), earthdistance (cube GiST) and GIN array indexes. One search is one
 * statement, plus one small one for the exact "open now" check when that is asked for.
 */
export class PostgresSearch implements ResourceSearch {
  readonly engine = 'postgres' as const;

  /** Small answers kept for a few seconds (other processes' edits show within that), by key. */
  private readonly kept = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly db: Knex,
    /**
     * A text search without a place ranks at most this many matches: ranking reads every match, and
     * a word such as "shelter" matches a sixth of a nationwide directory. The sample takes the
     * documents named or filed under a word of the query first (the title index), then other
     * matches only when those are too few. With a place, the circle bounds the matches instead.
     */
    private readonly rankSample = RANK_SAMPLE,
  ) {}

  /** The zones change only when a location in a new zone is indexed. */
  async timeZones(): Promise<string[]> {
    return this.keep('zones', async () =>
      (
        await query<{ time_zone: string }>(
          this.db,
          'select time_zone from search_time_zone order by 1',
        )
      ).map((r) => r.time_zone),
    );
  }

  /** The synonym groups the documents were indexed with (see concepts.ts), by token. */
  private indexedConcepts(): Promise<ReadonlySet<string>> {
    return this.keep(
      'concepts',
      async () =>
        new Set(
          (await query<{ token: string }>(this.db, 'select token from search_concept')).map(
            (r) => r.token,
          ),
        ),
    );
  }

  /** The documents were indexed with other synonym groups than this code's. */
  async needsRebuild(): Promise<boolean> {
    const indexed = await this.indexedConcepts();
    return indexed.size !== CONCEPTS.length || CONCEPTS.some((c) => !indexed.has(c.token));
  }

  /**
   * The candidates the SQL answer cannot settle: a holiday closure or special hours today or
   * yesterday (by local date), or a zone in the middle of a DST change. Usually none or a handful.
   */
  async unsureCandidates(q: EngineQuery, limit: number): Promise<UnsureCandidate[]> {
    if (q.zones.length === 0) return [];
    const where = this.filters(q, await this.indexedConcepts(), false);
    const dates = [...new Set(q.zones.flatMap((z) => z.dates))];
    // On most days no listing has a closure today or yesterday: then only a DST change leaves doubt.
    if (!q.zones.some((z) => z.unsure) && !(await this.anyClosureOn(dates))) return [];
    // Which dates count depends on the zone: a CASE rather than ORs, so that the planner has one
    // index to consider (closures are rare) instead of weighing bitmap paths for every zone.
    const closures = sql('case d.time_zone');
    for (const z of q.zones)
      closures.add('when ? then d.closure_dates && ?::date[]', z.timeZone, z.dates);
    const unsure = sql('(d.closure_dates && ?::date[] and', dates)
      .append(closures)
      .add('else false end)');
    for (const z of q.zones.filter((zone) => zone.unsure)) {
      unsure.add(
        'or (d.time_zone = ? and d.open_minutes && int4range(?, ?))',
        z.timeZone,
        z.minute - 60,
        z.minute + 61,
      );
    }
    const statement = sql(
      'select d.id, d.time_zone, l.schedule from search_document d join location l on l.id = d.location_id where',
    )
      .append(where)
      .add('and (')
      .append(unsure)
      .add(') limit ?', limit);
    const rows = await query<{ id: string; time_zone: string; schedule: unknown }>(
      this.db,
      statement.text,
      statement.params,
    );
    return rows.map((r) => ({ id: r.id, timeZone: r.time_zone, schedule: r.schedule }));
  }

  async windowCandidates(q: EngineQuery, limit: number): Promise<UnsureCandidate[]> {
    const window = q.openWindow;
    if (!window || window.zones.length === 0) return [];
    const dates = [...new Set(window.zones.flatMap((z) => z.dates))];
    if (!window.zones.some((z) => z.unsure) && !(await this.anyClosureOn(dates))) return [];
    const doubt = joinSql(
      window.zones.map((z) =>
        z.unsure
          ? sql('(d.time_zone = ? and', z.timeZone).append(windowZoneMatch(z)).add(')')
          : sql('(d.time_zone = ? and d.closure_dates && ?::date[])', z.timeZone, z.dates),
      ),
      ' or ',
    );
    const statement = sql(
      'select d.id, d.time_zone, l.schedule from search_document d join location l on l.id = d.location_id where',
    )
      .append(this.filters(q, await this.indexedConcepts(), false))
      .add(" and d.status = 'ACTIVE' and (")
      .append(doubt)
      .add(') limit ?', limit);
    const rows = await query<{ id: string; time_zone: string; schedule: unknown }>(
      this.db,
      statement.text,
      statement.params,
    );
    return rows.map((r) => ({ id: r.id, timeZone: r.time_zone, schedule: r.schedule }));
  }

  /** Whether any document has a closure on one of these dates. */
  private anyClosureOn(dates: string[]): Promise<boolean> {
    return this.keep(`closures:${[...dates].sort().join(',')}`, async () => {
      // A plain EXISTS lets the planner expect a match within the first rows and scan the whole
      // table, which on a day without closures (most days) reads every document: 50 ms at 100,000,
      // every few seconds. Planned on its own, the lookup walks the closure-date index instead, and
      // the EXISTS still stops at its first row (0.2 ms without closures, about 10 ms on a holiday
      // that closes a third of the directory).
      const [row] = await query<{ found: boolean }>(
        this.db,
        `with hit as materialized (select 1 from ${TABLE} d where d.closure_dates && ?::date[])
         select exists (select 1 from hit) as found`,
        [dates],
      );
      return row?.found === true;
    });
  }

  /** The kept answer for `key`, or a fresh one (a failure is not kept). */
  private keep<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const found = this.kept.get(key);
    if (found && found.until > now) return found.value as Promise<T>;
    for (const [k, v] of this.kept) if (v.until <= now) this.kept.delete(k);
    const entry = { until: now + KEPT_MS, value: load() };
    this.kept.set(key, entry);
    entry.value.catch(() => this.kept.get(key) === entry && this.kept.delete(key));
    return entry.value;
  }

  /** What this process indexed may add a zone or a closure: read them afresh. */
  private forgetCached(): void {
    this.kept.clear();
  }

  /**
   * One statement: the matches in result order, cut off at the counting window (COUNT_WINDOW, or
   * deeper when the page is), so that no search reads more than about a thousand matches beyond
   * what ordering needs. Nearest-first pages walk the cube index in distance order (`<->`) and stop;
   * relevance and name orders rank every match (a text search without a place, every match of its
   * sample) but keep only the window. The count and the facets are taken over the window: exact up
   * to COUNT_WINDOW matches, "at least" beyond.
   */
  async search(input: EngineQuery): Promise<EngineResult> {
    const [q, concepts] = await Promise.all([this.withCorrections(input), this.indexedConcepts()]);
    const where = this.filters(q, concepts, q.openNow, true);
    const distance = q.near ? haversineKm(q.near) : sql('null::float8');
    const rank = q.textGroups.length ? this.rank(q) : sql('0::float8');
    const byDistance = q.sort === 'DISTANCE' && q.near !== null;
    // Ranking reads every match it ranks: a text search ranks a bounded sample of its matches, the
    // strongest (without a place) or the nearest (with one; see sample()).
    const sampled = q.sort === 'RELEVANCE' && q.textGroups.length > 0;
    // Ordering keys of the window: the cube distance is what the GiST index returns in order, and it
    // grows with the great-circle distance, so "nearest first" reads only the nearest rows.
    const key = byDistance
      ? sql('d.geo <-> ll_to_earth(?, ?)', q.near!.lat, q.near!.lng)
      : q.sort === 'RELEVANCE' && q.textGroups.length
        ? sampled
          ? sql('-(d.boost +').append(rank).add(')')
          : sql('-').append(rank)
        : sql('0::float8');
    const order = byDistance
      ? 'k, id'
      : q.sort === 'RELEVANCE' && q.textGroups.length
        ? `k${q.near ? ', distance_km asc nulls last' : ''}, name, id`
        : q.near
          ? 'distance_km asc nulls last, name, id'
          : 'name, id';
    const counted = q.wantTotal || q.wantFacets;
    const window = counted
      ? Math.max(COUNT_WINDOW, q.offset + q.limit) + 1
      : q.offset + q.limit + 1;
    // How many matches the sample held: a full sample means more may match than were ranked. When
    // the window holds the whole sample, that is the window's own count; else a count over it.
    const seenInWindow = sampled && this.rankSample <= window;
    // Only narrow columns go through the window; the page's rows are read after.
    const statement = sql('with w as (select d.id, d.name, d.facet_codes,')
      .append(distance)
      .add('as distance_km,')
      .append(key)
      // What the "open now" facet needs is carried, and judged only for the window's rows.
      .add(q.wantFacets ? 'as k, d.status, d.time_zone, d.open_minutes, d.closure_dates' : 'as k')
      .add(sampled && !seenInWindow ? ', count(*) over () as seen' : '')
      .append(
        sampled
          ? this.sample(q, concepts, where)
          : sql('from search_document d where').append(where),
      )
      // Nearest first: the index's order alone (a tie-break here would make Postgres read every match
      // to sort the ties); ties are ordered by id inside the window.
      .add(
        `order by ${byDistance ? 'k' : order} limit ?), m as materialized (select d.*, row_number() over (order by ${order}) as ord,`,
        window,
      )
      .append(q.wantFacets ? this.openNow(q, 'guess') : sql('false'))
      .add('as open_guess from w d),')
      .add(
        `page as (select id, distance_km, ord from m where ord > ? order by ord limit ?)`,
        q.offset,
        q.limit + 1,
      )
      .add(
        `select (select coalesce(json_agg(json_build_object('id', d.id, 'resource_id', d.resource_id,
              'location_id', d.location_id, 'distance_km', p.distance_km, 'time_zone', d.time_zone,
              'schedule', l.schedule, 'last_verified_at', d.last_verified_at, 'status', d.status,
              'resource', to_jsonb(r), 'location', to_jsonb(l)) order by p.ord), '[]'::json)
            from page p join search_document d on d.id = p.id left join location l on l.id = d.location_id
            left join resource r on r.id = d.resource_id) as hits`,
      )
      .add(
        counted
          ? `, (select count(*) from m where ord <= ${COUNT_WINDOW + 1})::int as total`
          : ', null::int as total',
      )
      .add(
        seenInWindow
          ? ', (select count(*) from m)::int as seen'
          : sampled
            ? ', (select max(seen) from m)::int as seen'
            : ', 0 as seen',
      )
      .add(q.wantFacets ? `, ${FACETS_SQL} as facets` : ', null::json as facets');
    const [row] = await query<{
      hits: Row[];
      total: number | null;
      seen: number | null;
      facets: [string, number][] | null;
    }>(this.db, statement.text, statement.params);
    const rows = row?.hits ?? [];
    const hits: EngineHit[] = rows.slice(0, q.limit).map((r) => ({
      id: r.id,
      resourceId: r.resource_id,
      locationId: r.location_id,
      distanceKm: r.distance_km === null ? null : Number(r.distance_km),
      timeZone: r.time_zone,
      schedule: r.schedule,
      lastVerifiedAt: r.last_verified_at ? new Date(r.last_verified_at) : null,
      status: r.status,
      // The page's rows come with it, so the caller need not read them again.
      rows: { resource: r.resource, location: r.location },
    }));
    const total = row?.total ?? null;
    return {
      hits,
      hasMore: rows.length > q.limit,
      total: q.wantTotal && total !== null ? Math.min(total, COUNT_WINDOW) : null,
      totalExact: (total === null || total <= COUNT_WINDOW) && (row?.seen ?? 0) < this.rankSample,
      facets: facetsFrom(row?.facets ?? null),
    };
  }

  async refresh(target: IndexTarget): Promise<void> {
    if (target.all) return this.rebuild();
    await this.db.transaction(async (trx) => {
      // Documents are rebuilt by listing (see LISTINGS_OF_TARGET_SQL).
      const resourceIds = (
        await query<{ id: string }>(trx, LISTINGS_OF_TARGET_SQL, [
          target.resourceIds,
          target.locationIds,
          target.organizationIds,
        ])
      ).map((r) => r.id);
      // Every document of those listings, and any still at a location named (no listing is there now).
      const del = sql(`delete from ${TABLE} where`).append(
        targetWhere({ ...target, resourceIds }, ''),
      );
      await query(trx, del.text, del.params);
      const facets = sql(insertFacetValuesSql('s.resource_id = any(?::uuid[])'), resourceIds);
      await query(trx, facets.text, facets.params);
      const ins = sql(insertDocumentsSql(TABLE, 's.resource_id = any(?::uuid[])'), resourceIds);
      await query(trx, ins.text, ins.params);
      const words = sql(insertWordsSql(TABLE, 'd.resource_id = any(?::uuid[])'), resourceIds);
      await query(trx, words.text, words.params);
      const zones = sql(
        `insert into search_time_zone select distinct l.time_zone from location l where l.id = any(?::uuid[])
           or l.organization_id = any(?::uuid[])
           or l.id in (select rl.location_id from resource_location rl where rl.resource_id = any(?::uuid[]))
         on conflict do nothing`,
        target.locationIds,
        target.organizationIds,
        target.resourceIds,
      );
      await query(trx, zones.text, zones.params);
    });
    this.forgetCached();
  }

  /**
   * Builds a new table beside the live one, indexes it, and swaps it in, all in one transaction:
   * searches keep reading the old table meanwhile, and the indexer's refreshes wait (their outbox
   * rows stay until they succeed on the new table), so nothing changed during the build is lost.
   */
  async rebuild(): Promise<void> {
    const next = `${TABLE}_next`;
    const suffix = `_${Date.now().toString(36)}`;
    await this.db.transaction(async (trx) => {
      await query(trx, `lock table ${TABLE} in share mode`);
      await query(trx, `drop table if exists ${next}`);
      await query(trx, searchDocumentTableSql(next));
      // The documents are indexed with this code's synonym groups (see concepts.ts).
      await query(trx, 'delete from search_concept');
      const concepts = insertConceptsSql();
      await query(trx, concepts.text, concepts.params);
      await query(trx, insertFacetValuesSql('true'));
      await query(trx, insertDocumentsSql(next, 'true'));
      for (const statement of searchDocumentIndexSql(next, suffix)) await query(trx, statement);
      await query(trx, `lock table ${TABLE} in access exclusive mode`);
      await query(trx, `drop table ${TABLE}`);
      await query(trx, `alter table ${next} rename to ${TABLE}`);
      await query(
        trx,
        'insert into search_time_zone select distinct time_zone from location on conflict do nothing',
      );
      await query(trx, insertWordsSql(TABLE, 'true'));
    });
    this.forgetCached();
    await query(this.db, `analyze ${TABLE}`);
  }

  async stats(): Promise<IndexStats> {
    // The planner's estimate once a table is large; an exact count while it is small.
    const [row] = await query<{ n: number }>(
      this.db,
      `select case when c.reltuples > 100000 then c.reltuples::bigint else (select count(*) from ${TABLE}) end::int as n
       from pg_class c where c.oid = '${TABLE}'::regclass`,
    );
    return { documents: row?.n ?? 0 };
  }

  /**
   * Typo tolerance: each one-word term that is not a word of the directory also matches its nearest
   * directory words ("fod" → "food"), found with one trigram lookup for the whole query, and the
   * directory words it is with two neighbouring letters swapped ("shleter" → "shelter", which
   * shares too few trigrams to be found by similarity).
   */
  private async withCorrections(q: EngineQuery): Promise<EngineQuery> {
    // Only a word that is no synonym is corrected or can be a stop word alone: a query made of
    // synonym phrases ("food pantry", "detox") needs no lookup at all.
    if (q.textGroups.every((g) => g.length > 1)) return q;
    const terms = [
      ...new Set(
        q.textGroups
          .filter((g) => g.length === 1 && /^[\p{L}\p{N}]{3,40}$/u.test(g[0]))
          .map((g) => g[0]),
      ),
    ];
    const swaps = terms.filter((t) => t.length >= 4).flatMap((t) => swapped(t).map((v) => [t, v]));
    // One statement: the corrections, and which groups are only stop words ("for", "the") and so
    // must not be asked of the text (an empty tsquery matches nothing).
    const [row] = await query<{
      corrections: [string, string][];
      swapped: [string, string][];
      empty: number[];
    }>(
      this.db,
      `select
         (select coalesce(json_agg(json_build_array(t.term, w.word)), '[]'::json) from unnest(?::text[]) as t(term)
          cross join lateral (select word, similarity(word, t.term) as s from search_word where word % t.term
                              order by word <-> t.term limit 3) w
          where w.s >= 0.4) as corrections,
         (select coalesce(json_agg(json_build_array(t.term, w.word)), '[]'::json)
          from unnest(?::text[], ?::text[]) as t(term, variant) join search_word w on w.word = t.variant) as swapped,
         (select coalesce(array_agg(g.i::int), '{}') from unnest(?::text[]) with ordinality as g(term, i)
          where numnode(websearch_to_tsquery('english'::regconfig, g.term)) = 0) as empty`,
      [
        terms,
        swaps.map(([term]) => term),
        swaps.map(([, variant]) => variant),
        q.textGroups.map((g) => tsqueryText(g[0])),
      ],
    );
    const empty = new Set((row?.empty ?? []).map((i) => i - 1));
    const pairs = [...(row?.corrections ?? []), ...(row?.swapped ?? [])];
    const known = new Set(pairs.filter(([term, word]) => word === term).map(([term]) => term));
    const corrections = new Map<string, string[]>();
    for (const [term, word] of pairs) {
      if (!known.has(term) && word !== term)
        corrections.set(term, [...(corrections.get(term) ?? []), word]);
    }
    const textGroups = q.textGroups
      .filter((_, i) => !empty.has(i))
      .map((g) =>
        g.length === 1 && corrections.has(g[0]) ? [...g, ...corrections.get(g[0])!] : g,
      );
    return { ...q, textGroups, text: textGroups.length ? q.text : null };
  }

  /**
   * Every filter of the query as one condition on `d`; "open now" only when `withOpenNow`, "open
   * at / until" only when `withWindow`.
   */
  private filters(
    q: EngineQuery,
    concepts: ReadonlySet<string>,
    withOpenNow: boolean,
    withWindow = false,
  ): SqlBuilder {
    const parts: SqlBuilder[] = [sql('true')];
    for (const group of q.textGroups) parts.push(textMatch(group, concepts, 'text'));
    if (q.near) {
      const meters = q.radiusKm * 1000;
      // The cube box finds candidates through the GiST index; the exact great-circle test is
      // plain float arithmetic on the row (several times cheaper per row than earth_distance).
      parts.push(
        sql('earth_box(ll_to_earth(?, ?), ?) @> d.geo and', q.near.lat, q.near.lng, meters)
          .append(haversineKm(q.near))
          .add('<= ?', q.radiusKm)
          .add('and')
          .append(somethingWithin(q.near, q.radiusKm, meters)),
      );
    }
    if (q.categories.length) parts.push(sql('d.category_ids && ?::text[]', q.categories));
    if (q.populations.length) parts.push(sql('d.populations && ?::text[]', q.populations));
    if (q.languages.length) parts.push(sql('d.languages && ?::text[]', q.languages));
    if (q.insurance.length) parts.push(sql('d.insurance && ?::text[]', q.insurance));
    if (q.age !== null) {
      parts.push(
        sql(
          '(d.minimum_age is null or d.minimum_age <= ?) and (d.maximum_age is null or d.maximum_age >= ?)',
          q.age,
          q.age,
        ),
      );
    }
    if (q.hasCapacity !== null) {
      parts.push(
        q.hasCapacity
          ? sql('d.capacity_available > 0')
          : sql('coalesce(d.capacity_available, 0) = 0'),
      );
    }
    if (q.acceptsReferrals !== null) parts.push(sql('d.accepts_referrals = ?', q.acceptsReferrals));
    if (withOpenNow) parts.push(this.openNow(q, 'filter'));
    if (withWindow && q.openWindow) parts.push(windowFilter(q.openWindow));
    return joinSql(parts, ' and ');
  }

  /**
   * Open now, per time zone: the weekly open time at minute resolution (a multirange, GiST) answers
   * exactly for regular hours; a closure today or yesterday is let through for the exact check in
   * code (openState), whose verdicts come back as `notOpenIds`. As a filter (indexable ORs) or a per-row guess for the facet.
   */
  private openNow(q: EngineQuery, as: 'filter' | 'guess'): SqlBuilder {
    if (q.zones.length === 0) return sql('false');
    // During a DST change the local minute is ambiguous: anything open within the hour either side
    // is a candidate, and the exact check settles it.
    const zone = (z: EngineQuery['zones'][number]) =>
      z.unsure
        ? sql(
            '(d.open_minutes && int4range(?, ?) or d.closure_dates && ?::date[])',
            z.minute - 60,
            z.minute + 61,
            z.dates,
          )
        : sql('(d.open_minutes @> ?::int or d.closure_dates && ?::date[])', z.minute, z.dates);
    const out = sql("(d.status = 'ACTIVE'");
    if (q.notOpenIds.length) out.add('and not (d.id = any(?::text[]))', q.notOpenIds);
    if (as === 'filter') {
      out
        .add('and (')
        .append(
          joinSql(
            q.zones.map((z) => sql('(d.time_zone = ? and', z.timeZone).append(zone(z)).add(')')),
            ' or ',
          ),
        )
        .add(')');
    } else {
      out.add('and case d.time_zone');
      for (const z of q.zones) out.add('when ? then', z.timeZone).append(zone(z));
      out.add('else false end');
    }
    return out.add(')');
  }

  /**
   * The ranked sample of a text search, at most `rankSample` matches. With a place, the nearest.
   * Without one, matches with every term of the query in their title (see TITLE_TSV_COLUMN) first,
   * then the others; the second branch is never read when the first fills the sample (a limit over
   * an append stops pulling).
   */
  private sample(q: EngineQuery, concepts: ReadonlySet<string>, where: SqlBuilder): SqlBuilder {
    const n = this.rankSample;
    // Only what the window reads (ranking, facets, the "open now" guess) goes through the sample.
    const columns =
      'd.id, d.name, d.facet_codes, d.status, d.time_zone, d.open_minutes, d.closure_dates';
    if (q.near) {
      // With a place: the nearest matches within the radius, read in distance order from the GiST
      // index, which stops once it has them. Ranking every match within the radius read all of a
      // dense city's box (116,000 documents around Manhattan at 1,000,000) to keep a tenth.
      return sql(
        `from (select ${columns}, d.latitude, d.longitude, d.tsv, 0 as boost
          from search_document d where`,
      )
        .append(where)
        .add('order by d.geo <-> ll_to_earth(?, ?) limit ?) d', q.near.lat, q.near.lng, n);
    }
    // Every term group in the title implies it in the whole text: the first branch asks only the
    // title index (one bitmap, not an AND with the whole-text index's far larger one).
    const inTitle = joinSql(
      q.textGroups.map((g) => textMatch(g, concepts, 'title')),
      ' and ',
    );
    // Title matches are ranked on their title alone (a short vector, cheap to rank), above every
    // other match (`boost`); the others on their whole text.
    return sql(
      `from ((select ${columns}, d.title_tsv as tsv, 1 as boost from search_document d where`,
    )
      .append(inTitle)
      .add('and')
      .append(this.filters({ ...q, textGroups: [] }, concepts, q.openNow, true))
      .add(
        `limit ${n}) union all (select ${columns}, d.tsv, 0 as boost from search_document d where`,
      )
      .append(where)
      .add('and not (')
      .append(inTitle)
      .add(')')
      .add(`limit ${n}) limit ${n}) d`);
  }

  private rank(q: EngineQuery): SqlBuilder {
    const all = q.textGroups.flat();
    return sql('ts_rank(d.tsv, (').append(tsqueryOf(all)).add('), 1)');
  }
}

/**
 * A term group (any of its phrases) in the whole text or in the title part: the group's concept
 * token when the documents were indexed with it, else its phrases.
 */
function textMatch(
  group: string[],
  concepts: ReadonlySet<string>,
  where: 'text' | 'title',
): SqlBuilder {
  const token = conceptToken(group);
  if (concepts.has(token))
    return sql('d.concepts @> ?::text[]', [where === 'title' ? titleToken(token) : token]);
  return sql(`d.${where === 'title' ? 'title_tsv' : 'tsv'} @@ (`)
    .append(tsqueryOf(group))
    .add(')');
}

/** The word with each pair of neighbouring letters swapped (the commonest typo), each once. */
function swapped(word: string): string[] {
  const letters = [...word];
  const out = new Set<string>();
  for (let i = 0; i + 1 < letters.length; i++) {
    if (letters[i] === letters[i + 1]) continue;
    const next = [...letters];
    [next[i], next[i + 1]] = [next[i + 1], next[i]];
    out.add(next.join(''));
  }
  return [...out];
}

/** The weekly open minutes overlap the window's, or a closure on a date it touches may. */
function windowZoneMatch(z: WindowZone): SqlBuilder {
  const ranges = `{${z.ranges.map(([a, b]) => `[${a},${b})`).join(',')}}`;
  return sql(
    '(d.open_minutes && ?::int4multirange or d.closure_dates && ?::date[])',
    ranges,
    z.dates,
  );
}

/**
 * Open at some moment of the window, per time zone; candidates a closure or DST leaves in doubt
 * were checked exactly, and those found closed come back as `notOpenIds`.
 */
function windowFilter(window: OpenWindow): SqlBuilder {
  if (window.zones.length === 0) return sql('false');
  const out = sql("(d.status = 'ACTIVE'");
  if (window.notOpenIds.length) out.add('and not (d.id = any(?::text[]))', window.notOpenIds);
  return out
    .add('and (')
    .append(
      joinSql(
        window.zones.map((z) =>
          sql('(d.time_zone = ? and', z.timeZone).append(windowZoneMatch(z)).add(')'),
        ),
        ' or ',
      ),
    )
    .add('))');
}

/**
 * Whether any document lies within the radius at all, judged once per statement from the nearest
 * one (a single step of the GiST index in distance order). The box finds candidates up to 1.7 ×
 * the radius away at its corners; when none of them is within the radius (a place with no listing
 * near, beside a city full of them), every statement would otherwise read all of the box's
 * documents to find nothing: 76,000 of them, 100 ms, at 1,000,000. A condition without a row in it,
 * so Postgres tests it before the scan and skips the scan when it fails. The nearest distance is a
 * chord of the earth() sphere; the radius becomes the chord of the same central angle as the
 * haversine's, plus a metre.
 */
function somethingWithin(p: { lat: number; lng: number }, radiusKm: number, meters: number) {
  const chord = `2 * earth() * sin(? / (2 * 6371.0088)) + 1`;
  return sql(
    `(select e.geo <-> ll_to_earth(?, ?) from ${TABLE} e where earth_box(ll_to_earth(?, ?), ?) @> e.geo
      order by e.geo <-> ll_to_earth(?, ?) limit 1) <= ${chord}`,
    p.lat,
    p.lng,
    p.lat,
    p.lng,
    meters,
    p.lat,
    p.lng,
    radiusKm,
  );
}

/** Great-circle distance from `p` to the document, in km (haversine, mean Earth radius). */
function haversineKm(p: { lat: number; lng: number }): SqlBuilder {
  return sql(
    `(12742.0176 * asin(least(1, sqrt(power(sin(radians(d.latitude - ?) / 2), 2)
      + ? * cos(radians(d.latitude)) * power(sin(radians(d.longitude - ?) / 2), 2)))))`,
    p.lat,
    Math.cos((p.lat * Math.PI) / 180),
    p.lng,
  );
}

/** Every facet in one pass over the counted window of matches, counted by integer code, then named. */
const FACETS_SQL = `(select coalesce(json_agg(json_build_array(g.token, g.n)), '[]'::json) from (
  select token, n, row_number() over (partition by split_part(token, ':', 1) order by n desc, token) as k from (
    select f.token, c.n from (
      select code, count(*)::int as n from (select unnest(m.facet_codes) as code from m where m.ord <= ${COUNT_WINDOW}) u group by code
    ) c join search_facet_value f on f.code = c.code
    union all
    select 'OPEN_NOW:' || m.open_guess::text, count(*)::int from m where m.ord <= ${COUNT_WINDOW} group by m.open_guess
  ) x
) g where g.k <= ${FACET_LIMIT})`;

function facetsFrom(rows: [string, number][] | null): EngineResult['facets'] {
  const facets: EngineResult['facets'] = {};
  for (const [token, count] of rows ?? []) {
    const split = token.indexOf(':');
    const field = token.slice(0, split) as FacetField;
    const value = token.slice(split + 1);
    (facets[field] ??= [] as FacetCount[]).push({ value, count });
  }
  for (const values of Object.values(facets))
    values?.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return facets;
}
