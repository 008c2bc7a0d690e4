import type { Knex } from '@mikro-orm/postgresql';
import { placeListingCapacitySql } from '../resource/site-capacity';
import { searchReindexStatement } from '../search/outbox';
import { query, type Db } from '../sql';
import type { HubCategory, HubLocation, HubOrganization, HubResource, Problem } from './model';

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export type Counts = Record<'categories' | 'organizations' | 'locations' | 'services', Tally>;

export const emptyCounts = (): Counts => ({
  categories: { created: 0, updated: 0, unchanged: 0, skipped: 0 },
  organizations: { created: 0, updated: 0, unchanged: 0, skipped: 0 },
  locations: { created: 0, updated: 0, unchanged: 0, skipped: 0 },
  services: { created: 0, updated: 0, unchanged: 0, skipped: 0 },
});

type Column = [name: string, type: string];

const ORGANIZATION: Column[] = [
  ['id', 'uuid'],
  ['name', 'text'],
  ['alternate_name', 'text'],
  ['description', 'text'],
  ['email', 'text'],
  ['website', 'text'],
  ['phone', 'text'],
  ['kind', 'text'],
  ['hsds', 'jsonb'],
];
const LOCATION: Column[] = [
  ['id', 'uuid'],
  ['organization_id', 'uuid'],
  ['name', 'text'],
  ['description', 'text'],
  ['address_address1', 'text'],
  ['address_address2', 'text'],
  ['address_city', 'text'],
  ['address_region', 'text'],
  ['address_state_province', 'text'],
  ['address_postal_code', 'text'],
  ['address_country', 'text'],
  ['latitude', 'double precision'],
  ['longitude', 'double precision'],
  ['time_zone', 'text'],
  ['accessibility', 'text'],
  ['transit_notes', 'text'],
  ['schedule', 'jsonb'],
  ['hsds', 'jsonb'],
];
const RESOURCE: Column[] = [
  ['id', 'uuid'],
  ['organization_id', 'uuid'],
  ['name', 'text'],
  ['alternate_name', 'text'],
  ['description', 'text'],
  ['url', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['status', 'text'],
  ['category_ids', 'text[]'],
  ['populations', 'text[]'],
  ['insurance', 'text[]'],
  ['languages', 'text[]'],
  ['minimum_age', 'int'],
  ['maximum_age', 'int'],
  ['eligibility_description', 'text'],
  ['fees_description', 'text'],
  ['application_process', 'text'],
  ['required_documents', 'text[]'],
  ['accepts_referrals', 'boolean'],
  ['capacity_unit', 'text'],
  ['capacity_available', 'int'],
  ['capacity_maximum', 'int'],
  ['capacity_updated_at', 'timestamptz'],
  ['last_verified_at', 'timestamptz'],
  ['last_verified_by', 'text'],
  ['source_modified_at', 'timestamptz'],
  ['hsds', 'jsonb'],
];
const CATEGORY: Column[] = [
  ['id', 'text'],
  ['name', 'text'],
  ['description', 'text'],
  ['parent_id', 'text'],
  ['hsds', 'jsonb'],
];

interface UpsertShape {
  timestamps: boolean;
  /** Stamp `imported_at` with the same now() as `updated_at`: "as imported" until someone edits it. */
  importedAt?: boolean;
  /** Columns an import with a profile never changes on an existing row (the partner's capacity). */
  keep?: string[];
}

/**
 * One statement per table and batch: the rows travel as one JSON parameter, and unchanged rows are
 * left alone (no new version, no new updated_at), so a re-import reports them as unchanged.
 *
 * `owned` is for an import with a profile (parameters: source, rows, source). New rows get the
 * source's name and a snapshot of what it gave (`source_values`); an existing row changes only when
 * it is that source's, and each column only when it still holds what the source last gave: a value
 * edited in the app since stays.
 */
function upsertSql(table: string, columns: Column[], shape: UpsertShape, owned = false): string {
  const names = columns.map(([n]) => `"${n}"`);
  const record = columns.map(([n, t]) => `"${n}" ${t}`).join(', ');
  const mutable = names.filter((n) => n !== '"id"');
  const select = columns.map(([n]) =>
    n === 'parent_id'
      ? `case when exists (select 1 from category p where p.id = x.parent_id) then x.parent_id end`
      : `x."${n}"`,
  );
  const snapshot = (from: string) =>
    `jsonb_build_object(${mutable.map((n) => `'${n.slice(1, -1)}', to_jsonb(${from}.${n})`).join(', ')})`;
  const stamps = shape.timestamps
    ? { insert: ', created_at, updated_at, version', values: ', now(), now(), 1' }
    : { insert: '', values: '' };
  const imported = shape.importedAt
    ? { insert: ', imported_at', values: ', now()', set: ', imported_at = now()' }
    : { insert: '', values: '', set: '' };
  const versioning = shape.timestamps
    ? `, updated_at = now(), version = "${table}".version + 1`
    : '';
  if (!owned)
    return `insert into "${table}" (${names.join(', ')}${stamps.insert}${imported.insert})
select ${select.join(', ')}${stamps.values}${imported.values} from jsonb_to_recordset(?::jsonb) as x(${record})
on conflict (id) do update set ${mutable.map((n) => `${n} = excluded.${n}`).join(', ')}${versioning}${imported.set}
where (${mutable.map((n) => `"${table}".${n}`).join(', ')}) is distinct from (${mutable.map((n) => `excluded.${n}`).join(', ')})
returning id::text as id, (xmax = 0) as created`;
  const keep = new Set((shape.keep ?? []).map((n) => `"${n}"`));
  const target = `"${table}"`;
  const chosen = (n: string) =>
    keep.has(n)
      ? `${target}.${n}`
      : `case when ${target}.source_values is not null and ${target}.source_values->'${n.slice(1, -1)}' is distinct from to_jsonb(${target}.${n}) then ${target}.${n} else excluded.${n} end`;
  return `insert into ${target} (${names.join(', ')}, source, source_values${stamps.insert}${imported.insert})
select ${select.join(', ')}, ?::text, ${snapshot('x')}${stamps.values}${imported.values} from jsonb_to_recordset(?::jsonb) as x(${record})
on conflict (id) do update set ${mutable.map((n) => `${n} = ${chosen(n)}`).join(', ')}, source_values = ${snapshot('excluded')}${versioning}${imported.set}
where ${target}.source = ? and (${mutable.map((n) => `${target}.${n}`).join(', ')}, ${target}.source_values) is distinct from (${mutable.map(chosen).join(', ')}, ${snapshot('excluded')})
returning id::text as id, (xmax = 0) as created`;
}

const RESOURCE_SHAPE: UpsertShape = {
  timestamps: true,
  importedAt: true,
  keep: ['capacity_unit', 'capacity_available', 'capacity_maximum', 'capacity_updated_at'],
};

const SQL = {
  organization: upsertSql('organization', ORGANIZATION, { timestamps: true }),
  location: upsertSql('location', LOCATION, { timestamps: true }),
  resource: upsertSql('resource', RESOURCE, RESOURCE_SHAPE),
  category: upsertSql('category', CATEGORY, { timestamps: false }),
  owned: {
    organization: upsertSql('organization', ORGANIZATION, { timestamps: true }, true),
    location: upsertSql('location', LOCATION, { timestamps: true }, true),
    resource: upsertSql('resource', RESOURCE, RESOURCE_SHAPE, true),
  },
  ourCategory: `insert into category (id, name, description) select x.id, x.name, x.description from jsonb_to_recordset(?::jsonb) as x(id text, name text, description text) on conflict (id) do nothing returning true as created`,
  categoryParents: `update category c set parent_id = x.parent_id from jsonb_to_recordset(?::jsonb) as x(id text, parent_id text)
where c.id = x.id and x.parent_id is not null and c.parent_id is distinct from x.parent_id and exists (select 1 from category p where p.id = x.parent_id)`,
};

/** Counts what an upsert did; returns the ids it created or changed. */
function tally(t: Tally, attempted: number, rows: Record<string, unknown>[]): string[] {
  const created = rows.filter((r) => r.created === true).length;
  t.created += created;
  t.updated += rows.length - created;
  t.unchanged += attempted - rows.length;
  return rows.map((r) => r.id as string);
}

const organizationRow = (o: HubOrganization) => ({
  id: o.id,
  name: o.name,
  alternate_name: o.alternateName,
  description: o.description,
  email: o.email,
  website: o.website,
  phone: o.phone,
  kind: o.kind ?? null,
  hsds: o.hsds,
});

const locationRow = (l: HubLocation) => ({
  id: l.id,
  organization_id: l.organizationId,
  name: l.name,
  description: l.description,
  address_address1: l.address?.address1 ?? null,
  address_address2: l.address?.address2 ?? null,
  address_city: l.address?.city ?? null,
  address_region: l.address?.region ?? null,
  address_state_province: l.address?.stateProvince ?? null,
  address_postal_code: l.address?.postalCode ?? null,
  address_country: l.address?.country ?? null,
  latitude: l.latitude,
  longitude: l.longitude,
  time_zone: l.timeZone,
  accessibility: l.accessibility,
  transit_notes: l.transitNotes,
  schedule: l.schedule,
  hsds: l.hsds,
});

const resourceRow = (r: HubResource) => ({
  id: r.id,
  organization_id: r.organizationId,
  name: r.name,
  alternate_name: r.alternateName,
  description: r.description,
  url: r.url,
  email: r.email,
  phone: r.phone,
  status: r.status,
  category_ids: r.categoryIds,
  populations: r.populations,
  insurance: r.insurance,
  languages: r.languages,
  minimum_age: r.minimumAge,
  maximum_age: r.maximumAge,
  eligibility_description: r.eligibilityDescription,
  fees_description: r.feesDescription,
  application_process: r.applicationProcess,
  required_documents: r.requiredDocuments,
  accepts_referrals: r.acceptsReferrals,
  capacity_unit: r.capacity?.unit ?? null,
  capacity_available: r.capacity?.available ?? null,
  capacity_maximum: r.capacity?.maximum ?? null,
  capacity_updated_at: r.capacity?.updatedAt ?? null,
  last_verified_at: r.lastVerifiedAt,
  last_verified_by: r.lastVerifiedBy,
  source_modified_at: r.sourceModifiedAt ?? null,
  hsds: r.hsds,
});

async function existing(db: Db, table: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await query(db, `select id::text as id from "${table}" where id = any(?::uuid[])`, [
    ids,
  ]);
  return new Set(rows.map((r) => r.id as string));
}

export interface BatchRows {
  categories: Map<string, HubCategory>;
  organizations: Map<string, HubOrganization>;
  locations: Map<string, HubLocation>;
  resources: Map<string, HubResource>;
  /** Where each record came from, to report a record the database refuses. */
  files: Map<string, string>;
}

export interface WriteOptions {
  /** The import profile's source: records are written as its own, and others' are left alone. */
  source?: string | null;
  /** Told of each record left alone, once the batch commits. */
  onWarning?: (warning: Problem) => void;
}

/** Writes one batch in one transaction; records whose references do not resolve are skipped and reported. */
export async function writeBatch(
  knex: Knex,
  batch: BatchRows,
  total: Counts,
  allProblems: Problem[],
  options: WriteOptions = {},
): Promise<void> {
  // Counted here and added to the totals only when the transaction commits.
  const counts = emptyCounts();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const source = options.source ?? null;
  const params = (rows: unknown[]) =>
    source ? [source, JSON.stringify(rows), source] : [JSON.stringify(rows)];
  const skip = (id: string, field: string, reason: string) =>
    problems.push({ file: batch.files.get(id) ?? '?', recordId: id, field, reason });
  await knex.transaction(async (db) => {
    // An import can always run again (it is idempotent), so it need not wait for each commit to reach disk.
    await query(db, 'set local synchronous_commit to off');
    const ours = [...batch.categories.values()].filter((c) => c.hsds === null);
    const theirs = [...batch.categories.values()]
      .filter((c) => c.hsds !== null)
      .map((c) => ({
        id: c.id,
        name: c.name,
        description: c.description,
        parent_id: c.parentId,
        hsds: c.hsds,
      }));
    if (ours.length > 0)
      counts.categories.created += (
        await query(db, SQL.ourCategory, [JSON.stringify(ours)])
      ).length;
    if (theirs.length > 0) {
      tally(
        counts.categories,
        theirs.length,
        await query(db, SQL.category, [JSON.stringify(theirs)]),
      );
      await query(db, SQL.categoryParents, [JSON.stringify(theirs)]);
    }

    if (source) await leaveOthersAlone(db, batch, source, counts, warnings);
    await leaveMergedAlone(db, batch, counts, warnings);

    const changed = {
      organizationIds: [] as string[],
      locationIds: [] as string[],
      resourceIds: new Set<string>(),
    };
    const organizations = [...batch.organizations.values()];
    if (organizations.length > 0)
      changed.organizationIds = tally(
        counts.organizations,
        organizations.length,
        await query(
          db,
          source ? SQL.owned.organization : SQL.organization,
          params(organizations.map(organizationRow)),
        ),
      );

    const locations = [...batch.locations.values()];
    const orphans = locations.filter((l) => !l.organizationId).map((l) => l.id);
    if (orphans.length > 0) {
      const rows = await query(
        db,
        'select id::text as id, organization_id::text as organization_id from location where id = any(?::uuid[])',
        [orphans],
      );
      const owner = new Map(rows.map((r) => [r.id as string, r.organization_id as string]));
      for (const l of locations) if (!l.organizationId) l.organizationId = owner.get(l.id) ?? null;
    }
    const orgIds = [
      ...new Set(
        [...locations, ...batch.resources.values()]
          .map((x) => x.organizationId)
          .filter((id): id is string => !!id && !batch.organizations.has(id)),
      ),
    ];
    const knownOrgs = await existing(db, 'organization', orgIds);
    const orgExists = (id: string | null) =>
      !!id && (batch.organizations.has(id) || knownOrgs.has(id));
    const writable = locations.filter((l) => {
      if (orgExists(l.organizationId)) return true;
      counts.locations.skipped++;
      skip(
        l.id,
        'location.organization_id',
        l.organizationId
          ? `no organization ${l.organizationId} in this import or the directory`
          : 'a location by itself needs organization_id (or must exist already)',
      );
      return false;
    });
    if (writable.length > 0)
      changed.locationIds = tally(
        counts.locations,
        writable.length,
        await query(
          db,
          source ? SQL.owned.location : SQL.location,
          params(writable.map(locationRow)),
        ),
      );

    const resources = [...batch.resources.values()].filter((r) => {
      if (orgExists(r.organizationId)) return true;
      counts.services.skipped++;
      skip(
        r.id,
        'service.organization_id',
        `no organization ${r.organizationId} in this import or the directory`,
      );
      return false;
    });
    if (resources.length > 0) {
      for (const id of tally(
        counts.services,
        resources.length,
        await query(
          db,
          source ? SQL.owned.resource : SQL.resource,
          params(resources.map(resourceRow)),
        ),
      ))
        changed.resourceIds.add(id);
      // The document's locations replace the listing's: drop the links it no longer names, add the new ones.
      const from = resources.flatMap((r) => r.locationIds.map(() => r.id));
      const to = resources.flatMap((r) => r.locationIds);
      const unlinked = await query(
        db,
        `delete from resource_location rl where rl.resource_id = any(?::uuid[])
and (rl.resource_id, rl.location_id) not in (select * from unnest(?::uuid[], ?::uuid[])) returning resource_id::text as id`,
        [resources.map((r) => r.id), from, to],
      );
      for (const r of unlinked) changed.resourceIds.add(r.id as string);
      if (to.length > 0) {
        const linked = await query(
          db,
          `insert into resource_location (resource_id, location_id)
select x.resource_id, x.location_id from unnest(?::uuid[], ?::uuid[]) as x(resource_id, location_id)
join location l on l.id = x.location_id on conflict do nothing returning resource_id::text as id`,
          [from, to],
        );
        for (const r of linked) changed.resourceIds.add(r.id as string);
      }
      // Sites' counts the feed gave (HSDS 3.1 service_capacity) replace the listing's; an import with
      // a profile never changes the counts a partner keeps, so it only fills a listing that has none.
      const counted = resources.filter((r) => r.siteCapacities?.length);
      if (counted.length > 0) {
        const ids = counted.map((r) => r.id);
        if (!source)
          await query(db, 'delete from service_capacity where resource_id = any(?::uuid[])', [ids]);
        const written = await query(
          db,
          `insert into service_capacity (id, resource_id, location_id, unit, available, maximum, updated_at)
select x.id, x.resource_id, x.location_id, x.unit, x.available, x.maximum, x.updated_at
from jsonb_to_recordset(?::jsonb) as x(id uuid, resource_id uuid, location_id uuid, unit text,
  available int, maximum int, updated_at timestamptz)
join resource_location rl on rl.resource_id = x.resource_id and rl.location_id = x.location_id
where not exists (select 1 from service_capacity sc where sc.resource_id = x.resource_id)
on conflict (id) do nothing
returning resource_id::text as id`,
          [
            JSON.stringify(
              counted.flatMap((r) =>
                r.siteCapacities!.map((c) => ({
                  id: c.id,
                  resource_id: r.id,
                  location_id: c.locationId,
                  unit: c.unit,
                  available: c.available,
                  maximum: c.maximum,
                  updated_at: c.updatedAt,
                })),
              ),
            ),
          ],
        );
        for (const r of written) changed.resourceIds.add(r.id as string);
      }
      // A service's capacity is its total; its sites' counts (service_capacity) are made to add up to it.
      for (const statement of placeListingCapacitySql('r.id = any(?::uuid[])'))
        await query(db, statement, [resources.map((r) => r.id)]);
    }
    // Search catches up through its outbox, in this transaction: what changed here, nothing else.
    if (
      changed.organizationIds.length + changed.locationIds.length + changed.resourceIds.size >
      0
    ) {
      const statement = searchReindexStatement({
        ...changed,
        resourceIds: [...changed.resourceIds],
      });
      await query(db, statement.text, statement.params);
    }
  });
  for (const [kind, t] of Object.entries(counts) as [keyof Counts, Tally][]) {
    for (const key of Object.keys(t) as (keyof Tally)[]) total[kind][key] += t[key];
  }
  allProblems.push(...problems);
  for (const w of warnings) options.onWarning?.(w);
}

/**
 * A listing an admin merged into another stays merged: a feed sending it again would otherwise bring
 * it back into search under its old id, which now answers with the kept listing.
 */
async function leaveMergedAlone(
  db: Db,
  batch: BatchRows,
  counts: Counts,
  warnings: Problem[],
): Promise<void> {
  if (batch.resources.size === 0) return;
  const merged = await query(
    db,
    'select id::text as id, merged_into::text as kept from resource where id = any(?::uuid[]) and merged_into is not null',
    [[...batch.resources.keys()]],
  );
  for (const row of merged) {
    const id = row.id as string;
    batch.resources.delete(id);
    counts.services.unchanged++;
    warnings.push({
      file: batch.files.get(id) ?? '?',
      recordId: id,
      field: 'service.id',
      reason: `was merged into ${String(row.kept)} by an admin; left as it is (import into that listing instead)`,
    });
  }
}

/**
 * An import with a profile changes only its own records: one made in the app, by another feed or by
 * an import without a profile is taken out of the batch and named in a warning.
 */
async function leaveOthersAlone(
  db: Db,
  batch: BatchRows,
  source: string,
  counts: Counts,
  warnings: Problem[],
): Promise<void> {
  const tables = [
    ['organization', batch.organizations, 'organizations'],
    ['location', batch.locations, 'locations'],
    ['resource', batch.resources, 'services'],
  ] as const;
  for (const [table, rows, kind] of tables) {
    if (rows.size === 0) continue;
    const others = await query(
      db,
      `select id::text as id, source from "${table}" where id = any(?::uuid[]) and source is distinct from ?`,
      [[...rows.keys()], source],
    );
    for (const other of others) {
      const id = other.id as string;
      rows.delete(id);
      counts[kind].unchanged++;
      warnings.push({
        file: batch.files.get(id) ?? '?',
        recordId: id,
        field: `${table}.source`,
        reason:
          typeof other.source === 'string'
            ? `belongs to the feed ${other.source}, not ${source}; left as it is`
            : `was not loaded from ${source} (made in the app or by an import without this profile); left as it is`,
      });
    }
  }
}
