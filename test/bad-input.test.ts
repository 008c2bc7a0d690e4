import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing, type Fixture } from './support/fixtures';
import type { GraphQLResponse } from './support/stack';
import { startStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

async function sql<T>(query: string, params: unknown[]): Promise<T[]> {
  return stack.resources.orm.em.fork().getConnection().execute<T[]>(query, params);
}

/** What a partner could notice changed about their organization's data. */
async function snapshot(fixture: Fixture) {
  const org = fixture.organization.id;
  const [resources, locations, history] = await Promise.all([
    sql(
      'select id, name, description, category_ids, capacity_available, version from resource where organization_id = ? order by id',
      [org],
    ),
    sql(
      'select id, latitude, time_zone, schedule, version from location where organization_id = ? order by id',
      [org],
    ),
    sql(
      'select count(*)::int as n from change_record where entity_id in (select id from resource where organization_id = ? union select id from location where organization_id = ?)',
      [org, org],
    ),
  ]);
  return { resources, locations, history };
}

function expectBadInput(res: GraphQLResponse, field: RegExp) {
  expect(res.status).not.toBe(500);
  expect(res.body.errors).toHaveLength(1);
  const error = res.body.errors![0];
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error.message).toMatch(field);
  expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |stacktrace/);
  expect(res.body.data ?? null).toBeNull();
}

/** Sends a mutation as the fixture's partner; expects BAD_USER_INPUT naming `field`, and nothing written. */
async function expectRefusedAndUnchanged(
  fixture: Fixture,
  query: string,
  variables: Record<string, unknown>,
  field: RegExp,
) {
  const before = await snapshot(fixture);
  const token = await stack.token({ roles: ['partner'], org: fixture.organization.id });
  const res = await stack.gql(query, variables, token);
  expectBadInput(res, field);
  expect(await snapshot(fixture)).toEqual(before);
  return res;
}

const UPSERT_LOCATION =
  'mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id latitude timeZone } }';
const CREATE_RESOURCE =
  'mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }';
const UPDATE_RESOURCE =
  'mutation($id: ID!, $v: Int!, $input: UpdateResourceInput!) { updateResource(id: $id, expectedVersion: $v, input: $input) { id } }';
const UPDATE_CAPACITY =
  'mutation($id: ID!, $input: CapacityInput!) { updateCapacity(id: $id, input: $input) { id } }';
const SET_SCHEDULE =
  'mutation($id: ID!, $v: Int!, $schedule: ScheduleInput!) { setSchedule(locationId: $id, expectedVersion: $v, schedule: $schedule) { id } }';

