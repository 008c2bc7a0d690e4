import { describe, expect, it } from 'vitest';
import { createListing, type Fixture } from '../../../test/support/fixtures';
import { ANONYMOUS, type Identity } from '../../kit/identity';
import { ResourceStatus } from '../resource/resource.enums';
import { query } from '../sql';
import {
  admin,
  count,
  expectData,
  expectError,
  partnerOf,
  peer,
  storedLocation,
  storedOrganization,
  storedResource,
  useResources,
  WEEKDAYS_9_TO_5,
} from './harness';

const api = useResources();

const HISTORY = `query($id: ID!) { resource(id: $id) { version history { field oldValue newValue changedBy changedByRole changedAt requestId entityType entityId } } }`;
interface ChangeRecordData {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string;
  changedByRole: string | null;
  changedAt: string;
  requestId: string | null;
  entityType: string;
  entityId: string;
}
interface HistoryData {
  resource: { version: number; history: ChangeRecordData[] };
}

/** A stored row's columns, as a test reads them, bypassing every cache. */
async function stored<T>(table: 'resource' | 'location' | 'organization', id: string): Promise<T> {
  const knex = api().orm.em.getConnection().getKnex();
  const [row] = await query<T>(knex, `select * from ${table} where id = ?`, [id]);
  return row;
}

interface Edit {
  name: string;
  query: string;
  variables(f: Fixture): Record<string, unknown>;
  /** What a user would see stored after the edit went through (or not). */
  applied(f: Fixture): Promise<boolean>;
}

const EDITS: Edit[] = [
  {
    name: 'createResource',
    query:
      'mutation($input: CreateResourceInput!) { createResource(input: $input) { id name version } }',
    variables: (f) => ({
      input: { organizationId: f.organization.id, name: 'Evening meals', categories: ['meals'] },
    }),
    applied: async (f) =>
      (await count(api(), 'resource where organization_id = ?', [f.organization.id])) === 2,
  },
  {
    name: 'updateResource',
    query:
      'mutation($id: ID!, $v: Int!, $input: UpdateResourceInput!) { updateResource(id: $id, expectedVersion: $v, input: $input) { id name version } }',
    variables: (f) => ({ id: f.resource.id, v: 1, input: { name: 'Renamed shelter' } }),
    applied: async (f) => (await storedResource(api(), f.resource.id)).name === 'Renamed shelter',
  },
  {
    name: 'setResourceStatus',
    query:
      'mutation($id: ID!) { setResourceStatus(id: $id, status: TEMPORARILY_CLOSED, expectedVersion: 1) { id status } }',
    variables: (f) => ({ id: f.resource.id }),
    applied: async (f) =>
      (await storedResource(api(), f.resource.id)).status === 'TEMPORARILY_CLOSED',
  },
  {
    name: 'updateCapacity',
    query:
      'mutation($id: ID!) { updateCapacity(id: $id, input: { available: 0 }, expectedVersion: 1) { id capacity { available } } }',
    variables: (f) => ({ id: f.resource.id }),
    applied: async (f) => (await storedResource(api(), f.resource.id)).capacity_available === 0,
  },
  {
    name: 'verifyResource',
    query: 'mutation($id: ID!) { verifyResource(id: $id) { id lastVerifiedAt stale } }',
    variables: (f) => ({ id: f.resource.id }),
    applied: async (f) => (await storedResource(api(), f.resource.id)).last_verified_at !== null,
  },
  {
    name: 'upsertLocation (create)',
    query: 'mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id name } }',
    variables: (f) => ({
      input: {
        organizationId: f.organization.id,
        name: 'Second site',
        latitude: 37.8,
        longitude: -122.27,
      },
    }),
    applied: async (f) =>
      (await count(api(), 'location where organization_id = ?', [f.organization.id])) === 2,
  },
  {
    name: 'upsertLocation (update)',
    query: 'mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id name } }',
    variables: (f) => ({ input: { id: f.location.id, expectedVersion: 1, name: 'Renamed site' } }),
    applied: async (f) => (await storedLocation(api(), f.location.id)).name === 'Renamed site',
  },
  {
    name: 'setSchedule',
    query:
      'mutation($id: ID!, $s: ScheduleInput!) { setSchedule(locationId: $id, expectedVersion: 1, schedule: $s) { id version } }',
    variables: (f) => ({
      id: f.location.id,
      s: { weekly: [{ day: 'SATURDAY', opensAt: '10:00', closesAt: '14:00' }] },
    }),
    applied: async (f) =>
      (await stored<{ schedule: { weekly: unknown[] } }>('location', f.location.id)).schedule.weekly
        .length === 1,
  },
  {
    name: 'updateOrganization',
    query:
      'mutation($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, expectedVersion: 1, input: $input) { id name } }',
    variables: (f) => ({
      id: f.organization.id,
      input: { name: 'Renamed org', phone: '510-555-0100' },
    }),
    applied: async (f) =>
      (await storedOrganization(api(), f.organization.id)).name === 'Renamed org',
  },
];

