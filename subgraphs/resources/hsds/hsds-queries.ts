import { PUBLIC_STATUSES } from '../resource/resource.enums';
import { joinSql, query, sql, type Db, type SqlBuilder } from '../sql';
import { loadServiceBatch, locationFromRow, organizationFromRow, serviceDocuments } from './export';
import type { HubCategory } from './model';
import { organizationDocument, organizationToHsds, type HsdsDocument } from './to-hsds';
import type { Near, Paging, ServiceFilter } from './hsds-params';
import { HsdsTaxonomy } from './hsds-taxonomy';

type Row = Record<string, unknown>;

/** An HSDS API list page: the `Page` fields of the OpenAPI file, then `contents`. */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export function hsdsPage<T>(paging: Paging, total: number, contents: T[]): HsdsPage<T> {
  const totalPages = Math.ceil(total / paging.perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: paging.page,
    size: contents.length,
    first_page: paging.page === 1,
    last_page: paging.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/**
 * The one-to-one fields of a document, which is what HSDS list pages carry (`service_list.json`...),
 * with the `nested` objects cut down the same way.
 */
export function shallow(doc: HsdsDocument, nested: readonly string[] = []): HsdsDocument {
  const out: HsdsDocument = {};
  for (const [key, value] of Object.entries(doc)) {
    if (value === null || value === undefined || Array.isArray(value)) continue;
    if (typeof value === 'object') {
      if (nested.includes(key)) out[key] = shallow(value as HsdsDocument);
    } else {
      out[key] = value;
    }
  }
  return out;
}

const serviceListItem = (doc: HsdsDocument) => shallow(doc, ['organization', 'program']);

/** Every condition must hold; none: all rows. */
function where(conditions: SqlBuilder[]): SqlBuilder {
  return conditions.length ? joinSql(conditions, 'and') : sql('true');
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Words anywhere (full text, stemmed: "shelters" finds "shelter") or the text as typed inside a name. */
function textCondition(search: string, document: string, names: string): SqlBuilder {
  return sql(
    `(to_tsvector('english'::regconfig, unaccent(${document})) @@ websearch_to_tsquery('english'::regconfig, unaccent(?::text))
    or unaccent(${names}) ilike unaccent(?::text))`,
    search,
    likePattern(search),
  );
}

/** The point a radius search measures from, as an earthdistance `earth`. */
const point = (near: Near) => sql('ll_to_earth(?::float8, ?::float8)', near.lat, near.long);
const LOCATION_EARTH = 'll_to_earth(l.latitude, l.longitude)';

/** `limit ... offset ...` of a page. */
const pageOf = (paging: Paging) => sql('limit ? offset ?', paging.perPage, offset(paging));

/**
 * The read side of the HSDS API: only published listings (ACTIVE, TEMPORARILY_CLOSED), mapped to
 * HSDS by the exporter's own functions, so the API and `npm run export:hsds` never disagree.
 */
export class HsdsStore {
  constructor(private readonly db: Db) {}

  taxonomy(): Promise<HsdsTaxonomy> {
    return HsdsTaxonomy.load(this.db);
  }

  async services(
    q: { paging: Paging; filter: ServiceFilter; full: boolean; minimal: boolean },
    taxonomy: HsdsTaxonomy,
  ): Promise<HsdsPage<HsdsDocument>> {
    const w = where(this.listingConditions(q.filter, taxonomy, 'r.updated_at'));
    const from = 'from resource r join organization o on o.id = r.organization_id';
    const total = await this.count(sql(`select count(*)::int as n ${from} where`).append(w));
    const list = sql(`select r.* ${from} where`)
      .append(w)
      .add('order by r.id')
      .append(pageOf(q.paging));
    const rows = await query(this.db, list.text, list.params);
    if (q.minimal) {
      return hsdsPage(
        q.paging,
        total,
        rows.map((r) => ({ id: r.id, last_modified: (r.updated_at as Date).toISOString() })),
      );
    }
    const docs = await serviceDocuments(this.db, rows, taxonomy.categoryMap);
    return hsdsPage(q.paging, total, q.full ? docs : docs.map(serviceListItem));
  }

  async service(id: string, taxonomy: HsdsTaxonomy): Promise<HsdsDocument | null> {
    const rows = await query(this.db, 'select * from resource where id = ? and status = any(?)', [
      id,
      PUBLIC_STATUSES,
    ]);
    return rows.length ? (await serviceDocuments(this.db, rows, taxonomy.categoryMap))[0] : null;
  }

  async serviceAtLocations(
    q: { paging: Paging; filter: ServiceFilter; full: boolean; near: Near | null },
    taxonomy: HsdsTaxonomy,
  ): Promise<HsdsPage<HsdsDocument>> {
    const conditions = this.listingConditions(
      q.filter,
      taxonomy,
      'greatest(r.updated_at, l.updated_at)',
    );
    if (q.near && q.near.proximityMeters !== null) {
      // The cube box finds candidates through the GiST index on location; the distance settles it.
      const meters = q.near.proximityMeters;
      conditions.push(
        sql('earth_box(').append(point(q.near)).add(`, ?::float8) @> ${LOCATION_EARTH}`, meters),
      );
      conditions.push(
        sql('earth_distance(')
          .append(point(q.near))
          .add(`, ${LOCATION_EARTH}) <= ?::float8`, meters),
      );
    }
    const w = where(conditions);
    const from = `from resource r join organization o on o.id = r.organization_id
      join resource_location rl on rl.resource_id = r.id join location l on l.id = rl.location_id`;
    const total = await this.count(sql(`select count(*)::int as n ${from} where`).append(w));
    // Nearest first when there is a point (locations without coordinates last), else by id.
    const order = q.near
      ? sql('earth_distance(')
          .append(point(q.near))
          .add(`, ${LOCATION_EARTH}) nulls last, r.id, l.id`)
      : sql('r.id, l.id');
    const list = sql(`select r.id::text as resource_id, l.id::text as location_id ${from} where`)
      .append(w)
      .add('order by')
      .append(order)
      .append(pageOf(q.paging));
    const pairs = await query(this.db, list.text, list.params);
    const ids = [...new Set(pairs.map((p) => p.resource_id as string))];
    const rows = await query(this.db, 'select * from resource where id = any(?::uuid[])', [ids]);
    const docs = new Map(
      (await serviceDocuments(this.db, rows, taxonomy.categoryMap)).map((d) => [d.id as string, d]),
    );
    const contents = pairs.flatMap((p) => {
      const service = docs.get(p.resource_id as string)!;
      const { service_at_locations: all, ...rest } = service;
      const at = (all as HsdsDocument[]).find((s) => s.location_id === p.location_id);
      if (!at) return [];
      return [
        q.full
          ? { ...at, service: rest }
          : { ...shallow(at, ['location']), service: serviceListItem(rest) },
      ];
    });
    return hsdsPage(q.paging, total, contents);
  }

  /** Organizations with at least one published listing. */
  async organizations(
    q: { paging: Paging; search: string | null; full: boolean; fullService: boolean },
    taxonomy: HsdsTaxonomy,
  ): Promise<HsdsPage<HsdsDocument>> {
    const conditions = [
      sql(
        'exists (select 1 from resource r where r.organization_id = o.id and r.status = any(?))',
        PUBLIC_STATUSES,
      ),
    ];
    if (q.search) {
      conditions.push(
        textCondition(
          q.search,
          `concat_ws(' ', o.name, o.alternate_name, o.description)`,
          `concat_ws(' ', o.name, o.alternate_name)`,
        ),
      );
    }
    const w = where(conditions);
    const total = await this.count(
      sql('select count(*)::int as n from organization o where').append(w),
    );
    const list = sql('select o.* from organization o where')
      .append(w)
      .add('order by o.id')
      .append(pageOf(q.paging));
    const rows = await query(this.db, list.text, list.params);
    const contents =
      q.full || q.fullService
        ? await this.organizationDocuments(rows, taxonomy.categoryMap, q.fullService)
        : rows.map((r) => shallow(organizationToHsds(organizationFromRow(r))));
    return hsdsPage(q.paging, total, contents);
  }

  async organization(
    id: string,
    fullService: boolean,
    taxonomy: HsdsTaxonomy,
  ): Promise<HsdsDocument | null> {
    const rows = await query(
      this.db,
      'select o.* from organization o where o.id = ? and exists (select 1 from resource r where r.organization_id = o.id and r.status = any(?))',
      [id, PUBLIC_STATUSES],
    );
    return rows.length
      ? (await this.organizationDocuments(rows, taxonomy.categoryMap, fullService))[0]
      : null;
  }

  /**
   * Organizations with their published listings and the locations those are offered at; the
   * listings are whole only with `fullServices` (the OpenAPI file's `full_service`).
   */
  private async organizationDocuments(
    orgRows: readonly Row[],
    categories: ReadonlyMap<string, HubCategory>,
    fullServices: boolean,
  ) {
    const ids = orgRows.map((r) => r.id as string);
    const resourceRows = await query(
      this.db,
      'select * from resource where organization_id = any(?::uuid[]) and status = any(?) order by name, id',
      [ids, PUBLIC_STATUSES],
    );
    const { resources } = await loadServiceBatch(this.db, resourceRows);
    const locationRows = await query(
      this.db,
      `select l.* from location l where l.organization_id = any(?::uuid[]) and exists (
         select 1 from resource_location rl join resource r on r.id = rl.resource_id where rl.location_id = l.id and r.status = any(?)
       ) order by l.name, l.id`,
      [ids, PUBLIC_STATUSES],
    );
    const locations = locationRows.map(locationFromRow);
    return orgRows.map((row) => {
      const org = organizationFromRow(row);
      const doc = organizationDocument(
        org,
        locations.filter((l) => l.organizationId === org.id),
        { resources: resources.filter((r) => r.organizationId === org.id), categories },
      );
      if (!fullServices && Array.isArray(doc.services))
        doc.services = (doc.services as HsdsDocument[]).map((s) => shallow(s, ['program']));
      return doc;
    });
  }

  /** Published listings that pass the HSDS filters; `modified` is the expression `modified_after` compares. */
  private listingConditions(
    filter: ServiceFilter,
    taxonomy: HsdsTaxonomy,
    modified: string,
  ): SqlBuilder[] {
    const w = [sql('r.status = any(?)', PUBLIC_STATUSES)];
    if (filter.search) {
      w.push(
        textCondition(
          filter.search,
          `concat_ws(' ', r.name, r.alternate_name, r.description, o.name)`,
          `concat_ws(' ', r.name, r.alternate_name, o.name)`,
        ),
      );
    }
    if (filter.taxonomyTermId) {
      // A term we do not have matches no listing, as any other filter that nothing meets.
      const match = taxonomy.match(filter.taxonomyTermId);
      if (!match) w.push(sql('false'));
      else if (match.kind === 'categories') w.push(sql('r.category_ids && ?::text[]', match.ids));
      else if (match.kind === 'population')
        w.push(sql('?::text = any(r.populations)', match.value));
      else w.push(sql('?::text = any(r.insurance)', match.value));
    }
    if (filter.taxonomyId) {
      const ids = taxonomy.categoriesOfTaxonomy(filter.taxonomyId);
      if (ids) w.push(sql('r.category_ids && ?::text[]', ids));
    }
    if (filter.organizationId) w.push(sql('r.organization_id = ?::uuid', filter.organizationId));
    if (filter.modifiedAfter) w.push(sql(`${modified} >= ?::timestamptz`, filter.modifiedAfter));
    return w;
  }

  private async count(statement: SqlBuilder): Promise<number> {
    const [row] = await query<{ n: number }>(this.db, statement.text, statement.params);
    return row.n;
  }
}

function offset(paging: Paging): number {
  return (paging.page - 1) * paging.perPage;
}
