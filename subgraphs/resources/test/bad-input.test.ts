import { describe, expect, it } from 'vitest';
import { createListing, type Fixture } from '../../../test/support/fixtures';
import {
  admin,
  count,
  expectError,
  partnerOf,
  storedLocation,
  storedOrganization,
  storedResource,
  useResources,
  WEEKDAYS_9_TO_5,
} from './harness';

const api = useResources();

const MEGABYTE = 'x'.repeat(1024 * 1024);

const CREATE_RESOURCE =
  'mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }';
const UPDATE_RESOURCE =
  'mutation($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, expectedVersion: 1, input: $input) { id } }';
const UPDATE_CAPACITY =
  'mutation($id: ID!, $input: CapacityInput!) { updateCapacity(id: $id, input: $input) { id } }';
const UPSERT_LOCATION =
  'mutation($input: UpsertLocationInput!) { upsertLocation(input: $input) { id } }';
const SET_SCHEDULE =
  'mutation($id: ID!, $s: ScheduleInput!) { setSchedule(locationId: $id, expectedVersion: 1, schedule: $s) { id } }';
const CREATE_ORGANIZATION =
  'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }';
const UPDATE_ORGANIZATION =
  'mutation($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, expectedVersion: 1, input: $input) { id } }';

/** Nothing of the fixture's organization changed: no new rows, no new versions, no history. */
async function expectUntouched(f: Fixture): Promise<void> {
  const org = [f.organization.id];
  expect(await count(api(), 'resource where organization_id = ?', org)).toBe(1);
  expect(await count(api(), 'location where organization_id = ?', org)).toBe(1);
  expect(await count(api(), 'resource_location where resource_id = ?', [f.resource.id])).toBe(1);
  expect(await storedResource(api(), f.resource.id)).toMatchObject({
    name: f.resource.name,
    description: null,
    category_ids: ['emergency-shelter'],
    capacity_available: 3,
    version: 1,
  });
  expect(await storedLocation(api(), f.location.id)).toMatchObject({
    name: f.location.name,
    latitude: 37.8044,
    time_zone: 'America/Los_Angeles',
    version: 1,
  });
  const stored = await storedLocation<{ schedule: { weekly: unknown[] } }>(api(), f.location.id);
  expect(stored.schedule.weekly).toHaveLength(5);
  expect(await storedOrganization(api(), f.organization.id)).toMatchObject({
    name: f.organization.name,
    version: 1,
  });
  expect(
    await count(api(), 'change_record where entity_id in (?, ?, ?) or resource_id = ?', [
      f.resource.id,
      f.location.id,
      f.organization.id,
      f.resource.id,
    ]),
  ).toBe(0);
}

interface Case {
  name: string;
  /** A word the message must contain, so a person knows which field to fix. */
  field: string | RegExp;
  query: string;
  variables(f: Fixture): Record<string, unknown>;
}

