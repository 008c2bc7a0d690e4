import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createListing, type Fixture } from '../../../test/support/fixtures';
import { Location } from '../location/location.entity';
import { PostgresSearch } from '../search/postgres-search';
import { expectData, expectError, partnerOf, useResources } from './harness';

const api = useResources();

const UPDATE = `mutation($id: ID!, $locationId: ID, $input: CapacityInput!, $v: Int) {
  updateCapacity(id: $id, locationId: $locationId, input: $input, expectedVersion: $v) {
    version capacity { unit available maximum updatedAt }
    sites { location { id } capacity { unit available maximum updatedAt } capacityUpdatedAtLocal { zone } }
  }
}`;

interface CapacityData {
  unit: string;
  available: number;
  maximum: number | null;
  updatedAt: string;
}
interface ListingData {
  version: number;
  capacity: CapacityData | null;
  sites: {
    location: { id: string };
    capacity: CapacityData | null;
    capacityUpdatedAtLocal: { zone: string } | null;
  }[];
}

/** The fixture's shelter (3 of 20 beds at its Oakland site), also offered at a second site. */
async function twoSites(): Promise<Fixture & { second: Location }> {
  const f = await createListing(api().orm, {
    name: `Two Site Shelter ${randomBytes(3).toString('hex')}`,
  });
  const em = api().orm.em.fork();
  const second = em.create(Location, {
    organization: f.organization.id,
    name: 'Annex',
    latitude: 37.775,
    longitude: -122.224,
    timeZone: 'America/Los_Angeles',
    // Created after the first site, so the first site stays first.
    createdAt: new Date(Date.now() + 1000),
  });
  await em.flush();
  await em
    .getConnection()
    .execute('insert into resource_location (resource_id, location_id) values (?, ?)', [
      f.resource.id,
      second.id,
    ]);
  return { ...f, second };
}

describe('beds per site', () => {
  it('needs the site when a listing has several, and refuses a site it is not offered at', async () => {
    const f = await twoSites();
    const other = await createListing(api().orm);
    const partner = partnerOf(f.organization.id);
    const missing = expectError(
      await api().execute(UPDATE, { id: f.resource.id, input: { available: 2 } }, partner),
      'BAD_USER_INPUT',
    );
    expect(missing.extensions?.field).toBe('locationId');
    const elsewhere = expectError(
      await api().execute(
        UPDATE,
        { id: f.resource.id, locationId: other.location.id, input: { available: 2 } },
        partner,
      ),
      'BAD_USER_INPUT',
    );
    expect(elsewhere.extensions?.field).toBe('locationId');
    expect(elsewhere.message).toContain(other.location.id);
  });

  it('counts each site, totals the listing, and records the change at its site', async () => {
    const f = await twoSites();
    const partner = partnerOf(f.organization.id);
    const first = expectData(
      await api().execute<{ updateCapacity: ListingData }>(
        UPDATE,
        {
          id: f.resource.id,
          locationId: f.second.id,
          input: { unit: 'beds', available: 5, maximum: 8 },
          v: 1,
        },
        partner,
      ),
    ).updateCapacity;
    expect(first.version).toBe(2);
    expect(first.capacity).toMatchObject({ unit: 'beds', available: 8, maximum: 28 });
    const bySite = new Map(first.sites.map((s) => [s.location.id, s]));
    expect(bySite.get(f.location.id)?.capacity).toMatchObject({ available: 3, maximum: 20 });
    expect(bySite.get(f.second.id)?.capacity).toMatchObject({ available: 5, maximum: 8 });
    expect(bySite.get(f.second.id)?.capacityUpdatedAtLocal?.zone).toBe('America/Los_Angeles');
    // The total is as fresh as the latest site.
    expect(first.capacity?.updatedAt).toBe(bySite.get(f.second.id)?.capacity?.updatedAt);

    // A stale version is refused, as for every edit.
    expectError(
      await api().execute(
        UPDATE,
        { id: f.resource.id, locationId: f.location.id, input: { available: 0 }, v: 1 },
        partner,
      ),
      'CONFLICT',
    );
    const second = expectData(
      await api().execute<{ updateCapacity: ListingData }>(
        UPDATE,
        { id: f.resource.id, locationId: f.location.id, input: { available: 0 }, v: 2 },
        partner,
      ),
    ).updateCapacity;
    expect(second.capacity).toMatchObject({ available: 5, maximum: 28 });

    const history = expectData(
      await api().execute<{
        resource: {
          history: {
            field: string;
            oldValue: unknown;
            newValue: unknown;
            locationId: string | null;
          }[];
        };
      }>(
        'query($id: ID!) { resource(id: $id) { history { field oldValue newValue locationId } } }',
        { id: f.resource.id },
        partner,
      ),
    ).resource.history.filter((h) => h.field === 'capacity.available');
    expect(history.slice(0, 2)).toEqual([
      { field: 'capacity.available', oldValue: 3, newValue: 0, locationId: f.location.id },
      { field: 'capacity.available', oldValue: null, newValue: 5, locationId: f.second.id },
    ]);
  });

  it('drops the count of a site the listing stops being offered at, and the total follows', async () => {
    const f = await twoSites();
    const partner = partnerOf(f.organization.id);
    expectData(
      await api().execute(
        UPDATE,
        { id: f.resource.id, locationId: f.second.id, input: { available: 4, maximum: 6 } },
        partner,
      ),
    );
    const after = expectData(
      await api().execute<{ updateResource: ListingData }>(
        `mutation($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, expectedVersion: 2, input: $input) {
          version capacity { unit available maximum updatedAt } sites { location { id } capacity { unit available maximum updatedAt } capacityUpdatedAtLocal { zone } } } }`,
        { id: f.resource.id, input: { locationIds: [f.location.id] } },
        partner,
      ),
    ).updateResource;
    expect(after.capacity).toMatchObject({ available: 3, maximum: 20 });
    expect(after.sites.map((s) => s.location.id)).toEqual([f.location.id]);
    const rows = await api()
      .orm.em.getConnection()
      .execute('select location_id from service_capacity where resource_id = ?', [f.resource.id]);
    expect(rows).toEqual([{ location_id: f.location.id }]);
  });

  it('finds beds per site in search, and shows each hit its own count', async () => {
    const f = await twoSites();
    const partner = partnerOf(f.organization.id);
    for (const [locationId, available] of [
      [f.location.id, 0],
      [f.second.id, 6],
    ] as const) {
      expectData(
        await api().execute(
          UPDATE,
          { id: f.resource.id, locationId, input: { available } },
          partner,
        ),
      );
    }
    await new PostgresSearch(api().orm.em.getConnection().getKnex()).rebuild();
    const search = async (hasCapacity: boolean | null) =>
      expectData(
        await api().execute<{
          searchResources: {
            hits: { location: { id: string } | null; capacity: { available: number } | null }[];
          };
        }>(
          `query($input: ResourceSearchInput!) { searchResources(input: $input) {
            hits { location { id } capacity { available } } } }`,
          { input: { text: f.resource.name, hasCapacity, first: 50 } },
        ),
      ).searchResources.hits;
    expect(await search(true)).toEqual([
      { location: { id: f.second.id }, capacity: { available: 6 } },
    ]);
    expect(await search(false)).toEqual([
      { location: { id: f.location.id }, capacity: { available: 0 } },
    ]);
    expect(await search(null)).toHaveLength(2);
  });
});