describe.each(EDITS)('$name', (edit) => {
  const attempt = async (as: (f: Fixture, other: Fixture) => Identity) => {
    const f = await createListing(api().orm);
    const other = await createListing(api().orm);
    const body = await api().execute(edit.query, edit.variables(f), as(f, other));
    return { f, body };
  };

  it("works for the organization's own partner", async () => {
    const { f, body } = await attempt((f) => partnerOf(f.organization.id));
    expectData(body);
    expect(await edit.applied(f)).toBe(true);
  });

  it('works for an admin', async () => {
    const { f, body } = await attempt(() => admin());
    expectData(body);
    expect(await edit.applied(f)).toBe(true);
  });

  it("is FORBIDDEN to another organization's partner, and changes nothing", async () => {
    const { f, body } = await attempt((_f, other) => partnerOf(other.organization.id));
    expectError(body, 'FORBIDDEN');
    expect(await edit.applied(f)).toBe(false);
  });

  it('is FORBIDDEN to a peer, and changes nothing', async () => {
    const { f, body } = await attempt(() => peer());
    expectError(body, 'FORBIDDEN');
    expect(await edit.applied(f)).toBe(false);
  });

  it('is UNAUTHENTICATED for anonymous callers, and changes nothing', async () => {
    const { f, body } = await attempt(() => ANONYMOUS);
    expectError(body, 'UNAUTHENTICATED');
    expect(await edit.applied(f)).toBe(false);
  });
});

describe('createOrganization', () => {
  const CREATE =
    'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name email website version } }';
  interface CreateData {
    createOrganization: {
      id: string;
      name: string;
      email: string | null;
      website: string | null;
      version: number;
    };
  }

  it('lets an admin onboard an organization, which anyone can then read', async () => {
    const name = `Onboarded ${Date.now()}`;
    const data = expectData(
      await api().execute<CreateData>(
        CREATE,
        {
          input: {
            name: `  ${name} `,
            email: 'intake@example.org',
            website: 'https://example.org',
          },
        },
        admin(),
      ),
    );
    expect(data.createOrganization).toMatchObject({
      name,
      email: 'intake@example.org',
      website: 'https://example.org',
      version: 1,
    });
    const read = expectData(
      await api().execute<{ organization: { name: string } }>(
        'query($id: ID!) { organization(id: $id) { name } }',
        { id: data.createOrganization.id },
      ),
    );
    expect(read.organization.name).toBe(name);
  });

  it('is FORBIDDEN to partners and peers, UNAUTHENTICATED for anonymous callers, and writes nothing', async () => {
    const { organization } = await createListing(api().orm);
    const name = `Refused ${Date.now()}`;
    expectError(
      await api().execute(CREATE, { input: { name } }, partnerOf(organization.id)),
      'FORBIDDEN',
    );
    expectError(await api().execute(CREATE, { input: { name } }, peer()), 'FORBIDDEN');
    expectError(await api().execute(CREATE, { input: { name } }, ANONYMOUS), 'UNAUTHENTICATED');
    expect(await count(api(), 'organization where name = ?', [name])).toBe(0);
  });
});

