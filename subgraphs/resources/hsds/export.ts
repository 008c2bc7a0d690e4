import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { PUBLIC_STATUSES } from '../resource/resource.enums';
import { query, type Db } from '../sql';
import type {
  HubCategory,
  HubLocation,
  HubOrganization,
  HubResource,
  HubSiteCapacity,
  HubStatus,
} from './model';
import { categoryTerm } from './terms';
import { organizationDocument, serviceToHsds, type HsdsDocument } from './to-hsds';

type Row = Record<string, unknown>;

const iso = (v: unknown) =>
  v instanceof Date ? v.toISOString() : typeof v === 'string' ? new Date(v).toISOString() : null;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function organizationFromRow(r: Row): HubOrganization {
  return {
    id: r.id as string,
    name: r.name as string,
    alternateName: str(r.alternate_name),
    description: str(r.description),
    email: str(r.email),
    website: str(r.website),
    phone: str(r.phone),
    kind: str(r.kind),
    hsds: (r.hsds as HubOrganization['hsds']) ?? null,
  };
}

export function locationFromRow(r: Row): HubLocation {
  return {
    id: r.id as string,
    organizationId: r.organization_id as string,
    name: r.name as string,
    description: str(r.description),
    address: r.address_address1
      ? {
          address1: r.address_address1 as string,
          address2: str(r.address_address2),
          city: r.address_city as string,
          region: str(r.address_region),
          stateProvince: r.address_state_province as string,
          postalCode: r.address_postal_code as string,
          country: r.address_country as string,
        }
      : null,
    latitude: (r.latitude as number | null) ?? null,
    longitude: (r.longitude as number | null) ?? null,
    timeZone: r.time_zone as string,
    accessibility: str(r.accessibility),
    transitNotes: str(r.transit_notes),
    schedule: (r.schedule as HubLocation['schedule']) ?? { weekly: [], closures: [] },
    hsds: (r.hsds as HubLocation['hsds']) ?? null,
  };
}

/**
 * What an export says was the last change: the feed's `last_modified` while the listing is exactly as
 * imported (the import stamps `imported_at` and `updated_at` with one clock reading), else ours.
 */
function lastModified(r: Row): string | undefined {
  const updated = iso(r.updated_at);
  const asImported = updated !== null && updated === iso(r.imported_at);
  return (asImported ? iso(r.source_modified_at) : null) ?? updated ?? undefined;
}

export function siteCapacityFromRow(r: Row): HubSiteCapacity {
  return {
    id: r.id as string,
    locationId: r.location_id as string,
    unit: r.unit as string,
    available: r.available as number,
    maximum: (r.maximum as number | null) ?? null,
    updatedAt: iso(r.updated_at) ?? new Date(0).toISOString(),
  };
}

export function resourceFromRow(
  r: Row,
  locationIds: string[],
  siteCapacities: HubSiteCapacity[] = [],
): HubResource {
  return {
    id: r.id as string,
    organizationId: r.organization_id as string,
    name: r.name as string,
    alternateName: str(r.alternate_name),
    description: str(r.description),
    url: str(r.url),
    email: str(r.email),
    phone: str(r.phone),
    status: r.status as HubStatus,
    categoryIds: (r.category_ids as string[]) ?? [],
    populations: (r.populations as string[]) ?? [],
    insurance: (r.insurance as string[]) ?? [],
    languages: (r.languages as string[]) ?? [],
    minimumAge: (r.minimum_age as number | null) ?? null,
    maximumAge: (r.maximum_age as number | null) ?? null,
    eligibilityDescription: str(r.eligibility_description),
    feesDescription: str(r.fees_description),
    applicationProcess: str(r.application_process),
    requiredDocuments: (r.required_documents as string[]) ?? [],
    acceptsReferrals: r.accepts_referrals === true,
    capacity: r.capacity_unit
      ? {
          unit: r.capacity_unit as string,
          available: r.capacity_available as number,
          maximum: (r.capacity_maximum as number | null) ?? null,
          updatedAt: iso(r.capacity_updated_at) ?? new Date(0).toISOString(),
        }
      : null,
    siteCapacities,
    lastVerifiedAt: iso(r.last_verified_at),
    lastVerifiedBy: str(r.last_verified_by),
    updatedAt: lastModified(r),
    locationIds,
    hsds: (r.hsds as HubResource['hsds']) ?? null,
  };
}

export async function loadCategories(db: Db): Promise<Map<string, HubCategory>> {
  const rows = await query(
    db,
    'select id, name, description, parent_id, hsds from category order by position, id',
  );
  return new Map(
    rows.map((r) => [
      r.id as string,
      {
        id: r.id as string,
        name: r.name as string,
        description: str(r.description),
        parentId: str(r.parent_id),
        hsds: (r.hsds as HubCategory['hsds']) ?? null,
      },
    ]),
  );
}

async function write(out: WriteStream, doc: HsdsDocument): Promise<void> {
  if (!out.write(`${JSON.stringify(doc)}\n`)) await once(out, 'drain');
}

async function close(out: WriteStream): Promise<void> {
  out.end();
  await once(out, 'finish');
}

export interface ExportOptions {
  pageSize?: number;
  /** Only listings anyone may see (ACTIVE, TEMPORARILY_CLOSED). */
  publishedOnly?: boolean;
}

