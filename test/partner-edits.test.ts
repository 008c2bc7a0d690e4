import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing, type Fixture } from './support/fixtures';
import { firstError } from './support/http';
import { startStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

interface ResourceRow {
  name: string;
  description: string | null;
  capacity_available: number | null;
  capacity_maximum: number | null;
  version: number;
}

/** The listing as stored, read straight from the database. */
async function storedResource(id: string): Promise<ResourceRow> {
  const rows = await stack.resources.orm.em
    .fork()
    .getConnection()
    .execute<ResourceRow[]>(
      'select name, description, capacity_available, capacity_maximum, version from resource where id = ?',
      [id],
    );
  return rows[0];
}

interface LocationRow {
  schedule: { weekly: unknown[] };
  version: number;
  name: string;
}

async function storedLocation(id: string): Promise<LocationRow> {
  const rows = await stack.resources.orm.em
    .fork()
    .getConnection()
    .execute<LocationRow[]>('select name, schedule, version from location where id = ?', [id]);
  return rows[0];
}

async function historyCount(entityId: string): Promise<number> {
  const rows = await stack.resources.orm.em
    .fork()
    .getConnection()
    .execute<{ n: string }[]>('select count(*) as n from change_record where entity_id = ?', [
      entityId,
    ]);
  return Number(rows[0].n);
}

const partnerOf = (fixture: Fixture, sub?: string) =>
  stack.token({ roles: ['partner'], org: fixture.organization.id, sub });

const UPDATE_RESOURCE = `mutation($id: ID!, $v: Int!, $input: UpdateResourceInput!) {
  updateResource(id: $id, expectedVersion: $v, input: $input) { id name description version }
}`;
const UPDATE_CAPACITY = `mutation($id: ID!, $v: Int, $input: CapacityInput!) {
  updateCapacity(id: $id, expectedVersion: $v, input: $input) { id version capacity { unit available maximum } }
}`;
const SET_SCHEDULE = `mutation($id: ID!, $v: Int!, $schedule: ScheduleInput!) {
  setSchedule(locationId: $id, expectedVersion: $v, schedule: $schedule) {
    id version schedule { weekly { day opensAt closesAt } closures { date note } }
  }
}`;
const WEEKENDS = {
  weekly: [
    { day: 'SATURDAY', opensAt: '10:00', closesAt: '14:00' },
    { day: 'SUNDAY', opensAt: '22:00', closesAt: '06:00' },
  ],
  closures: [{ date: '2025-12-25', note: 'Christmas' }],
};

describe('a partner edits its own organization’s listing', () => {
  it('changes the name and description, and the new version is what a reader then sees', async () => {
    const listing = await createListing(stack.resources.orm);
    const token = await partnerOf(listing);
    const res = await stack.gql(
      UPDATE_RESOURCE,
      {
        id: listing.resource.id,
        v: 1,
        input: { name: '  Harbor House Shelter ', description: 'Beds for adults.' },
      },
      token,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      updateResource: {
        id: listing.resource.id,
        name: 'Harbor House Shelter',
        description: 'Beds for adults.',
        version: 2,
      },
    });
    const read = await stack.gql(
      'query($id: ID!) { resource(id: $id) { name description version } }',
      {
        id: listing.resource.id,
      },
    );
    expect(read.body.data).toEqual({
      resource: { name: 'Harbor House Shelter', description: 'Beds for adults.', version: 2 },
    });
  });

  it('updates open capacity', async () => {
    const listing = await createListing(stack.resources.orm);
    const res = await stack.gql(
      UPDATE_CAPACITY,
      { id: listing.resource.id, v: 1, input: { available: 0 } },
      await partnerOf(listing),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      updateCapacity: {
        id: listing.resource.id,
        version: 2,
        capacity: { unit: 'beds', available: 0, maximum: 20 },
      },
    });
    expect(await storedResource(listing.resource.id)).toMatchObject({
      capacity_available: 0,
      capacity_maximum: 20,
      version: 2,
    });
  });

  it('replaces the weekly hours and closures of its location', async () => {
    const listing = await createListing(stack.resources.orm);
    const res = await stack.gql(
      SET_SCHEDULE,
      { id: listing.location.id, v: 1, schedule: WEEKENDS },
      await partnerOf(listing),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      setSchedule: {
        id: listing.location.id,
        version: 2,
        schedule: {
          weekly: WEEKENDS.weekly,
          closures: [{ date: '2025-12-25', note: 'Christmas' }],
        },
      },
    });
    // Saturday 11 January 2025, 11:00 in Oakland: open under the new hours, closed under the old.
    const open = await stack.gql(
      'query($id: ID!) { location(id: $id) { openNow(at: "2025-01-11T19:00:00Z") } }',
      {
        id: listing.location.id,
      },
    );
    expect(open.body.data).toEqual({ location: { openNow: true } });
  });

  it('adds a listing to its organization and reads it back', async () => {
    const listing = await createListing(stack.resources.orm);
    const res = await stack.gql<{
      createResource: { id: string; name: string; organization: { id: string } };
    }>(
      `mutation($input: CreateResourceInput!) {
        createResource(input: $input) { id name status categories { id } organization { id } locations { id } }
      }`,
      {
        input: {
          organizationId: listing.organization.id,
          name: 'Evening meals',
          categories: ['meals'],
          locationIds: [listing.location.id],
        },
      },
      await partnerOf(listing),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.createResource).toMatchObject({
      name: 'Evening meals',
      status: 'ACTIVE',
      categories: [{ id: 'meals' }],
      organization: { id: listing.organization.id },
      locations: [{ id: listing.location.id }],
    });
    const read = await stack.gql('query($id: ID!) { resource(id: $id) { name } }', {
      id: res.body.data!.createResource.id,
    });
    expect(read.body.data).toEqual({ resource: { name: 'Evening meals' } });
  });
});