const CASES: Case[] = [
  // latitude / longitude
  {
    name: 'a new location at latitude 123',
    field: 'latitude',
    query: UPSERT_LOCATION,
    variables: (f) => ({
      input: {
        organizationId: f.organization.id,
        name: 'Far north',
        latitude: 123,
        longitude: -122,
      },
    }),
  },
  {
    name: 'moving a location to latitude -91',
    field: 'latitude',
    query: UPSERT_LOCATION,
    variables: (f) => ({
      input: { id: f.location.id, expectedVersion: 1, name: 'Moved', latitude: -91 },
    }),
  },
  {
    name: 'longitude 200',
    field: 'longitude',
    query: UPSERT_LOCATION,
    variables: (f) => ({ input: { id: f.location.id, expectedVersion: 1, longitude: 200 } }),
  },
  {
    name: 'a latitude without a longitude',
    field: 'longitude',
    query: UPSERT_LOCATION,
    variables: (f) => ({
      input: { organizationId: f.organization.id, name: 'Half placed', latitude: 37.8 },
    }),
  },
  // empty names
  {
    name: 'a new listing with an empty name',
    field: 'name',
    query: CREATE_RESOURCE,
    variables: (f) => ({ input: { organizationId: f.organization.id, name: '' } }),
  },
  {
    name: 'a new listing with a blank name',
    field: 'name',
    query: CREATE_RESOURCE,
    variables: (f) => ({ input: { organizationId: f.organization.id, name: '   ' } }),
  },
  {
    name: 'renaming a listing to an empty name',
    field: 'name',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { name: '', description: 'changed too' } }),
  },
  {
    name: 'clearing the name of a listing',
    field: 'name',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { name: null, description: 'changed too' } }),
  },
  {
    name: 'a new location with a blank name',
    field: 'name',
    query: UPSERT_LOCATION,
    variables: (f) => ({ input: { organizationId: f.organization.id, name: ' ' } }),
  },
  {
    name: 'a new location without a name',
    field: 'name',
    query: UPSERT_LOCATION,
    variables: (f) => ({ input: { organizationId: f.organization.id } }),
  },
  {
    name: 'renaming an organization to a blank name',
    field: 'name',
    query: UPDATE_ORGANIZATION,
    variables: (f) => ({ id: f.organization.id, input: { name: '  ', phone: '510-555-0100' } }),
  },
  // categories
  {
    name: 'a new listing in an unknown category',
    field: 'categories',
    query: CREATE_RESOURCE,
    variables: (f) => ({
      input: {
        organizationId: f.organization.id,
        name: 'Rockets',
        categories: ['food', 'spaceships'],
      },
    }),
  },
  {
    name: 'a valid rename together with an unknown category',
    field: 'categories',
    query: UPDATE_RESOURCE,
    variables: (f) => ({
      id: f.resource.id,
      input: { name: 'Half written?', categories: ['nope'] },
    }),
  },
  // capacity
  {
    name: 'a negative available capacity',
    field: 'available',
    query: UPDATE_CAPACITY,
    variables: (f) => ({ id: f.resource.id, input: { available: -1 } }),
  },
  {
    name: 'a negative maximum capacity',
    field: 'maximum',
    query: UPDATE_CAPACITY,
    variables: (f) => ({ id: f.resource.id, input: { available: 0, maximum: -5 } }),
  },
  {
    name: 'more available than the maximum',
    field: 'available',
    query: UPDATE_CAPACITY,
    variables: (f) => ({ id: f.resource.id, input: { available: 21 } }),
  },
  {
    name: 'a new listing with negative capacity',
    field: 'capacity.available',
    query: CREATE_RESOURCE,
    variables: (f) => ({
      input: { organizationId: f.organization.id, name: 'Beds', capacity: { available: -3 } },
    }),
  },
  {
    name: 'a new listing with more available than its maximum',
    field: 'capacity.available',
    query: CREATE_RESOURCE,
    variables: (f) => ({
      input: {
        organizationId: f.organization.id,
        name: 'Beds',
        capacity: { available: 9, maximum: 4 },
      },
    }),
  },
  {
    name: 'a blank capacity unit',
    field: 'unit',
    query: UPDATE_CAPACITY,
    variables: (f) => ({ id: f.resource.id, input: { available: 1, unit: ' ' } }),
  },
  // time zones
  {
    name: 'a new location in an unknown time zone',
    field: 'timeZone',
    query: UPSERT_LOCATION,
    variables: (f) => ({
      input: { organizationId: f.organization.id, name: 'Olympus', timeZone: 'Mars/Olympus_Mons' },
    }),
  },
  {
    name: 'moving a location to an unknown time zone',
    field: 'timeZone',
    query: UPSERT_LOCATION,
    variables: (f) => ({
      input: { id: f.location.id, expectedVersion: 1, name: 'Moved', timeZone: 'PST8PDT-ish' },
    }),
  },
  // schedules
  {
    name: 'a schedule opening at 25:00',
    field: 'opensAt',
    query: SET_SCHEDULE,
    variables: (f) => ({
      id: f.location.id,
      s: { weekly: [{ day: 'MONDAY', opensAt: '25:00', closesAt: '26:00' }] },
    }),
  },
  {
    name: 'a schedule written as "9am"',
    field: 'opensAt',
    query: SET_SCHEDULE,
    variables: (f) => ({
      id: f.location.id,
      s: { weekly: [{ day: 'MONDAY', opensAt: '9am', closesAt: '17:00' }] },
    }),
  },
  {
    name: 'a schedule closing at "5 in the afternoon"',
    field: 'closesAt',
    query: SET_SCHEDULE,
    variables: (f) => ({
      id: f.location.id,
      s: { weekly: [{ day: 'MONDAY', opensAt: '09:00', closesAt: '5 in the afternoon' }] },
    }),
  },
  {
    name: 'a holiday on 30 February',
    field: 'date',
    query: SET_SCHEDULE,
    variables: (f) => ({
      id: f.location.id,
      s: { weekly: WEEKDAYS_9_TO_5, closures: [{ date: '2025-02-30' }] },
    }),
  },
  {
    name: 'the same holiday twice',
    field: 'closures[1].date',
    query: SET_SCHEDULE,
    variables: (f) => ({
      id: f.location.id,
      s: { weekly: [], closures: [{ date: '2025-12-25' }, { date: '2025-12-25' }] },
    }),
  },
  {
    name: 'special holiday hours without a closing time',
    field: 'closesAt',
    query: SET_SCHEDULE,
    variables: (f) => ({
      id: f.location.id,
      s: { weekly: [], closures: [{ date: '2025-12-24', opensAt: '09:00' }] },
    }),
  },
  {
    name: 'a rename together with a malformed schedule',
    field: 'opensAt',
    query: UPSERT_LOCATION,
    variables: (f) => ({
      input: {
        id: f.location.id,
        expectedVersion: 1,
        name: 'Half written?',
        schedule: { weekly: [{ day: 'MONDAY', opensAt: '9:00', closesAt: '17:00' }] },
      },
    }),
  },
  // a megabyte
  {
    name: 'a new listing with a 1 MB description',
    field: 'description',
    query: CREATE_RESOURCE,
    variables: (f) => ({
      input: { organizationId: f.organization.id, name: 'Big', description: MEGABYTE },
    }),
  },
  {
    name: 'a listing update with a 1 MB description',
    field: 'description',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { description: MEGABYTE } }),
  },
  {
    name: 'a 1 MB name',
    field: 'name',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { name: MEGABYTE } }),
  },
  {
    name: 'a 1 MB required document',
    field: 'requiredDocuments',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { requiredDocuments: ['ID', MEGABYTE] } }),
  },
  {
    name: 'a location with a 1 MB description',
    field: 'description',
    query: UPSERT_LOCATION,
    variables: (f) => ({ input: { id: f.location.id, expectedVersion: 1, description: MEGABYTE } }),
  },
  {
    name: 'a holiday with a 1 MB note',
    field: 'note',
    query: SET_SCHEDULE,
    variables: (f) => ({
      id: f.location.id,
      s: { weekly: [], closures: [{ date: '2025-12-25', note: MEGABYTE }] },
    }),
  },
  {
    name: 'an organization with a 1 MB description',
    field: 'description',
    query: UPDATE_ORGANIZATION,
    variables: (f) => ({ id: f.organization.id, input: { description: MEGABYTE } }),
  },
  // other fields people get wrong
  {
    name: 'an email that is not one',
    field: 'email',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { email: 'front desk at harbor' } }),
  },
  {
    name: 'a javascript: url',
    field: 'url',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { url: 'javascript:alert(1)' } }),
  },
  {
    name: 'a language that is not an ISO 639-1 or 639-3 code',
    field: 'languages',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { languages: ['en', 'Spanish'] } }),
  },
  {
    name: 'a minimum age above the maximum age',
    field: 'minimumAge',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { minimumAge: 30, maximumAge: 18 } }),
  },
  {
    name: 'an age of 200',
    field: 'maximumAge',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { maximumAge: 200 } }),
  },
  {
    name: "linking another organization's location",
    field: 'locationIds',
    query: UPDATE_RESOURCE,
    variables: (f) => ({
      id: f.resource.id,
      input: { name: 'Half written?', locationIds: ['00000000-0000-4000-8000-000000000000'] },
    }),
  },
  {
    name: 'a location id that is not an id',
    field: 'locationIds',
    query: UPDATE_RESOURCE,
    variables: (f) => ({ id: f.resource.id, input: { locationIds: ['somewhere'] } }),
  },
  {
    name: 'an organization id that is not an id',
    field: 'organizationId',
    query: CREATE_RESOURCE,
    variables: () => ({ input: { organizationId: 'acme', name: 'Orphan' } }),
  },
  {
    name: 'a country that is not a two-letter code',
    field: 'country',
    query: UPSERT_LOCATION,
    variables: (f) => ({
      input: {
        id: f.location.id,
        expectedVersion: 1,
        address: {
          address1: '1 Main',
          city: 'Oakland',
          stateProvince: 'CA',
          postalCode: '94607',
          country: 'USA',
        },
      },
    }),
  },
  {
    name: 'an address without a street',
    field: 'address1',
    query: UPSERT_LOCATION,
    variables: (f) => ({
      input: {
        id: f.location.id,
        expectedVersion: 1,
        address: { address1: '', city: 'Oakland', stateProvince: 'CA', postalCode: '94607' },
      },
    }),
  },
  {
    name: 'an expectedVersion of 0',
    field: 'expectedVersion',
    query: UPSERT_LOCATION,
    variables: (f) => ({ input: { id: f.location.id, expectedVersion: 0, name: 'Zero' } }),
  },
  {
    name: 'an unknown status',
    field: 'status',
    query: CREATE_RESOURCE,
    variables: (f) => ({
      input: { organizationId: f.organization.id, name: 'Odd', status: 'OPEN' },
    }),
  },
  {
    name: 'a capacity beyond a 32-bit integer',
    field: 'available',
    query: UPDATE_CAPACITY,
    variables: (f) => ({ id: f.resource.id, input: { available: 2 ** 31 } }),
  },
];