export interface ExportCounts {
  services: number;
  organizations: number;
  locations: number;
  taxonomyTerms: number;
}

/** What mapping a set of resource rows to HSDS needs: the resources, their locations and organizations. */
export interface ServiceBatch {
  resources: HubResource[];
  locations: Map<string, HubLocation>;
  organizations: Map<string, HubOrganization>;
}

/**
 * Loads the locations, organizations and site capacities of these resource rows (`select * from
 * resource`), in four queries.
 */
export async function loadServiceBatch(db: Db, rows: readonly Row[]): Promise<ServiceBatch> {
  const ids = rows.map((r) => r.id as string);
  const links = await query(
    db,
    'select resource_id::text, location_id::text from resource_location where resource_id = any(?::uuid[]) order by location_id',
    [ids],
  );
  const locationIds = [...new Set(links.map((l) => l.location_id as string))];
  const locations = new Map(
    (await query(db, 'select * from location where id = any(?::uuid[])', [locationIds])).map(
      (r) => [r.id as string, locationFromRow(r)],
    ),
  );
  const orgIds = [...new Set(rows.map((r) => r.organization_id as string))];
  const organizations = new Map(
    (await query(db, 'select * from organization where id = any(?::uuid[])', [orgIds])).map((r) => [
      r.id as string,
      organizationFromRow(r),
    ]),
  );
  const byResource = new Map<string, string[]>();
  for (const l of links)
    byResource.set(l.resource_id as string, [
      ...(byResource.get(l.resource_id as string) ?? []),
      l.location_id as string,
    ]);
  const sites = new Map<string, HubSiteCapacity[]>();
  for (const c of await query(
    db,
    'select id::text, resource_id::text, location_id::text, unit, available, maximum, updated_at from service_capacity where resource_id = any(?::uuid[]) order by location_id',
    [ids],
  ))
    sites.set(c.resource_id as string, [
      ...(sites.get(c.resource_id as string) ?? []),
      siteCapacityFromRow(c),
    ]);
  return {
    resources: rows.map((r) =>
      resourceFromRow(r, byResource.get(r.id as string) ?? [], sites.get(r.id as string)),
    ),
    locations,
    organizations,
  };
}

/** Whole service documents (compiled `service.json`) of these resource rows, in their order. */
export async function serviceDocuments(
  db: Db,
  rows: readonly Row[],
  categories: ReadonlyMap<string, HubCategory>,
): Promise<HsdsDocument[]> {
  const { resources, locations, organizations } = await loadServiceBatch(db, rows);
  return resources.map((resource) =>
    serviceToHsds(resource, {
      organization: organizations.get(resource.organizationId)!,
      locations,
      categories,
    }),
  );
}

/** Services (with organization and locations nested) a page at a time, ordered by id. */
export async function* servicePages(
  db: Db,
  options: ExportOptions = {},
  categories?: Map<string, HubCategory>,
): AsyncIterable<HsdsDocument[]> {
  const cats = categories ?? (await loadCategories(db));
  const size = options.pageSize ?? 1000;
  const statuses = options.publishedOnly
    ? PUBLIC_STATUSES
    : ['ACTIVE', 'TEMPORARILY_CLOSED', 'INACTIVE', 'DEFUNCT'];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await query(
      db,
      'select * from resource where id > ? and status = any(?) order by id limit ?',
      [after, statuses, size],
    );
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id as string;
    yield await serviceDocuments(db, rows, cats);
  }
}

/**
 * Writes the directory as HSDS 3.0 JSON: services.ndjson (compiled service documents, one a line),
 * organizations.ndjson (organizations with their locations) and taxonomy_terms.ndjson.
 */
export async function exportHsds(
  db: Db,
  folder: string,
  options: ExportOptions = {},
): Promise<ExportCounts> {
  mkdirSync(folder, { recursive: true });
  const counts: ExportCounts = { services: 0, organizations: 0, locations: 0, taxonomyTerms: 0 };
  const categories = await loadCategories(db);
  const terms = createWriteStream(join(folder, 'taxonomy_terms.ndjson'));
  for (const c of categories.values()) {
    await write(terms, categoryTerm(c, categories));
    counts.taxonomyTerms++;
  }
  await close(terms);

  const orgsOut = createWriteStream(join(folder, 'organizations.ndjson'));
  const size = options.pageSize ?? 1000;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await query(db, 'select * from organization where id > ? order by id limit ?', [
      after,
      size,
    ]);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id as string;
    const locations = (
      await query(db, 'select * from location where organization_id = any(?::uuid[]) order by id', [
        rows.map((r) => r.id),
      ])
    ).map(locationFromRow);
    for (const r of rows) {
      const own = locations.filter((l) => l.organizationId === r.id);
      await write(orgsOut, organizationDocument(organizationFromRow(r), own));
      counts.organizations++;
      counts.locations += own.length;
    }
  }
  await close(orgsOut);

  const servicesOut = createWriteStream(join(folder, 'services.ndjson'));
  for await (const page of servicePages(db, options, categories)) {
    for (const doc of page) await write(servicesOut, doc);
    counts.services += page.length;
  }
  await close(servicesOut);
  return counts;
}