describe('a partner of another organization', () => {
  it('is FORBIDDEN to edit the listing, and nothing changes', async () => {
    const listing = await createListing(stack.resources.orm);
    const other = await createListing(stack.resources.orm);
    const token = await partnerOf(other);
    const before = await storedResource(listing.resource.id);

    const update = await stack.gql(
      UPDATE_RESOURCE,
      { id: listing.resource.id, v: 1, input: { name: 'Hijacked' } },
      token,
    );
    expect(firstError(update.body).extensions?.code).toBe('FORBIDDEN');
    expect(firstError(update.body).message).toMatch(/partners and admins/);
    expect(update.body.data ?? null).toBeNull();

    const capacity = await stack.gql(
      UPDATE_CAPACITY,
      { id: listing.resource.id, v: 1, input: { available: 19 } },
      token,
    );
    expect(firstError(capacity.body).extensions?.code).toBe('FORBIDDEN');

    const schedule = await stack.gql(
      SET_SCHEDULE,
      { id: listing.location.id, v: 1, schedule: WEEKENDS },
      token,
    );
    expect(firstError(schedule.body).extensions?.code).toBe('FORBIDDEN');

    expect(await storedResource(listing.resource.id)).toEqual(before);
    expect((await storedLocation(listing.location.id)).version).toBe(1);
    expect((await storedLocation(listing.location.id)).schedule.weekly).toHaveLength(5);
    expect(await historyCount(listing.resource.id)).toBe(0);
    expect(await historyCount(listing.location.id)).toBe(0);
  });

  it('is FORBIDDEN to add a listing to that organization', async () => {
    const listing = await createListing(stack.resources.orm);
    const other = await createListing(stack.resources.orm);
    const res = await stack.gql(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      { input: { organizationId: listing.organization.id, name: 'Planted listing' } },
      await partnerOf(other),
    );
    expect(firstError(res.body).extensions?.code).toBe('FORBIDDEN');
    const count = await stack.gql(
      'query($org: ID!) { resources(filter: { organizationId: $org }) { totalCount } }',
      {
        org: listing.organization.id,
      },
    );
    expect(count.body.data).toEqual({ resources: { totalCount: 1 } });
  });

  it('may not read the listing’s history', async () => {
    const listing = await createListing(stack.resources.orm);
    const other = await createListing(stack.resources.orm);
    const res = await stack.gql(
      'query($id: ID!) { resource(id: $id) { history { field } } }',
      { id: listing.resource.id },
      await partnerOf(other),
    );
    expect(firstError(res.body).extensions?.code).toBe('FORBIDDEN');
  });

  it('peers and discharge planners may not edit listings either', async () => {
    const listing = await createListing(stack.resources.orm);
    for (const role of ['peer', 'discharge_planner']) {
      const token = await stack.token({ roles: [role], org: listing.organization.id });
      const res = await stack.gql(
        UPDATE_CAPACITY,
        { id: listing.resource.id, input: { available: 1 } },
        token,
      );
      expect(firstError(res.body).extensions?.code, role).toBe('FORBIDDEN');
    }
    expect((await storedResource(listing.resource.id)).capacity_available).toBe(3);
  });
});

describe('an anonymous caller', () => {
  it('gets UNAUTHENTICATED for every edit, and nothing changes', async () => {
    const listing = await createListing(stack.resources.orm);
    const update = await stack.gql(UPDATE_RESOURCE, {
      id: listing.resource.id,
      v: 1,
      input: { name: 'Anon' },
    });
    const error = firstError(update.body);
    expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    // The subgraph's own words, not a failed fetch ("401: Unauthorized") carrying its address and body.
    expect(error.message).toBe('You must sign in to do this.');
    expect(error.extensions?.response).toBeUndefined();
    expect(update.status).not.toBe(500);
    const capacity = await stack.gql(UPDATE_CAPACITY, {
      id: listing.resource.id,
      input: { available: 9 },
    });
    expect(firstError(capacity.body).extensions?.code).toBe('UNAUTHENTICATED');
    const schedule = await stack.gql(SET_SCHEDULE, {
      id: listing.location.id,
      v: 1,
      schedule: WEEKENDS,
    });
    expect(firstError(schedule.body).extensions?.code).toBe('UNAUTHENTICATED');
    const create = await stack.gql(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      {
        input: { organizationId: listing.organization.id, name: 'Anon listing' },
      },
    );
    expect(firstError(create.body).extensions?.code).toBe('UNAUTHENTICATED');

    expect(await storedResource(listing.resource.id)).toMatchObject({
      name: listing.resource.name,
      capacity_available: 3,
      version: 1,
    });
    expect((await storedLocation(listing.location.id)).version).toBe(1);
    expect(await historyCount(listing.resource.id)).toBe(0);
  });
});

