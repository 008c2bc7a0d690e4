import { randomBytes } from 'node:crypto';
import type { MikroORM } from '../../subgraphs/kit/orm';
import { Address } from '../../subgraphs/resources/location/address.entity';
import { Location } from '../../subgraphs/resources/location/location.entity';
import type { Schedule } from '../../subgraphs/resources/location/schedule';
import { Organization } from '../../subgraphs/resources/organization/organization.entity';
import { Capacity } from '../../subgraphs/resources/resource/capacity.entity';
import { Resource } from '../../subgraphs/resources/resource/resource.entity';
import { ResourceStatus } from '../../subgraphs/resources/resource/resource.enums';
import { SiteCapacity } from '../../subgraphs/resources/resource/site-capacity.entity';

const WEEKDAYS_9_TO_5: Schedule = {
  weekly: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((day) => ({
    day: day as Schedule['weekly'][number]['day'],
    opensAt: '09:00',
    closesAt: '17:00',
  })),
  closures: [],
};

export interface Fixture {
  organization: Organization;
  location: Location;
  resource: Resource;
}

/** An organization with one location (Oakland, weekdays 9–5) and one active shelter listing. */
export async function createListing(
  orm: MikroORM,
  options: { status?: ResourceStatus; schedule?: Schedule; name?: string } = {},
): Promise<Fixture> {
  const em = orm.em.fork();
  const tag = randomBytes(3).toString('hex');
  const organization = em.create(Organization, { name: `Test Org ${tag}` });
  const location = em.create(Location, {
    organization,
    name: `Test Site ${tag}`,
    address: Object.assign(new Address(), {
      address1: '1 Broadway',
      city: 'Oakland',
      stateProvince: 'CA',
      postalCode: '94607',
      country: 'US',
    }),
    latitude: 37.8044,
    longitude: -122.2712,
    timeZone: 'America/Los_Angeles',
    schedule: options.schedule ?? WEEKDAYS_9_TO_5,
  });
  const resource = em.create(Resource, {
    organization,
    name: options.name ?? `Test Shelter ${tag}`,
    status: options.status ?? ResourceStatus.ACTIVE,
    categoryIds: ['emergency-shelter'],
    languages: ['en', 'es'],
    acceptsReferrals: true,
    capacity: Object.assign(new Capacity(), {
      unit: 'beds',
      available: 3,
      maximum: 20,
      updatedAt: new Date(),
    }),
  });
  resource.locations.add(location);
  // Beds are counted at the site; the listing's capacity is the total of its (one) site.
  em.create(SiteCapacity, {
    resource,
    location,
    capacity: Object.assign(new Capacity(), resource.capacity),
  });
  await em.flush();
  return { organization, location, resource };
}
