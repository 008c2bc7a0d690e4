import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing } from './support/fixtures';
import { startStack, type TestStack } from './support/stack';

const SEARCH = `query Search($input: ResourceSearchInput!) {
  searchResources(input: $input) {
    totalCount
    hits { distanceKm openNow nextOpenAt stale resource { id name capacity { available } } location { id name } }
    facets { field values { value count } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const OAKLAND = { lat: 37.8044, lng: -122.2712 };

interface Hit {
  resource: { id: string; name: string; capacity: { available: number } | null };
  distanceKm: number | null;
}

describe('searchResources through the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  const search = async (input: Record<string, unknown>, token?: string) =>
    stack.gql<{ searchResources: { hits: Hit[]; totalCount: number } }>(SEARCH, { input }, token);

  const waitFor = async (input: Record<string, unknown>, test: (hits: Hit[]) => boolean) => {
    const started = Date.now();
    for (;;) {
      const { body } = await search(input);
      if (body.data && test(body.data.searchResources.hits)) return Date.now() - started;
      if (Date.now() - started > 5000)
        throw new Error(`not searchable after 5 s: ${JSON.stringify(body)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('answers anonymous callers, nearest first, with the resource and location joined', async () => {
    const name = `Gateway Shelter ${randomBytes(3).toString('hex')}`;
    const { resource, location } = await createListing(stack.resources.orm, { name });
    await waitFor({ text: name }, (hits) => hits.some((h) => h.resource.id === resource.id));
    const { status, body } = await search({
      near: OAKLAND,
      radiusKm: 5,
      categories: ['housing'],
      first: 50,
    });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const hits = body.data!.searchResources.hits as (Hit & { location: { id: string } })[];
    const mine = hits.find((h) => h.resource.id === resource.id)!;
    expect(mine.location.id).toBe(location.id);
    const distances = hits.map((h) => h.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it("reflects a partner's capacity update in search within a second", async () => {
    const name = `Capacity Shelter ${randomBytes(3).toString('hex')}`;
    const { organization, resource } = await createListing(stack.resources.orm, { name });
    await waitFor({ text: name, hasCapacity: true }, (hits) =>
      hits.some((h) => h.resource.id === resource.id),
    );
    const token = await stack.token({ roles: ['partner'], org: organization.id });
    const updated = await stack.gql(
      'mutation($id: ID!) { updateCapacity(id: $id, input: { available: 0 }) { capacity { available } } }',
      { id: resource.id },
      token,
    );
    expect(updated.body.errors).toBeUndefined();
    const took = await waitFor(
      { text: name, hasCapacity: true },
      (hits) => !hits.some((h) => h.resource.id === resource.id),
    );
    expect(took).toBeLessThan(1000);
  });

  it.each([
    ['near.lat', { near: { lat: -90.5, lng: 0 } }],
    ['radiusKm', { near: OAKLAND, radiusKm: 50_000 }],
    ['first', { first: 500 }],
    ['after', { after: '%%%' }],
    ['categories', { categories: ['rocket-science'] }],
    ['text', { text: 'x'.repeat(10_000) }],
  ] as [string, Record<string, unknown>][])(
    'refuses a bad %s with BAD_USER_INPUT, not a 500',
    async (field, input) => {
      const { status, body } = await search(input);
      expect(status).toBeLessThan(500);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toContain(field);
    },
  );

  it('shows the index status to admins and no one else', async () => {
    const query = '{ searchIndexStatus { engine documents pendingChanges lastError } }';
    const anonymous = await stack.gql(query);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const partner = await stack.gql(query, {}, await stack.token({ roles: ['partner'], org: 'x' }));
    expect(partner.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await stack.gql<{ searchIndexStatus: { engine: string; documents: number } }>(
      query,
      {},
      await stack.token({ roles: ['admin'] }),
    );
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data!.searchIndexStatus.engine).toBe('postgres');
  });
});