describe('partner workflow', () => {
  it('creates a listing with capacity, categories and a location of its own organization', async () => {
    const { organization, location } = await createListing(api().orm);
    const partner = partnerOf(organization.id);
    interface CreateData {
      createResource: {
        id: string;
        name: string;
        status: string;
        categories: { id: string }[];
        languages: string[];
        populations: string[];
        insurance: string[];
        acceptsReferrals: boolean;
        capacity: { unit: string; available: number; maximum: number | null } | null;
        locations: { id: string }[];
        organization: { id: string };
        version: number;
      };
    }
    const data = expectData(
      await api().execute<CreateData>(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) {
          id name status categories { id } languages populations insurance acceptsReferrals
          capacity { unit available maximum } locations { id } organization { id } version
        } }`,
        {
          input: {
            organizationId: organization.id,
            name: ' Recovery beds ',
            categories: ['recovery-residence'],
            languages: ['en', 'vi'],
            populations: ['PEOPLE_LEAVING_JAIL', 'VETERANS'],
            insurance: ['MEDI_CAL'],
            acceptsReferrals: true,
            capacity: { unit: 'beds', available: 4, maximum: 12 },
            locationIds: [location.id],
          },
        },
        partner,
      ),
    );
    expect(data.createResource).toMatchObject({
      name: 'Recovery beds',
      status: 'ACTIVE',
      categories: [{ id: 'recovery-residence' }],
      languages: ['en', 'vi'],
      populations: ['PEOPLE_LEAVING_JAIL', 'VETERANS'],
      insurance: ['MEDI_CAL'],
      acceptsReferrals: true,
      capacity: { unit: 'beds', available: 4, maximum: 12 },
      locations: [{ id: location.id }],
      organization: { id: organization.id },
      version: 1,
    });
    // The new listing is public and shows at its location.
    const read = expectData(
      await api().execute<{ location: { resources: { id: string }[] } }>(
        'query($id: ID!) { location(id: $id) { resources { id } } }',
        { id: location.id },
      ),
    );
    expect(read.location.resources.map((r) => r.id)).toContain(data.createResource.id);
    // Its creation is its first history.
    const history = expectData(
      await api().execute<HistoryData>(HISTORY, { id: data.createResource.id }, partner),
    );
    const fields = history.resource.history.map((h) => h.field);
    expect(fields).toEqual(
      expect.arrayContaining(['name', 'categories', 'capacity.available', 'locationIds']),
    );
    expect(history.resource.history.every((h) => h.changedBy === partner.sub)).toBe(true);
  });

  it("refuses to create a listing for another organization, or at another organization's location", async () => {
    const mine = await createListing(api().orm);
    const theirs = await createListing(api().orm);
    const partner = partnerOf(mine.organization.id);
    const create =
      'mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }';
    expectError(
      await api().execute(
        create,
        { input: { organizationId: theirs.organization.id, name: 'Not mine' } },
        partner,
      ),
      'FORBIDDEN',
    );
    const error = expectError(
      await api().execute(
        create,
        {
          input: {
            organizationId: mine.organization.id,
            name: 'Borrowed site',
            locationIds: [theirs.location.id],
          },
        },
        partner,
      ),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('locationIds');
    expect(
      await count(api(), 'resource where organization_id in (?, ?)', [
        mine.organization.id,
        theirs.organization.id,
      ]),
    ).toBe(2);
  });

  it('records every changed field of an update: who, when, old and new value', async () => {
    const { resource, organization } = await createListing(api().orm);
    const partner = partnerOf(organization.id, 'partner-sub-1');
    const updated = expectData(
      await api().execute<{
        updateResource: {
          name: string;
          phone: string | null;
          languages: string[];
          version: number;
        };
      }>(
        `mutation($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, expectedVersion: 1, input: $input) {
          name phone languages version
        } }`,
        {
          id: resource.id,
          input: { name: 'Harbor House', phone: '510-555-0199', languages: ['en'] },
        },
        partner,
      ),
    );
    expect(updated.updateResource).toEqual({
      name: 'Harbor House',
      phone: '510-555-0199',
      languages: ['en'],
      version: 2,
    });

    const capacity = expectData(
      await api().execute<{
        updateCapacity: {
          version: number;
          capacity: {
            unit: string;
            available: number;
            maximum: number | null;
            updatedAt: string;
          } | null;
        };
      }>(
        'mutation($id: ID!) { updateCapacity(id: $id, input: { available: 0 }, expectedVersion: 2) { version capacity { unit available maximum updatedAt } } }',
        { id: resource.id },
        partner,
      ),
    );
    expect(capacity.updateCapacity).toMatchObject({
      version: 3,
      capacity: { unit: 'beds', available: 0, maximum: 20 },
    });

    const before = Date.now();
    const data = expectData(
      await api().execute<HistoryData>(HISTORY, { id: resource.id }, partner),
    );
    const history = data.resource.history;
    const byField = Object.fromEntries(history.map((h) => [h.field, h]));
    expect(Object.keys(byField).sort()).toEqual([
      'capacity.available',
      'languages',
      'name',
      'phone',
    ]);
    expect(byField.name).toMatchObject({ oldValue: resource.name, newValue: 'Harbor House' });
    expect(byField.phone).toMatchObject({ oldValue: null, newValue: '510-555-0199' });
    expect(byField.languages).toMatchObject({ oldValue: ['en', 'es'], newValue: ['en'] });
    expect(byField['capacity.available']).toMatchObject({ oldValue: 3, newValue: 0 });
    for (const record of history) {
      expect(record).toMatchObject({
        changedBy: 'partner-sub-1',
        changedByRole: 'partner',
        entityType: 'Resource',
        entityId: resource.id,
      });
      expect(Date.parse(record.changedAt)).toBeLessThanOrEqual(before);
      expect(Date.parse(record.changedAt)).toBeGreaterThan(before - 60_000);
    }
    // Newest first: the capacity change came last.
    expect(history[0].field).toBe('capacity.available');
  });

  it('records an admin as the one who changed it, by role', async () => {
    const { resource } = await createListing(api().orm);
    const boss = admin('admin-7');
    expectData(
      await api().execute(
        'mutation($id: ID!) { setResourceStatus(id: $id, status: DEFUNCT) { status } }',
        { id: resource.id },
        boss,
      ),
    );
    const data = expectData(await api().execute<HistoryData>(HISTORY, { id: resource.id }, boss));
    expect(data.resource.history).toMatchObject([
      {
        field: 'status',
        oldValue: 'ACTIVE',
        newValue: 'DEFUNCT',
        changedBy: 'admin-7',
        changedByRole: 'admin',
      },
    ]);
  });

  it('does not bump the version or write history when nothing changes', async () => {
    interface VersionData {
      updateResource: { version: number };
    }
    const { resource, organization } = await createListing(api().orm);
    const partner = partnerOf(organization.id);
    const data = expectData(
      await api().execute<VersionData>(
        'mutation($id: ID!) { updateResource(id: $id, expectedVersion: 1, input: { name: "  same  " }) { version } }',
        { id: resource.id },
        partner,
      ),
    );
    expect(data.updateResource.version).toBe(2);
    const again = expectData(
      await api().execute<VersionData>(
        'mutation($id: ID!) { updateResource(id: $id, expectedVersion: 2, input: { name: "same" }) { version } }',
        { id: resource.id },
        partner,
      ),
    );
    expect(again.updateResource.version).toBe(2);
    expect(await count(api(), 'change_record where resource_id = ?', [resource.id])).toBe(1);
  });

  it('hides the history from other organizations, peers and anonymous callers', async () => {
    const { resource } = await createListing(api().orm);
    const other = await createListing(api().orm);
    for (const who of [partnerOf(other.organization.id), peer(), ANONYMOUS]) {
      const body = await api().execute(HISTORY, { id: resource.id }, who);
      const error = expectError(body, 'FORBIDDEN');
      expect(error.message).toContain('history');
    }
  });

  it('sets the status; an INACTIVE listing disappears from public view and comes back', async () => {
    const { resource, organization } = await createListing(api().orm);
    const partner = partnerOf(organization.id);
    const set = (status: string) =>
      api().execute<{ setResourceStatus: { status: string; version: number } }>(
        'mutation($id: ID!, $s: ResourceStatus!) { setResourceStatus(id: $id, status: $s) { status version } }',
        { id: resource.id, s: status },
        partner,
      );
    expect(expectData(await set('INACTIVE')).setResourceStatus).toEqual({
      status: 'INACTIVE',
      version: 2,
    });
    expectError(
      await api().execute('query($id: ID!) { resource(id: $id) { id } }', { id: resource.id }),
      'NOT_FOUND',
    );
    expect(expectData(await set('ACTIVE')).setResourceStatus).toEqual({
      status: 'ACTIVE',
      version: 3,
    });
    expectData(
      await api().execute('query($id: ID!) { resource(id: $id) { id } }', { id: resource.id }),
    );
  });

  it('is NOT_FOUND, not FORBIDDEN, when another organization edits a listing it cannot see', async () => {
    const { resource } = await createListing(api().orm, { status: ResourceStatus.INACTIVE });
    const other = await createListing(api().orm);
    expectError(
      await api().execute(
        'mutation($id: ID!) { verifyResource(id: $id) { id } }',
        { id: resource.id },
        partnerOf(other.organization.id),
      ),
      'NOT_FOUND',
    );
    expect((await storedResource(api(), resource.id)).last_verified_at).toBeNull();
  });

  it('keeps the unit and maximum when capacity is updated with only what is available', async () => {
    const { resource, organization } = await createListing(api().orm);
    const data = expectData(
      await api().execute<{
        updateCapacity: {
          capacity: {
            unit: string;
            available: number;
            maximum: number | null;
            updatedAt: string;
          } | null;
        };
      }>(
        'mutation($id: ID!) { updateCapacity(id: $id, input: { available: 7 }) { capacity { unit available maximum updatedAt } } }',
        { id: resource.id },
        partnerOf(organization.id),
      ),
    );
    expect(data.updateCapacity.capacity).toMatchObject({ unit: 'beds', available: 7, maximum: 20 });
    expect(Date.now() - Date.parse(data.updateCapacity.capacity!.updatedAt)).toBeLessThan(60_000);
  });

  it('stores a fresh capacity time when a partner confirms the same number of beds', async () => {
    const { resource, organization } = await createListing(api().orm);
    const old = new Date('2025-01-01T00:00:00.000Z');
    await api()
      .orm.em.getConnection()
      .execute('update resource set capacity_updated_at = ? where id = ?', [old, resource.id]);
    interface CapacityData {
      capacity: { available: number; updatedAt: string } | null;
    }
    const data = expectData(
      await api().execute<{ updateCapacity: CapacityData }>(
        'mutation($id: ID!) { updateCapacity(id: $id, input: { available: 3 }) { capacity { available updatedAt } } }',
        { id: resource.id },
        partnerOf(organization.id),
      ),
    );
    expect(data.updateCapacity.capacity).not.toBeNull();
    const answered = Date.parse(data.updateCapacity.capacity!.updatedAt);
    expect(Date.now() - answered).toBeLessThan(60_000);
    const read = expectData(
      await api().execute<{ resource: CapacityData }>(
        'query($id: ID!) { resource(id: $id) { capacity { available updatedAt } } }',
        { id: resource.id },
      ),
    );
    expect(read.resource.capacity).toEqual({
      available: 3,
      updatedAt: data.updateCapacity.capacity!.updatedAt,
    });
  });

  it('verifies a listing: who and when, and it is no longer stale', async () => {
    const { resource, organization } = await createListing(api().orm);
    const partner = partnerOf(organization.id, 'verifier-1');
    const before = expectData(
      await api().execute<{ resource: { stale: boolean; lastVerifiedAt: string | null } }>(
        'query($id: ID!) { resource(id: $id) { stale lastVerifiedAt } }',
        { id: resource.id },
      ),
    );
    expect(before.resource).toEqual({ stale: true, lastVerifiedAt: null });
    const data = expectData(
      await api().execute<{
        verifyResource: {
          stale: boolean;
          lastVerifiedAt: string | null;
          lastVerifiedBy: string | null;
          version: number;
        };
      }>(
        'mutation($id: ID!) { verifyResource(id: $id, expectedVersion: 1) { stale lastVerifiedAt lastVerifiedBy version } }',
        { id: resource.id },
        partner,
      ),
    );
    expect(data.verifyResource).toMatchObject({
      stale: false,
      lastVerifiedBy: 'verifier-1',
      version: 2,
    });
    const history = expectData(
      await api().execute<HistoryData>(HISTORY, { id: resource.id }, partner),
    );
    expect(history.resource.history.map((h) => h.field).sort()).toEqual([
      'lastVerifiedAt',
      'lastVerifiedBy',
    ]);
  });

  it('creates a location offering its listings, then changes it, with the location history', async () => {
    const { organization, resource } = await createListing(api().orm);
    const second = await createListing(api().orm); // another organization
    const partner = partnerOf(organization.id, 'loc-editor');
    const UPSERT = `mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) {
      id name timeZone latitude longitude version address { address1 city country } resources { id }
      schedule { weekly { day opensAt closesAt } closures { date opensAt closesAt note } }
    } }`;
    interface UpsertData {
      upsertLocation: {
        id: string;
        name: string;
        timeZone: string;
        latitude: number | null;
        longitude: number | null;
        version: number;
        address: { address1: string; city: string; country: string } | null;
        resources: { id: string }[];
        schedule: {
          weekly: { day: string; opensAt: string; closesAt: string }[];
          closures: {
            date: string;
            opensAt: string | null;
            closesAt: string | null;
            note: string | null;
          }[];
        };
      };
    }
    const created = expectData(
      await api().execute<UpsertData>(
        UPSERT,
        {
          input: {
            organizationId: organization.id,
            name: 'Fruitvale clinic',
            address: {
              address1: '3301 E 12th St',
              city: 'Oakland',
              stateProvince: 'CA',
              postalCode: '94601',
            },
            latitude: 37.7749,
            longitude: -122.2241,
            schedule: {
              weekly: WEEKDAYS_9_TO_5,
              closures: [{ date: '2025-12-25', note: 'Christmas' }],
            },
            resourceIds: [resource.id],
          },
        },
        partner,
      ),
    ).upsertLocation;
    expect(created).toMatchObject({
      name: 'Fruitvale clinic',
      timeZone: 'America/Los_Angeles',
      version: 1,
      address: { address1: '3301 E 12th St', city: 'Oakland', country: 'US' },
      resources: [{ id: resource.id }],
    });
    expect(created.schedule.closures).toEqual([
      { date: '2025-12-25', opensAt: null, closesAt: null, note: 'Christmas' },
    ]);
    // The listing now shows both places.
    const listing = expectData(
      await api().execute<{ resource: { locations: { id: string }[] } }>(
        'query($id: ID!) { resource(id: $id) { locations { id } } }',
        { id: resource.id },
      ),
    );
    expect(listing.resource.locations.map((l) => l.id)).toContain(created.id);

    // Another organization's listing cannot be linked.
    const refused = expectError(
      await api().execute(
        UPSERT,
        { input: { id: created.id, expectedVersion: 1, resourceIds: [second.resource.id] } },
        partner,
      ),
      'BAD_USER_INPUT',
    );
    expect(refused.message).toContain('resourceIds');

    const updated = expectData(
      await api().execute<UpsertData>(
        UPSERT,
        {
          input: {
            id: created.id,
            expectedVersion: 1,
            name: 'Fruitvale Clinic',
            timeZone: 'America/Denver',
            resourceIds: [],
          },
        },
        partner,
      ),
    ).upsertLocation;
    expect(updated).toMatchObject({
      name: 'Fruitvale Clinic',
      timeZone: 'America/Denver',
      version: 2,
      resources: [],
    });
    expect(await count(api(), 'resource_location where location_id = ?', [created.id])).toBe(0);

    const history = expectData(
      await api().execute<{
        location: {
          history: { field: string; oldValue: unknown; newValue: unknown; changedBy: string }[];
        };
      }>(
        'query($id: ID!) { location(id: $id) { history { field oldValue newValue changedBy } } }',
        { id: created.id },
        partner,
      ),
    ).location.history;
    const changes = history.filter((h) => h.oldValue !== null);
    expect(changes).toEqual(
      expect.arrayContaining([
        {
          field: 'name',
          oldValue: 'Fruitvale clinic',
          newValue: 'Fruitvale Clinic',
          changedBy: 'loc-editor',
        },
        {
          field: 'timeZone',
          oldValue: 'America/Los_Angeles',
          newValue: 'America/Denver',
          changedBy: 'loc-editor',
        },
        { field: 'resourceIds', oldValue: [resource.id], newValue: [], changedBy: 'loc-editor' },
      ]),
    );
    expectError(
      await api().execute(
        'query($id: ID!) { location(id: $id) { history { field } } }',
        { id: created.id },
        partnerOf(second.organization.id),
      ),
      'FORBIDDEN',
    );
  });

  it('requires expectedVersion to change a location', async () => {
    const { location, organization } = await createListing(api().orm);
    const error = expectError(
      await api().execute(
        'mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }',
        { input: { id: location.id, name: 'X' } },
        partnerOf(organization.id),
      ),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('expectedVersion');
    expect((await storedLocation(api(), location.id)).name).toBe(location.name);
  });

  it('replaces the schedule, and opening hours follow it', async () => {
    const { location, organization } = await createListing(api().orm);
    const data = expectData(
      await api().execute<{
        setSchedule: {
          version: number;
          schedule: {
            weekly: { day: string; opensAt: string; closesAt: string }[];
            closures: { date: string }[];
          };
          openNow: boolean;
          closesAt: string | null;
        };
      }>(
        `mutation($id: ID!, $s: ScheduleInput!, $at: DateTimeISO) { setSchedule(locationId: $id, expectedVersion: 1, schedule: $s) {
          version schedule { weekly { day opensAt closesAt } closures { date } } openNow(at: $at) closesAt(at: $at)
        } }`,
        {
          id: location.id,
          // Saturday 18 January 2025, 23:00 in Oakland: inside overnight Saturday hours.
          at: '2025-01-19T07:00:00.000Z',
          s: {
            weekly: [{ day: 'SATURDAY', opensAt: '20:00', closesAt: '08:00' }],
            closures: [{ date: '2025-01-25' }],
          },
        },
        partnerOf(organization.id),
      ),
    );
    expect(data.setSchedule).toEqual({
      version: 2,
      schedule: {
        weekly: [{ day: 'SATURDAY', opensAt: '20:00', closesAt: '08:00' }],
        closures: [{ date: '2025-01-25' }],
      },
      openNow: true,
      closesAt: '2025-01-19T16:00:00.000Z',
    });
  });

  it('lets a partner update its own organization, with expectedVersion', async () => {
    const { organization } = await createListing(api().orm);
    const data = expectData(
      await api().execute<{
        updateOrganization: {
          website: string | null;
          description: string | null;
          version: number;
        };
      }>(
        'mutation($id: ID!) { updateOrganization(id: $id, expectedVersion: 1, input: { website: "https://harbor.example.org", description: "Beds and meals" }) { website description version } }',
        { id: organization.id },
        partnerOf(organization.id),
      ),
    );
    expect(data.updateOrganization).toEqual({
      website: 'https://harbor.example.org',
      description: 'Beds and meals',
      version: 2,
    });
    expect(
      await count(api(), "change_record where entity_id = ? and entity_type = 'Organization'", [
        organization.id,
      ]),
    ).toBe(2);
  });
});

describe('optimistic versions', () => {
  it('refuses a stale expectedVersion with CONFLICT and the current version, and keeps the newer data', async () => {
    const { resource, organization } = await createListing(api().orm);
    const partner = partnerOf(organization.id);
    const UPDATE =
      'mutation($id: ID!, $v: Int!, $name: String!) { updateResource(id: $id, expectedVersion: $v, input: { name: $name }) { name version } }';
    expectData(await api().execute(UPDATE, { id: resource.id, v: 1, name: 'First edit' }, partner));
    const error = expectError(
      await api().execute(UPDATE, { id: resource.id, v: 1, name: 'Stale edit' }, partner),
      'CONFLICT',
    );
    expect(error.extensions?.currentVersion).toBe(2);
    const stored = await storedResource(api(), resource.id);
    expect(stored).toMatchObject({ name: 'First edit', version: 2 });
    expect(
      await count(api(), "change_record where resource_id = ? and field = 'name'", [resource.id]),
    ).toBe(1);
  });

  const STALE: {
    name: string;
    query: string;
    variables: (f: Fixture) => Record<string, unknown>;
    version: (f: Fixture) => Promise<number>;
  }[] = [
    {
      name: 'setResourceStatus',
      query:
        'mutation($id: ID!) { setResourceStatus(id: $id, status: INACTIVE, expectedVersion: 9) { id } }',
      variables: (f) => ({ id: f.resource.id }),
      version: async (f) => (await stored<{ version: number }>('resource', f.resource.id)).version,
    },
    {
      name: 'updateCapacity',
      query:
        'mutation($id: ID!) { updateCapacity(id: $id, input: { available: 1 }, expectedVersion: 9) { id } }',
      variables: (f) => ({ id: f.resource.id }),
      version: async (f) => (await stored<{ version: number }>('resource', f.resource.id)).version,
    },
    {
      name: 'verifyResource',
      query: 'mutation($id: ID!) { verifyResource(id: $id, expectedVersion: 9) { id } }',
      variables: (f) => ({ id: f.resource.id }),
      version: async (f) => (await stored<{ version: number }>('resource', f.resource.id)).version,
    },
    {
      name: 'upsertLocation',
      query:
        'mutation($id: ID!) { upsertLocation(input: { id: $id, expectedVersion: 9, name: "Stale" }) { id } }',
      variables: (f) => ({ id: f.location.id }),
      version: async (f) => (await stored<{ version: number }>('location', f.location.id)).version,
    },
    {
      name: 'setSchedule',
      query:
        'mutation($id: ID!) { setSchedule(locationId: $id, expectedVersion: 9, schedule: { weekly: [] }) { id } }',
      variables: (f) => ({ id: f.location.id }),
      version: async (f) => (await stored<{ version: number }>('location', f.location.id)).version,
    },
    {
      name: 'updateOrganization',
      query:
        'mutation($id: ID!) { updateOrganization(id: $id, expectedVersion: 9, input: { name: "Stale" }) { id } }',
      variables: (f) => ({ id: f.organization.id }),
      version: async (f) =>
        (await stored<{ version: number }>('organization', f.organization.id)).version,
    },
  ];

  it.each(STALE)(
    '$name with a stale expectedVersion is CONFLICT and changes nothing',
    async (c) => {
      const f = await createListing(api().orm);
      const body = await api().execute(c.query, c.variables(f), partnerOf(f.organization.id));
      expectError(body, 'CONFLICT');
      expect(await c.version(f)).toBe(1);
      expect(
        await count(api(), 'change_record where entity_id in (?, ?, ?)', [
          f.resource.id,
          f.location.id,
          f.organization.id,
        ]),
      ).toBe(0);
    },
  );

  it("bumps a listing's version when only its locations change, so a stale edit of them is CONFLICT", async () => {
    const { resource, organization, location } = await createListing(api().orm);
    const partner = partnerOf(organization.id);
    const second = expectData(
      await api().execute<{ upsertLocation: { id: string } }>(
        'mutation($o: ID!) { upsertLocation(input: { organizationId: $o, name: "Annex" }) { id } }',
        { o: organization.id },
        partner,
      ),
    ).upsertLocation.id;
    const SET =
      'mutation($id: ID!, $v: Int!, $l: [ID!]) { updateResource(id: $id, expectedVersion: $v, input: { locationIds: $l }) { version locations { id } } }';
    const linked = expectData(
      await api().execute<{ updateResource: { version: number; locations: { id: string }[] } }>(
        SET,
        { id: resource.id, v: 1, l: [location.id, second] },
        partner,
      ),
    );
    expect(linked.updateResource.version).toBe(2);
    expect(linked.updateResource.locations).toHaveLength(2);
    // Someone who still holds version 1 cannot silently drop the annex.
    expectError(
      await api().execute(SET, { id: resource.id, v: 1, l: [location.id] }, admin()),
      'CONFLICT',
    );
    expect(await count(api(), 'resource_location where resource_id = ?', [resource.id])).toBe(2);
    const history = expectData(
      await api().execute<HistoryData>(HISTORY, { id: resource.id }, partner),
    ).resource.history;
    expect(history).toMatchObject([
      { field: 'locationIds', oldValue: [location.id], newValue: [location.id, second].sort() },
    ]);
  });

  it("bumps a location's version when only the listings offered there change", async () => {
    const { resource, organization, location } = await createListing(api().orm);
    const partner = partnerOf(organization.id);
    const SET =
      'mutation($id: ID!, $v: Int!, $r: [ID!]) { upsertLocation(input: { id: $id, expectedVersion: $v, resourceIds: $r }) { version resources { id } } }';
    const unlinked = expectData(
      await api().execute<{ upsertLocation: { version: number; resources: { id: string }[] } }>(
        SET,
        { id: location.id, v: 1, r: [] },
        partner,
      ),
    );
    expect(unlinked.upsertLocation).toEqual({ version: 2, resources: [] });
    expectError(
      await api().execute(SET, { id: location.id, v: 1, r: [resource.id] }, partner),
      'CONFLICT',
    );
    expect(await count(api(), 'resource_location where location_id = ?', [location.id])).toBe(0);
  });

  it('lets exactly one of two concurrent updates with the same expectedVersion win', async () => {
    for (let round = 0; round < 5; round++) {
      const { resource, organization } = await createListing(api().orm);
      const UPDATE =
        'mutation($id: ID!, $name: String!) { updateResource(id: $id, expectedVersion: 1, input: { name: $name }) { name version } }';
      interface UpdateData {
        updateResource: { name: string; version: number };
      }
      const [a, b] = await Promise.all([
        api().execute<UpdateData>(
          UPDATE,
          { id: resource.id, name: 'Edit A' },
          partnerOf(organization.id),
        ),
        api().execute<UpdateData>(UPDATE, { id: resource.id, name: 'Edit B' }, admin()),
      ]);
      const winners = [a, b].filter((r) => !r.errors);
      const losers = [a, b].filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0].errors!.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
      const won = winners[0].data!.updateResource;
      expect(won.version).toBe(2);
      expect(await storedResource(api(), resource.id)).toMatchObject({
        name: won.name,
        version: 2,
      });
      expect(
        await count(api(), "change_record where resource_id = ? and field = 'name'", [resource.id]),
      ).toBe(1);
    }
  });

  it('lets exactly one of two concurrent capacity updates with the same expectedVersion win', async () => {
    for (let round = 0; round < 5; round++) {
      const { resource, organization } = await createListing(api().orm);
      const UPDATE =
        'mutation($id: ID!, $n: Int!) { updateCapacity(id: $id, expectedVersion: 1, input: { available: $n }) { version } }';
      const partner = partnerOf(organization.id);
      const results = await Promise.all([
        api().execute(UPDATE, { id: resource.id, n: 5 }, partner),
        api().execute(UPDATE, { id: resource.id, n: 6 }, partner),
      ]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual([
        'CONFLICT',
      ]);
      expect(await count(api(), 'change_record where resource_id = ?', [resource.id])).toBe(1);
    }
  });

  it('lets exactly one of two concurrent location edits with the same expectedVersion win', async () => {
    for (let round = 0; round < 5; round++) {
      const { location, organization } = await createListing(api().orm);
      const partner = partnerOf(organization.id);
      const [a, b] = await Promise.all([
        api().execute(
          'mutation($id: ID!) { upsertLocation(input: { id: $id, expectedVersion: 1, name: "Site A" }) { version } }',
          { id: location.id },
          partner,
        ),
        api().execute(
          'mutation($id: ID!) { setSchedule(locationId: $id, expectedVersion: 1, schedule: { weekly: [] }) { version } }',
          { id: location.id },
          partner,
        ),
      ]);
      expect([a, b].filter((r) => !r.errors)).toHaveLength(1);
      expect([a, b].flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code)).toEqual([
        'CONFLICT',
      ]);
      expect((await storedLocation(api(), location.id)).version).toBe(2);
      expect(await count(api(), 'change_record where entity_id = ?', [location.id])).toBe(1);
    }
  });
});