describe('an admin', () => {
  it('edits any organization’s listing and location', async () => {
    const listing = await createListing(stack.resources.orm);
    const token = await stack.token({ roles: ['admin'], sub: 'admin-1' });
    const update = await stack.gql(
      UPDATE_RESOURCE,
      { id: listing.resource.id, v: 1, input: { name: 'Renamed by admin' } },
      token,
    );
    expect(update.body.errors).toBeUndefined();
    expect(update.body.data).toMatchObject({
      updateResource: { name: 'Renamed by admin', version: 2 },
    });
    const capacity = await stack.gql(
      UPDATE_CAPACITY,
      { id: listing.resource.id, v: 2, input: { available: 7 } },
      token,
    );
    expect(capacity.body.errors).toBeUndefined();
    const schedule = await stack.gql(
      SET_SCHEDULE,
      { id: listing.location.id, v: 1, schedule: WEEKENDS },
      token,
    );
    expect(schedule.body.errors).toBeUndefined();
    expect(await storedResource(listing.resource.id)).toMatchObject({
      name: 'Renamed by admin',
      capacity_available: 7,
      version: 3,
    });
    expect((await storedLocation(listing.location.id)).schedule.weekly).toHaveLength(2);
  });
});

describe('concurrent edits', () => {
  it('a stale expectedVersion is a CONFLICT, and the first edit is kept', async () => {
    const listing = await createListing(stack.resources.orm);
    const alice = await partnerOf(listing, 'alice');
    const bob = await partnerOf(listing, 'bob');
    const first = await stack.gql(
      UPDATE_RESOURCE,
      { id: listing.resource.id, v: 1, input: { description: 'Alice’s words' } },
      alice,
    );
    expect(first.body.errors).toBeUndefined();

    const stale = await stack.gql(
      UPDATE_RESOURCE,
      { id: listing.resource.id, v: 1, input: { description: 'Bob’s words' } },
      bob,
    );
    const error = firstError(stale.body);
    expect(error.extensions?.code).toBe('CONFLICT');
    expect(error.extensions?.currentVersion).toBe(2);
    expect(error.message).toMatch(/version 2/);
    expect(stale.status).not.toBe(500);
    expect(await storedResource(listing.resource.id)).toMatchObject({
      description: 'Alice’s words',
      version: 2,
    });

    const staleCapacity = await stack.gql(
      UPDATE_CAPACITY,
      { id: listing.resource.id, v: 1, input: { available: 1 } },
      bob,
    );
    expect(firstError(staleCapacity.body).extensions?.code).toBe('CONFLICT');
    const staleSchedule = await stack.gql(
      SET_SCHEDULE,
      { id: listing.location.id, v: 5, schedule: WEEKENDS },
      bob,
    );
    expect(firstError(staleSchedule.body).extensions?.code).toBe('CONFLICT');
    expect(await storedResource(listing.resource.id)).toMatchObject({
      capacity_available: 3,
      version: 2,
    });
    expect((await storedLocation(listing.location.id)).version).toBe(1);
  });
});

describe('a listing’s history', () => {
  it('shows its partner who changed which field, from what, to what', async () => {
    const listing = await createListing(stack.resources.orm);
    const token = await partnerOf(listing, 'partner-maria');
    const update = await stack.gql(
      UPDATE_RESOURCE,
      { id: listing.resource.id, v: 1, input: { name: 'New name' } },
      token,
      {
        'x-request-id': 'edit-history-1',
      },
    );
    expect(update.body.errors).toBeUndefined();
    const capacity = await stack.gql(
      UPDATE_CAPACITY,
      { id: listing.resource.id, v: 2, input: { available: 1 } },
      token,
    );
    expect(capacity.body.errors).toBeUndefined();

    const res = await stack.gql<{ resource: { history: Record<string, unknown>[] } }>(
      'query($id: ID!) { resource(id: $id) { history { field oldValue newValue changedBy changedByRole changedAt requestId } } }',
      { id: listing.resource.id },
      token,
    );
    expect(res.body.errors).toBeUndefined();
    const history = res.body.data!.resource.history;
    expect(history).toContainEqual(
      expect.objectContaining({
        field: 'name',
        oldValue: listing.resource.name,
        newValue: 'New name',
        changedBy: 'partner-maria',
        changedByRole: 'partner',
        requestId: 'edit-history-1',
      }),
    );
    expect(history).toContainEqual(
      expect.objectContaining({
        field: 'capacity.available',
        oldValue: 3,
        newValue: 1,
        changedBy: 'partner-maria',
      }),
    );
    // Newest first: the capacity change came after the rename.
    expect(history[0].field).toBe('capacity.available');
    expect(history.map((h) => h.field).indexOf('name')).toBeGreaterThan(0);
  });
});