describe('bad input', () => {
  it.each(CASES)(
    'refuses $name with BAD_USER_INPUT naming the field, writing nothing',
    async (c) => {
      const f = await createListing(api().orm);
      const body = await api().execute(c.query, c.variables(f), partnerOf(f.organization.id));
      const error = expectError(body, 'BAD_USER_INPUT');
      if (typeof c.field === 'string') expect(error.message).toContain(c.field);
      else expect(error.message).toMatch(c.field);
      // The message is for a person: no stack trace, and not a megabyte echoed back.
      expect(error.message.length).toBeLessThan(500);
      expect(error.message).not.toMatch(/\n\s+at /);
      await expectUntouched(f);
    },
  );

  it('refuses an organization with an empty name or a 1 MB description, writing nothing', async () => {
    const before = await count(api(), 'organization');
    const empty = expectError(
      await api().execute(CREATE_ORGANIZATION, { input: { name: '' } }, admin()),
      'BAD_USER_INPUT',
    );
    expect(empty.message).toContain('name');
    const big = expectError(
      await api().execute(
        CREATE_ORGANIZATION,
        { input: { name: 'Huge', description: MEGABYTE } },
        admin(),
      ),
      'BAD_USER_INPUT',
    );
    expect(big.message).toContain('description');
    const website = expectError(
      await api().execute(
        CREATE_ORGANIZATION,
        { input: { name: 'Web', website: 'not a site' } },
        admin(),
      ),
      'BAD_USER_INPUT',
    );
    expect(website.message).toContain('website');
    expect(await count(api(), 'organization')).toBe(before);
  });

  it('refuses a new listing for an organization that does not exist, naming organizationId', async () => {
    const before = await count(api(), 'resource');
    const error = expectError(
      await api().execute(
        CREATE_RESOURCE,
        { input: { organizationId: '00000000-0000-4000-8000-000000000000', name: 'Ghost' } },
        admin(),
      ),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('organizationId');
    expect(await count(api(), 'resource')).toBe(before);
  });

  it('says which field is wrong in extensions.field as well as in the message', async () => {
    const f = await createListing(api().orm);
    const error = expectError(
      await api().execute(
        UPSERT_LOCATION,
        { input: { id: f.location.id, expectedVersion: 1, latitude: 123 } },
        partnerOf(f.organization.id),
      ),
      'BAD_USER_INPUT',
    );
    expect(error.message).toMatch(/^latitude: /);
    expect(error.extensions?.field).toBe('latitude');
  });
});