describe('bad input through the gateway is BAD_USER_INPUT naming the field, and nothing is written', () => {
  it('latitude 123 on upsertLocation, when changing and when creating', async () => {
    const f = await createListing(stack.resources.orm);
    const change = await expectRefusedAndUnchanged(
      f,
      UPSERT_LOCATION,
      { input: { id: f.location.id, expectedVersion: 1, latitude: 123, longitude: -122.27 } },
      /^latitude:/,
    );
    expect(change.body.errors![0].message).toMatch(/-90 and 90/);
    await expectRefusedAndUnchanged(
      f,
      UPSERT_LOCATION,
      {
        input: {
          organizationId: f.organization.id,
          name: 'Far north',
          latitude: 123,
          longitude: 0,
        },
      },
      /^latitude:/,
    );
  });

  it('an empty name on createResource', async () => {
    const f = await createListing(stack.resources.orm);
    for (const name of ['', '   ']) {
      await expectRefusedAndUnchanged(
        f,
        CREATE_RESOURCE,
        { input: { organizationId: f.organization.id, name } },
        /^name:/,
      );
    }
  });

  it('an unknown category, on create and on update', async () => {
    const f = await createListing(stack.resources.orm);
    const create = await expectRefusedAndUnchanged(
      f,
      CREATE_RESOURCE,
      {
        input: {
          organizationId: f.organization.id,
          name: 'Night shelter',
          categories: ['emergency-shelter', 'space-travel'],
        },
      },
      /^categories:/,
    );
    expect(create.body.errors![0].message).toContain('space-travel');
    await expectRefusedAndUnchanged(
      f,
      UPDATE_RESOURCE,
      { id: f.resource.id, v: 1, input: { categories: ['no-such-thing'] } },
      /^categories:.*no-such-thing/,
    );
  });

  it('a negative capacity on updateCapacity', async () => {
    const f = await createListing(stack.resources.orm);
    await expectRefusedAndUnchanged(
      f,
      UPDATE_CAPACITY,
      { id: f.resource.id, input: { available: -1 } },
      /^available:/,
    );
    // More available than the maximum is just as wrong.
    await expectRefusedAndUnchanged(
      f,
      UPDATE_CAPACITY,
      { id: f.resource.id, input: { available: 50, maximum: 20 } },
      /^capacity\.available:/,
    );
  });

  it('an unknown time zone', async () => {
    const f = await createListing(stack.resources.orm);
    await expectRefusedAndUnchanged(
      f,
      UPSERT_LOCATION,
      { input: { id: f.location.id, expectedVersion: 1, timeZone: 'Mars/Olympus_Mons' } },
      /^timeZone:/,
    );
    await expectRefusedAndUnchanged(
      f,
      UPSERT_LOCATION,
      { input: { organizationId: f.organization.id, name: 'Somewhere', timeZone: 'PST8PDT-ish' } },
      /^timeZone:/,
    );
  });

  it('a malformed schedule (25:00)', async () => {
    const f = await createListing(stack.resources.orm);
    const res = await expectRefusedAndUnchanged(
      f,
      SET_SCHEDULE,
      {
        id: f.location.id,
        v: 1,
        schedule: { weekly: [{ day: 'MONDAY', opensAt: '25:00', closesAt: '26:00' }] },
      },
      /^schedule\.weekly\[0\]\.opensAt:/,
    );
    expect(res.body.errors![0].message).toMatch(/25:00/);
    await expectRefusedAndUnchanged(
      f,
      UPSERT_LOCATION,
      {
        input: {
          id: f.location.id,
          expectedVersion: 1,
          schedule: { weekly: [{ day: 'TUESDAY', opensAt: '09:00', closesAt: '9pm' }] },
        },
      },
      /^schedule\.weekly\[0\]\.closesAt:/,
    );
  });

  it('a 1 MB description reaches the subgraph and is refused there, naming the field', async () => {
    const f = await createListing(stack.resources.orm);
    const description = 'a'.repeat(1024 * 1024);
    await expectRefusedAndUnchanged(
      f,
      UPDATE_RESOURCE,
      { id: f.resource.id, v: 1, input: { description } },
      /^description:/,
    );
    await expectRefusedAndUnchanged(
      f,
      CREATE_RESOURCE,
      { input: { organizationId: f.organization.id, name: 'Wordy', description } },
      /^description:/,
    );
  });

  it('a value of the wrong type is refused before it reaches the subgraph', async () => {
    const f = await createListing(stack.resources.orm);
    await expectRefusedAndUnchanged(
      f,
      UPDATE_CAPACITY,
      { id: f.resource.id, input: { available: 'lots' } },
      /input\.available/,
    );
    await expectRefusedAndUnchanged(
      f,
      UPDATE_CAPACITY,
      { id: f.resource.id, input: { available: 2 ** 40 } },
      /input\.available/,
    );
  });

  it('other fields a partner gets wrong', async () => {
    const f = await createListing(stack.resources.orm);
    await expectRefusedAndUnchanged(
      f,
      UPDATE_RESOURCE,
      { id: f.resource.id, v: 1, input: { email: 'not an email' } },
      /^email:/,
    );
    await expectRefusedAndUnchanged(
      f,
      UPDATE_RESOURCE,
      { id: f.resource.id, v: 1, input: { languages: ['en', 'klingon'] } },
      /^languages:/,
    );
    await expectRefusedAndUnchanged(
      f,
      UPDATE_RESOURCE,
      { id: f.resource.id, v: 1, input: { minimumAge: 30, maximumAge: 18 } },
      /^minimumAge:/,
    );
    await expectRefusedAndUnchanged(
      f,
      UPDATE_RESOURCE,
      { id: f.resource.id, v: 1, input: { name: null } },
      /name: cannot be cleared/,
    );
    await expectRefusedAndUnchanged(
      f,
      UPSERT_LOCATION,
      { input: { id: f.location.id, expectedVersion: 1, latitude: null } },
      /^latitude:.*longitude/,
    );
  });
});
