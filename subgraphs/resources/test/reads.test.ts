import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../kit/identity';
import { createListing } from '../../../test/support/fixtures';
import { Location } from '../location/location.entity';
import { Organization } from '../organization/organization.entity';
import { Resource } from '../resource/resource.entity';
import { ResourceStatus } from '../resource/resource.enums';
import { admin, expectData, expectError, partnerOf, peer, useResources } from './harness';

const api = useResources();

const RESOURCE = `query($id: ID!) { resource(id: $id) {
  id name status languages acceptsReferrals
  capacity { unit available maximum }
  organization { id name }
  categories { id name parentId }
  locations { id name timeZone address { city } }
} }`;
interface ResourceData {
  resource: {
    id: string;
    name: string;
    status: string;
    languages: string[];
    acceptsReferrals: boolean;
    capacity: { unit: string; available: number; maximum: number | null } | null;
    organization: { id: string; name: string };
    categories: { id: string; name: string; parentId: string | null }[];
    locations: {
      id: string;
      name: string;
      timeZone: string;
      address: { city: string | null } | null;
    }[];
  };
}

const RESOURCES = `query($filter: ResourceFilter, $first: Int, $after: String) {
  resources(filter: $filter, first: $first, after: $after) {
    nodes { id name status } totalCount pageInfo { hasNextPage endCursor }
  }
}`;
interface ResourcesData {
  resources: {
    nodes: { id: string; name: string; status: string }[];
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function addResource(orgId: string, name: string, extra: Record<string, unknown> = {}) {
  const body = await api().execute<{ createResource: { id: string } }>(
    'mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }',
    { input: { organizationId: orgId, name, ...extra } },
    admin(),
  );
  return expectData(body).createResource.id;
}

describe('resource(id)', () => {
  it('shows a published listing to anyone, with its organization, categories and locations', async () => {
    const { resource, organization, location } = await createListing(api().orm);
    const data = expectData(
      await api().execute<ResourceData>(RESOURCE, { id: resource.id }, ANONYMOUS),
    );
    expect(data.resource).toEqual({
      id: resource.id,
      name: resource.name,
      status: 'ACTIVE',
      languages: ['en', 'es'],
      acceptsReferrals: true,
      capacity: { unit: 'beds', available: 3, maximum: 20 },
      organization: { id: organization.id, name: organization.name },
      categories: [{ id: 'emergency-shelter', name: 'Emergency shelter', parentId: 'housing' }],
      locations: [
        {
          id: location.id,
          name: location.name,
          timeZone: 'America/Los_Angeles',
          address: { city: 'Oakland' },
        },
      ],
    });
  });

  it('is NOT_FOUND for an unknown id and for something that is not an id', async () => {
    for (const id of [
      '6f1c1a52-58e3-4a43-9a5c-1b1e0c1c2d3e',
      'not-a-uuid',
      "'; drop table resource; --",
    ]) {
      const error = expectError(await api().execute<ResourceData>(RESOURCE, { id }), 'NOT_FOUND');
      expect(error.message).toContain(id);
    }
  });

  it('shows a temporarily closed listing to anyone', async () => {
    const { resource } = await createListing(api().orm, {
      status: ResourceStatus.TEMPORARILY_CLOSED,
    });
    const data = expectData(await api().execute<ResourceData>(RESOURCE, { id: resource.id }));
    expect(data.resource.status).toBe('TEMPORARILY_CLOSED');
  });

  for (const status of [ResourceStatus.INACTIVE, ResourceStatus.DEFUNCT]) {
    it(`hides a ${status} listing from anonymous callers and other organizations, not from its own`, async () => {
      const { resource, organization } = await createListing(api().orm, { status });
      const other = await createListing(api().orm);
      expectError(
        await api().execute<ResourceData>(RESOURCE, { id: resource.id }, ANONYMOUS),
        'NOT_FOUND',
      );
      expectError(
        await api().execute<ResourceData>(
          RESOURCE,
          { id: resource.id },
          partnerOf(other.organization.id),
        ),
        'NOT_FOUND',
      );
      expectError(
        await api().execute<ResourceData>(RESOURCE, { id: resource.id }, peer()),
        'NOT_FOUND',
      );
      // An org claim without the partner role does not open it either.
      const notPartner = { sub: 'u-x', roles: ['peer' as const], org: organization.id, peer: null };
      expectError(
        await api().execute<ResourceData>(RESOURCE, { id: resource.id }, notPartner),
        'NOT_FOUND',
      );

      const own = expectData(
        await api().execute<ResourceData>(
          RESOURCE,
          { id: resource.id },
          partnerOf(organization.id),
        ),
      );
      expect(own.resource).toMatchObject({ id: resource.id, status });
      const byAdmin = expectData(
        await api().execute<ResourceData>(RESOURCE, { id: resource.id }, admin()),
      );
      expect(byAdmin.resource).toMatchObject({ id: resource.id, status });
    });
  }

  it("leaves hidden listings out of a location's and an organization's lists for outsiders", async () => {
    const { organization, location, resource } = await createListing(api().orm);
    const hidden = await createListing(api().orm, { status: ResourceStatus.INACTIVE });
    // Put a hidden listing of the same organization at the same location.
    const em = api().orm.em.fork();
    const secret = em.create(Resource, {
      organization: em.getReference(Organization, organization.id),
      name: `Hidden ${hidden.resource.name}`,
      status: ResourceStatus.INACTIVE,
    });
    secret.locations.add(em.getReference(Location, location.id));
    await em.flush();

    const query = `query($l: ID!, $o: ID!) {
      location(id: $l) { resources { id } }
      organization(id: $o) { resources { id } }
    }`;
    interface Lists {
      location: { resources: { id: string }[] };
      organization: { resources: { id: string }[] };
    }
    const anon = expectData(
      await api().execute<Lists>(query, { l: location.id, o: organization.id }),
    );
    expect(anon.location.resources).toEqual([{ id: resource.id }]);
    expect(anon.organization.resources).toEqual([{ id: resource.id }]);

    const own = expectData(
      await api().execute<Lists>(
        query,
        { l: location.id, o: organization.id },
        partnerOf(organization.id),
      ),
    );
    expect(own.location.resources.map((r) => r.id).sort()).toEqual([resource.id, secret.id].sort());
    expect(own.organization.resources.map((r) => r.id).sort()).toEqual(
      [resource.id, secret.id].sort(),
    );
  });
});

describe('resources(filter, first, after)', () => {
  it('filters by organization and status, and hides unpublished listings from outsiders', async () => {
    const { organization, resource } = await createListing(api().orm);
    const closed = await addResource(organization.id, 'Zeta closed', {
      status: 'TEMPORARILY_CLOSED',
    });
    const inactive = await addResource(organization.id, 'Zeta inactive', { status: 'INACTIVE' });

    const all = expectData(
      await api().execute<ResourcesData>(RESOURCES, {
        filter: { organizationId: organization.id },
      }),
    );
    expect(all.resources.nodes.map((n) => n.id)).toEqual([resource.id, closed]);
    expect(all.resources.totalCount).toBe(2);

    const onlyClosed = expectData(
      await api().execute<ResourcesData>(RESOURCES, {
        filter: { organizationId: organization.id, status: ['TEMPORARILY_CLOSED'] },
      }),
    );
    expect(onlyClosed.resources.nodes).toEqual([
      { id: closed, name: 'Zeta closed', status: 'TEMPORARILY_CLOSED' },
    ]);

    const askForHidden = { filter: { organizationId: organization.id, status: ['INACTIVE'] } };
    expect(
      expectData(await api().execute<ResourcesData>(RESOURCES, askForHidden)).resources,
    ).toMatchObject({
      nodes: [],
      totalCount: 0,
    });
    const other = await createListing(api().orm);
    expect(
      expectData(
        await api().execute<ResourcesData>(
          RESOURCES,
          askForHidden,
          partnerOf(other.organization.id),
        ),
      ).resources.nodes,
    ).toEqual([]);
    expect(
      expectData(
        await api().execute<ResourcesData>(RESOURCES, askForHidden, partnerOf(organization.id)),
      ).resources.nodes,
    ).toEqual([{ id: inactive, name: 'Zeta inactive', status: 'INACTIVE' }]);
    expect(
      expectData(await api().execute<ResourcesData>(RESOURCES, askForHidden, admin())).resources
        .totalCount,
    ).toBe(1);
  });

  it('serves a partner whose org claim is not an organization id like anyone else, not with an error', async () => {
    const { organization, resource } = await createListing(api().orm);
    const odd = partnerOf('acme-shelters');
    const list = expectData(
      await api().execute<ResourcesData>(
        RESOURCES,
        { filter: { organizationId: organization.id } },
        odd,
      ),
    );
    expect(list.resources.nodes.map((n) => n.id)).toEqual([resource.id]);
    const org = expectData(
      await api().execute<{ organization: { resources: { id: string }[] } }>(
        'query($id: ID!) { organization(id: $id) { resources { id } } }',
        { id: organization.id },
        odd,
      ),
    );
    expect(org.organization.resources).toEqual([{ id: resource.id }]);
  });

  it('matches a parent category to listings in its sub-categories', async () => {
    const { organization, resource } = await createListing(api().orm); // emergency-shelter, under housing
    const pantry = await addResource(organization.id, 'Pantry', { categories: ['food-pantry'] });
    const mat = await addResource(organization.id, 'MAT clinic', {
      categories: ['medication-for-addiction-treatment'],
    });
    const ids = async (categories: string[]) =>
      expectData(
        await api().execute<ResourcesData>(RESOURCES, {
          filter: { organizationId: organization.id, categories },
        }),
      ).resources.nodes.map((n) => n.id);

    expect(await ids(['housing'])).toEqual([resource.id]);
    expect(await ids(['emergency-shelter'])).toEqual([resource.id]);
    expect(await ids(['food'])).toEqual([pantry]);
    expect(await ids(['transitional-housing'])).toEqual([]);
    // Two levels down: clinics → substance-use-treatment → medication-for-addiction-treatment.
    expect(await ids(['clinics'])).toEqual([mat]);
    expect((await ids(['housing', 'food'])).sort()).toEqual([resource.id, pantry].sort());
  });

  it('refuses an unknown category in the filter, naming it', async () => {
    const error = expectError(
      await api().execute<ResourcesData>(RESOURCES, { filter: { categories: ['spaceships'] } }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('categories');
    expect(error.message).toContain('spaceships');
  });

  it('pages by name with first/after until the last page, without repeats or gaps', async () => {
    const { organization } = await createListing(api().orm, { name: 'Alpha' });
    await addResource(organization.id, 'Bravo');
    await addResource(organization.id, 'Charlie');
    await addResource(organization.id, 'Delta');
    await addResource(organization.id, 'Echo');
    const filter = { organizationId: organization.id };
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    do {
      const data: ResourcesData = expectData(
        await api().execute<ResourcesData>(RESOURCES, { filter, first: 2, after }),
      );
      expect(data.resources.totalCount).toBe(5);
      seen.push(...data.resources.nodes.map((n) => n.name));
      pages.push(data.resources.pageInfo.hasNextPage);
      after = data.resources.pageInfo.hasNextPage ? data.resources.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
    expect(pages).toEqual([true, true, false]);
  });

  it('refuses a malformed cursor, naming `after`', async () => {
    for (const after of [
      'not-a-cursor',
      '%%%',
      Buffer.from('{"name":1}').toString('base64url'),
      'x'.repeat(600),
    ]) {
      const error = expectError(
        await api().execute<ResourcesData>(RESOURCES, { first: 2, after }),
        'BAD_USER_INPUT',
      );
      expect(error.message).toMatch(/^after\b/);
    }
  });

  it('refuses a cursor whose id is not one this service gave out, rather than failing', async () => {
    const forged = Buffer.from(JSON.stringify({ name: 'A', id: 'not-a-uuid' })).toString(
      'base64url',
    );
    const error = expectError(
      await api().execute<ResourcesData>(RESOURCES, { first: 2, after: forged }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('after');
  });

  it('refuses a page size outside 1..100, naming `first`', async () => {
    for (const first of [0, -1, 101]) {
      const error = expectError(
        await api().execute<ResourcesData>(RESOURCES, { first }),
        'BAD_USER_INPUT',
      );
      expect(error.message).toContain('first');
    }
  });
});

describe('organization(id) and organizations', () => {
  it('shows an organization with its locations and listings to anyone', async () => {
    const { organization, location, resource } = await createListing(api().orm);
    interface OrganizationData {
      organization: {
        id: string;
        name: string;
        version: number;
        locations: { id: string }[];
        resources: { id: string; name: string }[];
      };
    }
    const data = expectData(
      await api().execute<OrganizationData>(
        'query($id: ID!) { organization(id: $id) { id name version locations { id } resources { id name } } }',
        { id: organization.id },
      ),
    );
    expect(data.organization).toEqual({
      id: organization.id,
      name: organization.name,
      version: 1,
      locations: [{ id: location.id }],
      resources: [{ id: resource.id, name: resource.name }],
    });
  });

  it('is NOT_FOUND for an unknown organization', async () => {
    expectError(
      await api().execute('query($id: ID!) { organization(id: $id) { id } }', {
        id: '00000000-0000-4000-8000-000000000000',
      }),
      'NOT_FOUND',
    );
  });

  it('lists organizations by name, filtered by part of the name in any case, in pages', async () => {
    const tag = `Qx${Date.now().toString(36)}`;
    for (const name of [`${tag} Beta Services`, `${tag} Alpha House`, `${tag} Gamma Clinic`]) {
      expectData(
        await api().execute<{ createOrganization: { id: string } }>(
          'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
          {
            input: { name },
          },
          admin(),
        ),
      );
    }
    const query = `query($f: OrganizationFilter, $first: Int, $after: String) {
      organizations(filter: $f, first: $first, after: $after) { nodes { name } totalCount pageInfo { hasNextPage endCursor } }
    }`;
    interface OrganizationsData {
      organizations: {
        nodes: { name: string }[];
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }
    const first = expectData(
      await api().execute<OrganizationsData>(query, {
        f: { nameContains: tag.toLowerCase() },
        first: 2,
      }),
    );
    expect(first.organizations.nodes.map((n) => n.name)).toEqual([
      `${tag} Alpha House`,
      `${tag} Beta Services`,
    ]);
    expect(first.organizations.totalCount).toBe(3);
    expect(first.organizations.pageInfo.hasNextPage).toBe(true);
    const second = expectData(
      await api().execute<OrganizationsData>(query, {
        f: { nameContains: tag },
        first: 2,
        after: first.organizations.pageInfo.endCursor,
      }),
    );
    expect(second.organizations.nodes).toEqual([{ name: `${tag} Gamma Clinic` }]);
    expect(second.organizations.pageInfo.hasNextPage).toBe(false);

    // LIKE wildcards in the filter are plain characters.
    const wildcard = expectData(
      await api().execute<OrganizationsData>(query, { f: { nameContains: `${tag}%` } }),
    );
    expect(wildcard.organizations.totalCount).toBe(0);
  });
});

describe('location(id) and opening hours', () => {
  const HOURS = `query($id: ID!, $at: DateTimeISO) { location(id: $id) {
    id name timeZone latitude longitude
    schedule { weekly { day opensAt closesAt } closures { date } }
    openNow(at: $at) nextOpenAt(at: $at) closesAt(at: $at)
    organization { id }
  } }`;
  interface HoursData {
    location: {
      id: string;
      name: string;
      timeZone: string;
      latitude: number | null;
      longitude: number | null;
      schedule: {
        weekly: { day: string; opensAt: string; closesAt: string }[];
        closures: { date: string }[];
      };
      openNow: boolean;
      nextOpenAt: string | null;
      closesAt: string | null;
      organization: { id: string };
    };
  }

  it('is open on a weekday morning in its own time zone, and says when it closes', async () => {
    const { location, organization } = await createListing(api().orm);
    // Wednesday 15 January 2025, 10:00 in Oakland (18:00 UTC).
    const data = expectData(
      await api().execute<HoursData>(HOURS, { id: location.id, at: '2025-01-15T18:00:00.000Z' }),
    );
    expect(data.location).toMatchObject({
      id: location.id,
      timeZone: 'America/Los_Angeles',
      latitude: 37.8044,
      longitude: -122.2712,
      openNow: true,
      nextOpenAt: null,
      closesAt: '2025-01-16T01:00:00.000Z',
      organization: { id: organization.id },
    });
    expect(data.location.schedule.weekly).toHaveLength(5);
    expect(data.location.schedule.weekly[0]).toEqual({
      day: 'MONDAY',
      opensAt: '09:00',
      closesAt: '17:00',
    });
  });

  it('is closed on a weekday evening and opens the next morning', async () => {
    const { location } = await createListing(api().orm);
    // Tuesday 14 January 2025, 18:00 in Oakland (02:00 UTC on the 15th).
    const data = expectData(
      await api().execute<HoursData>(HOURS, { id: location.id, at: '2025-01-15T02:00:00.000Z' }),
    );
    expect(data.location).toMatchObject({
      openNow: false,
      nextOpenAt: '2025-01-15T17:00:00.000Z',
      closesAt: null,
    });
  });

  it('is closed on Saturday and opens on Monday at 9 local time', async () => {
    const { location } = await createListing(api().orm);
    // Saturday 18 January 2025, noon in Oakland.
    const data = expectData(
      await api().execute<HoursData>(HOURS, { id: location.id, at: '2025-01-18T20:00:00.000Z' }),
    );
    expect(data.location).toMatchObject({ openNow: false, nextOpenAt: '2025-01-20T17:00:00.000Z' });
  });

  it('follows daylight saving time: 9:00 in July is 16:00 UTC', async () => {
    const { location } = await createListing(api().orm);
    const data = expectData(
      await api().execute<HoursData>(HOURS, { id: location.id, at: '2025-07-15T06:00:00.000Z' }),
    );
    expect(data.location).toMatchObject({ openNow: false, nextOpenAt: '2025-07-15T16:00:00.000Z' });
  });

  it('refuses an `at` that is not a date-time', async () => {
    const { location } = await createListing(api().orm);
    const body = await api().execute<HoursData>(HOURS, { id: location.id, at: 'tomorrow-ish' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is NOT_FOUND for an unknown location', async () => {
    expectError(await api().execute<HoursData>(HOURS, { id: 'nope' }), 'NOT_FOUND');
  });
});

describe('categories', () => {
  it('is the taxonomy as a tree: top-level terms with their children', async () => {
    interface TreeData {
      categories: {
        id: string;
        name: string;
        parentId: string | null;
        children: {
          id: string;
          parentId: string | null;
          parent: { id: string } | null;
          children: { id: string }[];
        }[];
      }[];
    }
    const data = expectData(
      await api().execute<TreeData>(
        '{ categories { id name parentId children { id parentId parent { id } children { id } } } }',
      ),
    );
    const ids = data.categories.map((c) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'housing',
        'food',
        'employment',
        'clinics',
        'peer-drop-in',
        'legal-aid',
      ]),
    );
    expect(data.categories.every((c) => c.parentId === null)).toBe(true);
    const housing = data.categories.find((c) => c.id === 'housing')!;
    expect(housing.children.map((c) => c.id)).toEqual([
      'emergency-shelter',
      'transitional-housing',
      'recovery-residence',
      'permanent-supportive-housing',
    ]);
    expect(housing.children[0]).toMatchObject({ parentId: 'housing', parent: { id: 'housing' } });
    const clinics = data.categories.find((c) => c.id === 'clinics')!;
    const sud = clinics.children.find((c) => c.id === 'substance-use-treatment')!;
    expect(sud.children).toEqual([{ id: 'medication-for-addiction-treatment' }]);
  });

  interface CategoryIds {
    categories: { id: string }[];
  }

  it('lists the children of one parent, or every term flat', async () => {
    const food = expectData(
      await api().execute<CategoryIds>('{ categories(parentId: "food") { id } }'),
    );
    expect(food.categories.map((c) => c.id)).toEqual(['food-bank', 'food-pantry', 'meals']);
    const all = expectData(await api().execute<CategoryIds>('{ categories(all: true) { id } }'));
    expect(all.categories.length).toBeGreaterThanOrEqual(25);
    expect(all.categories.map((c) => c.id)).toContain('medication-for-addiction-treatment');
  });
});
