import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceStatus } from '../subgraphs/resources/resource/resource.enums';
import { createListing } from './support/fixtures';
import { firstError } from './support/http';
import { startStack, type TestStack } from './support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

// Monday 6 January 2025, 10:00 and Sunday 5 January 2025, 10:00 in Oakland (UTC-8).
const MONDAY_10AM = '2025-01-06T18:00:00.000Z';
const SUNDAY_10AM = '2025-01-05T18:00:00.000Z';

describe('anonymous reads through the gateway', () => {
  it('reads a listing with its organization, locations, categories and capacity', async () => {
    const { organization, location, resource } = await createListing(stack.resources.orm);
    const res = await stack.gql(
      `query($id: ID!) {
        resource(id: $id) {
          id name status languages acceptsReferrals version
          capacity { unit available maximum }
          organization { id name }
          categories { id name parent { id } }
          locations { id name latitude longitude timeZone address { city stateProvince } }
        }
      }`,
      { id: resource.id },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      resource: {
        id: resource.id,
        name: resource.name,
        status: 'ACTIVE',
        languages: ['en', 'es'],
        acceptsReferrals: true,
        version: 1,
        capacity: { unit: 'beds', available: 3, maximum: 20 },
        organization: { id: organization.id, name: organization.name },
        categories: [
          { id: 'emergency-shelter', name: 'Emergency shelter', parent: { id: 'housing' } },
        ],
        locations: [
          {
            id: location.id,
            name: location.name,
            latitude: 37.8044,
            longitude: -122.2712,
            timeZone: 'America/Los_Angeles',
            address: { city: 'Oakland', stateProvince: 'CA' },
          },
        ],
      },
    });
  });

  it('lists an organization’s public listings with a total count', async () => {
    const { organization, resource } = await createListing(stack.resources.orm);
    const res = await stack.gql(
      `query($org: ID!) {
        resources(filter: { organizationId: $org }, first: 10) {
          totalCount nodes { id name } pageInfo { hasNextPage }
        }
      }`,
      { org: organization.id },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      resources: {
        totalCount: 1,
        nodes: [{ id: resource.id, name: resource.name }],
        pageInfo: { hasNextPage: false },
      },
    });
  });

  it('pages through listings with the cursor it gave out', async () => {
    const { organization, resource } = await createListing(stack.resources.orm, {
      name: 'A first listing',
    });
    const em = stack.resources.orm.em.fork();
    const second = await createListing(stack.resources.orm, { name: 'B second listing' });
    // Move the second listing under the first organization so both are in one filter.
    await em
      .getConnection()
      .execute('update resource set organization_id = ? where id = ?', [
        organization.id,
        second.resource.id,
      ]);
    const query = `query($org: ID!, $after: String) {
      resources(filter: { organizationId: $org }, first: 1, after: $after) {
        totalCount nodes { name } pageInfo { hasNextPage endCursor }
      }
    }`;
    const page1 = await stack.gql<{
      resources: {
        totalCount: number;
        nodes: { name: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(query, { org: organization.id });
    expect(page1.body.errors).toBeUndefined();
    expect(page1.body.data!.resources.totalCount).toBe(2);
    expect(page1.body.data!.resources.nodes).toEqual([{ name: resource.name }]);
    expect(page1.body.data!.resources.pageInfo.hasNextPage).toBe(true);
    const page2 = await stack.gql<typeof page1.body.data>(query, {
      org: organization.id,
      after: page1.body.data!.resources.pageInfo.endCursor,
    });
    expect(page2.body.errors).toBeUndefined();
    expect(page2.body.data!.resources.nodes).toEqual([{ name: 'B second listing' }]);
    expect(page2.body.data!.resources.pageInfo.hasNextPage).toBe(false);
  });

  it('hides an inactive listing from anonymous readers everywhere', async () => {
    const { organization, location, resource } = await createListing(stack.resources.orm, {
      status: ResourceStatus.INACTIVE,
    });
    const byId = await stack.gql('query($id: ID!) { resource(id: $id) { name } }', {
      id: resource.id,
    });
    expect(firstError(byId.body).extensions?.code).toBe('NOT_FOUND');
    expect(byId.body.data ?? null).toBeNull();

    const others = await stack.gql(
      `query($org: ID!, $loc: ID!) {
        resources(filter: { organizationId: $org }) { totalCount nodes { id } }
        organization(id: $org) { resources { id } }
        location(id: $loc) { resources { id } }
      }`,
      { org: organization.id, loc: location.id },
    );
    expect(others.body.errors).toBeUndefined();
    expect(others.body.data).toEqual({
      resources: { totalCount: 0, nodes: [] },
      organization: { resources: [] },
      location: { resources: [] },
    });
  });

  it('reads an organization with its listings and locations, and finds it by name', async () => {
    const { organization, location, resource } = await createListing(stack.resources.orm);
    const res = await stack.gql(
      `query($id: ID!, $name: String!) {
        organization(id: $id) { id name version resources { id } locations { id } }
        organizations(filter: { nameContains: $name }) { totalCount nodes { id name } }
      }`,
      { id: organization.id, name: organization.name.slice(-6).toUpperCase() },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      organization: {
        id: organization.id,
        name: organization.name,
        version: 1,
        resources: [{ id: resource.id }],
        locations: [{ id: location.id }],
      },
      organizations: { totalCount: 1, nodes: [{ id: organization.id, name: organization.name }] },
    });
  });

  it('reads a location with its hours and whether it is open at a given time', async () => {
    const { organization, location, resource } = await createListing(stack.resources.orm);
    const res = await stack.gql(
      `query($id: ID!, $monday: DateTimeISO!, $sunday: DateTimeISO!) {
        location(id: $id) {
          id name timeZone
          organization { id }
          resources { id }
          schedule { weekly { day opensAt closesAt } closures { date } }
          openMonday: openNow(at: $monday)
          closesMonday: closesAt(at: $monday)
          openSunday: openNow(at: $sunday)
          nextOpenSunday: nextOpenAt(at: $sunday)
        }
      }`,
      { id: location.id, monday: MONDAY_10AM, sunday: SUNDAY_10AM },
    );
    expect(res.body.errors).toBeUndefined();
    const got = (res.body.data as { location: Record<string, unknown> }).location;
    expect(got).toMatchObject({
      id: location.id,
      name: location.name,
      timeZone: 'America/Los_Angeles',
      organization: { id: organization.id },
      resources: [{ id: resource.id }],
      openMonday: true,
      openSunday: false,
      // Monday 17:00 in Oakland, and Monday 09:00 after the Sunday.
      closesMonday: '2025-01-07T01:00:00.000Z',
      nextOpenSunday: '2025-01-06T17:00:00.000Z',
    });
    expect((got.schedule as { weekly: unknown[] }).weekly).toHaveLength(5);
    expect((got.schedule as { weekly: unknown[] }).weekly[0]).toEqual({
      day: 'MONDAY',
      opensAt: '09:00',
      closesAt: '17:00',
    });
  });

  it('reads the category taxonomy', async () => {
    const res = await stack.gql<{
      categories: { id: string; children: { id: string }[] }[];
      all: { id: string }[];
    }>(`{ categories { id name children { id } } all: categories(all: true) { id } }`);
    expect(res.body.errors).toBeUndefined();
    const housing = res.body.data!.categories.find((c) => c.id === 'housing');
    expect(housing?.children.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'emergency-shelter',
        'transitional-housing',
        'recovery-residence',
        'permanent-supportive-housing',
      ]),
    );
    expect(res.body.data!.categories.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'housing',
        'food',
        'employment',
        'clinics',
        'peer-drop-in',
        'legal-aid',
      ]),
    );
    expect(res.body.data!.categories.map((c) => c.id)).not.toContain('emergency-shelter');
    expect(res.body.data!.all.map((c) => c.id)).toContain('medication-for-addiction-treatment');
  });

  it('answers NOT_FOUND for an id that names nothing, and for one that is not an id at all', async () => {
    const res = await stack.gql(
      `{ a: resource(id: "00000000-0000-4000-8000-000000000000") { id } }`,
    );
    expect(res.status).toBe(200);
    expect(firstError(res.body).extensions?.code).toBe('NOT_FOUND');
    const junk = await stack.gql(`{ organization(id: "not-an-id") { id } }`);
    expect(firstError(junk.body).extensions?.code).toBe('NOT_FOUND');
    expect(firstError(junk.body).message).toContain('not-an-id');
  });

  it('does not let an anonymous reader see a listing’s history', async () => {
    const { resource } = await createListing(stack.resources.orm);
    const res = await stack.gql(
      'query($id: ID!) { resource(id: $id) { name history { field } } }',
      { id: resource.id },
    );
    expect(firstError(res.body).extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.body.data ?? null)).not.toContain('"field"');
  });
});
