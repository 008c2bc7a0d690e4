import type { Knex } from '@mikro-orm/postgresql';
import { loadServiceBatch, locationFromRow, organizationFromRow, serviceDocuments } from '../../../seed/hsds/export';
import type { HubCategory } from '../../../seed/hsds/model';
import { organizationDocument, organizationToHsds, type HsdsDocument } from '../../../seed/hsds/to-hsds';
import type { Queryable } from '../../../seed/hsds/writer';
import { PUBLIC_STATUSES } from '../resource/resource.enums';
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

/**
 * The ORM's knex as the `Queryable` the HSDS exporter is written against: `$1`-style placeholders
 * become knex's `?` bindings, so both run on the subgraph's one pool.
 */
export function knexQueryable(knex: Knex): Queryable {
  return {
    async query(text, values = []) {
      const bindings: unknown[] = [];
      const statement = text.replace(/\$(\d+)/g, (_, n: string) => {
        bindings.push(values[Number(n) - 1]);
        return '?';
      });
      const result = (await knex.raw(statement, bindings as never)) as { rows: Row[] };
      return { rows: result.rows };
    },
  };
}

/** A WHERE clause built up with numbered parameters. */
class Conditions {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(part: string): this {
    this.parts.push(part);
    return this;
  }

  get sql(): string {
    return this.parts.length ? this.parts.join(' and ') : 'true';
  }
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Words anywhere (full text, stemmed: "shelters" finds "shelter") or the text as typed inside a name. */
function textCondition(w: Conditions, search: string, document: string, names: string): string {
  const text = w.param(search);
  return `(to_tsvector('english'::regconfig, unaccent(${document})) @@ websearch_to_tsquery('english'::regconfig, unaccent(${text}::text))
    or unaccent(${names}) ilike unaccent(${w.param(likePattern(search))}::text))`;
}

/** The point a radius search measures from, as an earthdistance `earth`. */
const point = (w: Conditions, near: Near) => `ll_to_earth(${w.param(near.lat)}::float8, ${w.param(near.long)}::float8)`;
const LOCATION_EARTH = 'll_to_earth(l.latitude, l.longitude)';

/**
 * The read side of the HSDS API: only published listings (ACTIVE, TEMPORARILY_CLOSED), mapped to
 * HSDS by the exporter's own functions, so the API and `npm run export:hsds` never disagree.
 */
export class HsdsStore {
  constructor(private readonly db: Queryable) {}

  taxonomy(): Promise<HsdsTaxonomy> {
    return HsdsTaxonomy.load(this.db);
  }

  async services(
    q: { paging: Paging; filter: ServiceFilter; full: boolean; minimal: boolean },
    taxonomy: HsdsTaxonomy,
  ): Promise<HsdsPage<HsdsDocument>> {
    const w = this.listingConditions(q.filter, taxonomy, 'r.updated_at');
    const from = 'from resource r join organization o on o.id = r.organization_id';
    const total = await this.count(`select count(*)::int as n ${from} where ${w.sql}`, w.params);
    const { rows } = await this.db.query(
      `select r.* ${from} where ${w.sql} order by r.id limit ${w.param(q.paging.perPage)} offset ${w.param(offset(q.paging))}`,
      w.params,
    );
    if (q.minimal) {
      return hsdsPage(q.paging, total, rows.map((r) => ({ id: r.id, last_modified: (r.updated_at as Date).toISOString() })));
    }
    const docs = await serviceDocuments(this.db, rows, taxonomy.categoryMap);
    return hsdsPage(q.paging, total, q.full ? docs : docs.map(serviceListItem));
  }

  async service(id: string, taxonomy: HsdsTaxonomy): Promise<HsdsDocument | null> {
    const { rows } = await this.db.query('select * from resource where id = $1 and status = any($2)', [id, PUBLIC_STATUSES]);
    return rows.length ? (await serviceDocuments(this.db, rows, taxonomy.categoryMap))[0]! : null;
  }

  async serviceAtLocations(
    q: { paging: Paging; filter: ServiceFilter; full: boolean; near: Near | null },
    taxonomy: HsdsTaxonomy,
  ): Promise<HsdsPage<HsdsDocument>> {
    const w = this.listingConditions(q.filter, taxonomy, 'greatest(r.updated_at, l.updated_at)');
    if (q.near && q.near.proximityMeters !== null) {
      // The cube box finds candidates through the GiST index on location; the distance settles it.
      const meters = w.param(q.near.proximityMeters);
      w.add(`earth_box(${point(w, q.near)}, ${meters}::float8) @> ${LOCATION_EARTH}`);
      w.add(`earth_distance(${point(w, q.near)}, ${LOCATION_EARTH}) <= ${meters}::float8`);
    }
    const from = `from resource r join organization o on o.id = r.organization_id
      join resource_location rl on rl.resource_id = r.id join location l on l.id = rl.location_id`;
    const total = await this.count(`select count(*)::int as n ${from} where ${w.sql}`, w.params);
    // Nearest first when there is a point (locations without coordinates last), else by id.
    const order = q.near ? `earth_distance(${point(w, q.near)}, ${LOCATION_EARTH}) nulls last, r.id, l.id` : 'r.id, l.id';
    const { rows: pairs } = await this.db.query(
      `select r.id::text as resource_id, l.id::text as location_id ${from} where ${w.sql}
       order by ${order} limit ${w.param(q.paging.perPage)} offset ${w.param(offset(q.paging))}`,
      w.params,
    );
    const ids = [...new Set(pairs.map((p) => p.resource_id as string))];
    const { rows } = await this.db.query('select * from resource where id = any($1::uuid[])', [ids]);
    const docs = new Map((await serviceDocuments(this.db, rows, taxonomy.categoryMap)).map((d) => [d.id as string, d]));
    const contents = pairs.flatMap((p) => {
      const service = docs.get(p.resource_id as string)!;
      const { service_at_locations: all, ...rest } = service;
      const at = (all as HsdsDocument[]).find((s) => s.location_id === p.location_id);
      if (!at) return [];
      return [q.full ? { ...at, service: rest } : { ...shallow(at, ['location']), service: serviceListItem(rest) }];
    });
    return hsdsPage(q.paging, total, contents);
  }

