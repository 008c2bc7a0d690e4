import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Address } from '../subgraphs/resources/location/address.entity';
import { Location } from '../subgraphs/resources/location/location.entity';
import { Organization } from '../subgraphs/resources/organization/organization.entity';
import { Capacity } from '../subgraphs/resources/resource/capacity.entity';
import { Resource } from '../subgraphs/resources/resource/resource.entity';
import type { Insurance, Population, ResourceStatus } from '../subgraphs/resources/resource/resource.enums';
import { sampleDirectory, type SampleOrganization } from './sample-directory';

export interface LoadCounts {
  organizations: number;
  resources: number;
  locations: number;
}

function addOrganization(em: EntityManager, sample: SampleOrganization, now: Date): LoadCounts {
  const { locations, resources, ...fields } = sample;
  const organization = em.create(Organization, fields);
  const byId = new Map<string, Location>();
  for (const l of locations) {
    const location = em.create(Location, {
      ...l,
      organization,
      address: Object.assign(new Address(), l.address),
      schedule: l.schedule,
    });
    byId.set(l.id, location);
  }
  for (const r of resources) {
    const { locationIds, capacity, lastVerifiedAt, categories, ...rest } = r;
    const resource = em.create(Resource, {
      ...rest,
      status: rest.status as ResourceStatus,
      populations: rest.populations as Population[],
      insurance: rest.insurance as Insurance[],
      organization,
      categoryIds: categories,
      lastVerifiedAt: new Date(lastVerifiedAt),
      lastVerifiedBy: 'seed',
      capacity: capacity ? Object.assign(new Capacity(), { ...capacity, updatedAt: now }) : null,
    });
    for (const id of locationIds) resource.locations.add(byId.get(id)!);
  }
  return { organizations: 1, resources: resources.length, locations: locations.length };
}

/** Loads the sample directory when the database holds no organization yet; returns what it added. */
export async function loadSampleIfEmpty(orm: MikroORM, seed = 1): Promise<LoadCounts | null> {
  const em = orm.em.fork();
  if ((await em.count(Organization, {})) > 0) return null;
  const now = new Date();
  const total: LoadCounts = { organizations: 0, resources: 0, locations: 0 };
  await em.transactional(async (tx) => {
    for (const sample of sampleDirectory({ seed })) {
      const counts = addOrganization(tx, sample, now);
      total.organizations += counts.organizations;
      total.resources += counts.resources;
      total.locations += counts.locations;
    }
  });
  return total;
}
