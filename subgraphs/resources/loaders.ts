import DataLoader from 'dataloader';
import type { EntityDictionary, EntityManager } from '@mikro-orm/postgresql';
import { byIdLoader, readOnlyEntities } from '../kit/loaders';
import { Location } from './location/location.entity';
import { Organization } from './organization/organization.entity';
import type { ResourceService } from './resource/resource.service';
import { Resource } from './resource/resource.entity';
import { SiteCapacity } from './resource/site-capacity.entity';
import type { EngineHit } from './search/search.port';

function group<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((k) => map.get(k) ?? []);
}

async function links(
  em: EntityManager,
  column: 'resource_id' | 'location_id',
  ids: readonly string[],
) {
  return em
    .getConnection()
    .execute<{ resource_id: string; location_id: string }[]>(
      `select resource_id, location_id from resource_location where ${column} in (?) order by resource_id, location_id`,
      [[...ids]],
    );
}

/**
 * One batched query per kind of lookup per request, whatever the page size: the fields of a list of
 * resources never cost one query each.
 */
export function createLoaders(em: EntityManager, resources: ResourceService) {
  // Read only: every change goes through the services' own em.findOne, never through a loader.
  const resource = byIdLoader(em, Resource, { readOnly: true });
  const location = byIdLoader(em, Location, { readOnly: true });
  const organization = byIdLoader(em, Organization, { readOnly: true });
  /** Rows a statement has already read become the loaders' answers for their ids (no query). */
  function prime<T extends { id: string }>(
    loader: DataLoader<string, T | null>,
    entity: new () => T,
    rows: (Record<string, unknown> | null)[],
  ): void {
    const fresh = rows.filter((r): r is EntityDictionary<T> => !!r);
    for (const found of readOnlyEntities(em, entity, fresh)) loader.prime(found.id, found);
  }
  return {
    resource,
    location,
    organization,
    /** The search engine's page rows (see EngineHit.rows): its listings and locations, loaded. */
    primeFromRows(rows: NonNullable<EngineHit['rows']>[]): void {
      prime(
        resource,
        Resource,
        rows.map((r) => r.resource),
      );
      prime(
        location,
        Location,
        rows.map((r) => r.location),
      );
    },
    locationsOfResource: new DataLoader<string, Location[]>(async (ids) => {
      const rows = await links(em, 'resource_id', ids);
      const found = await location.loadMany(rows.map((r) => r.location_id));
      const byLocation = new Map(
        found.filter((l): l is Location => l instanceof Location).map((l) => [l.id, l]),
      );
      return group(ids, rows, (r) => r.resource_id).map((g) =>
        g.map((r) => byLocation.get(r.location_id)).filter((l): l is Location => !!l),
      );
    }),
    resourcesAtLocation: new DataLoader<string, Resource[]>(async (ids) => {
      const rows = await links(em, 'location_id', ids);
      const found = await resource.loadMany(rows.map((r) => r.resource_id));
      const visible = new Map(
        found
          .filter((r): r is Resource => r instanceof Resource && resources.isVisible(r))
          .map((r) => [r.id, r]),
      );
      return group(ids, rows, (r) => r.location_id).map((g) =>
        g.map((r) => visible.get(r.resource_id)).filter((r): r is Resource => !!r),
      );
    }),
    /** The counts of a listing's sites (service_capacity), by location id. */
    siteCapacitiesOfResource: new DataLoader<string, Map<string, SiteCapacity>>(async (ids) => {
      const rows = await em.find(
        SiteCapacity,
        { resource: { $in: [...ids] } },
        { disableIdentityMap: true },
      );
      return group(ids, rows, (r) => r.resource.id).map(
        (g) => new Map(g.map((r) => [r.location.id, r])),
      );
    }),
    resourcesOfOrganization: new DataLoader<string, Resource[]>(async (ids) => {
      const rows = await em.find(
        Resource,
        { $and: [{ organization: { $in: [...ids] } }, resources.visibleWhere()] },
        { orderBy: { name: 'asc', id: 'asc' } },
      );
      return group(ids, rows, (r) => r.organization.id);
    }),
    locationsOfOrganization: new DataLoader<string, Location[]>(async (ids) => {
      const rows = await em.find(
        Location,
        { organization: { $in: [...ids] } },
        { orderBy: { name: 'asc', id: 'asc' } },
      );
      return group(ids, rows, (l) => l.organization.id);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