  /** Organizations with at least one published listing. */
  async organizations(
    q: { paging: Paging; search: string | null; full: boolean; fullService: boolean },
    taxonomy: HsdsTaxonomy,
  ): Promise<HsdsPage<HsdsDocument>> {
    const w = new Conditions();
    w.add(`exists (select 1 from resource r where r.organization_id = o.id and r.status = any(${w.param(PUBLIC_STATUSES)}))`);
    if (q.search) {
      w.add(textCondition(w, q.search, `concat_ws(' ', o.name, o.alternate_name, o.description)`, `concat_ws(' ', o.name, o.alternate_name)`));
    }
    const total = await this.count(`select count(*)::int as n from organization o where ${w.sql}`, w.params);
    const { rows } = await this.db.query(
      `select o.* from organization o where ${w.sql} order by o.id limit ${w.param(q.paging.perPage)} offset ${w.param(offset(q.paging))}`,
      w.params,
    );
    const contents =
      q.full || q.fullService
        ? await this.organizationDocuments(rows, taxonomy.categoryMap, q.fullService)
        : rows.map((r) => shallow(organizationToHsds(organizationFromRow(r))));
    return hsdsPage(q.paging, total, contents);
  }

  async organization(id: string, fullService: boolean, taxonomy: HsdsTaxonomy): Promise<HsdsDocument | null> {
    const { rows } = await this.db.query(
      'select o.* from organization o where o.id = $1 and exists (select 1 from resource r where r.organization_id = o.id and r.status = any($2))',
      [id, PUBLIC_STATUSES],
    );
    return rows.length ? (await this.organizationDocuments(rows, taxonomy.categoryMap, fullService))[0]! : null;
  }

  /**
   * Organizations with their published listings and the locations those are offered at; the
   * listings are whole only with `fullServices` (the OpenAPI file's `full_service`).
   */
  private async organizationDocuments(orgRows: readonly Row[], categories: ReadonlyMap<string, HubCategory>, fullServices: boolean) {
    const ids = orgRows.map((r) => r.id as string);
    const { rows: resourceRows } = await this.db.query(
      'select * from resource where organization_id = any($1::uuid[]) and status = any($2) order by name, id',
      [ids, PUBLIC_STATUSES],
    );
    const { resources } = await loadServiceBatch(this.db, resourceRows);
    const { rows: locationRows } = await this.db.query(
      `select l.* from location l where l.organization_id = any($1::uuid[]) and exists (
         select 1 from resource_location rl join resource r on r.id = rl.resource_id where rl.location_id = l.id and r.status = any($2)
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
      if (!fullServices && Array.isArray(doc.services)) doc.services = (doc.services as HsdsDocument[]).map((s) => shallow(s, ['program']));
      return doc;
    });
  }

  /** Published listings that pass the HSDS filters; `modified` is the expression `modified_after` compares. */
  private listingConditions(filter: ServiceFilter, taxonomy: HsdsTaxonomy, modified: string): Conditions {
    const w = new Conditions();
    w.add(`r.status = any(${w.param(PUBLIC_STATUSES)})`);
    if (filter.search) {
      w.add(textCondition(w, filter.search, `concat_ws(' ', r.name, r.alternate_name, r.description, o.name)`, `concat_ws(' ', r.name, r.alternate_name, o.name)`));
    }
    if (filter.taxonomyTermId) {
      // A term we do not have matches no listing, as any other filter that nothing meets.
      const match = taxonomy.match(filter.taxonomyTermId);
      if (!match) w.add('false');
      else if (match.kind === 'categories') w.add(`r.category_ids && ${w.param(match.ids)}::text[]`);
      else if (match.kind === 'population') w.add(`${w.param(match.value)}::text = any(r.populations)`);
      else w.add(`${w.param(match.value)}::text = any(r.insurance)`);
    }
    if (filter.taxonomyId) {
      const ids = taxonomy.categoriesOfTaxonomy(filter.taxonomyId);
      if (ids) w.add(`r.category_ids && ${w.param(ids)}::text[]`);
    }
    if (filter.organizationId) w.add(`r.organization_id = ${w.param(filter.organizationId)}::uuid`);
    if (filter.modifiedAfter) w.add(`${modified} >= ${w.param(filter.modifiedAfter)}::timestamptz`);
    return w;
  }

  private async count(statement: string, params: unknown[]): Promise<number> {
    const { rows } = await this.db.query(statement, params);
    return rows[0]!.n as number;
  }
}

function offset(paging: Paging): number {
  return (paging.page - 1) * paging.perPage;
}
