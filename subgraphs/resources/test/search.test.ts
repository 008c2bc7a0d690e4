import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing } from '../../../test/support/fixtures';
import { startResources, type TestSubgraph } from '../../../test/support/stack';
import { ANONYMOUS } from '../../kit/identity';
import { createLogger } from '../../kit/logger';
import { CategoryService } from '../category/category.service';
import { Location } from '../location/location.entity';
import { Resource } from '../resource/resource.entity';
import { SearchIndexer } from '../search/indexer';
import { enqueueSearchReindex } from '../search/outbox';
import { PostgresSearch } from '../search/postgres-search';
import { SearchService } from '../search/search.service';
import type { IndexTarget, ResourceSearch } from '../search/search.port';
import { query } from '../sql';
import {
  admin,
  expectData,
  expectError,
  partnerOf,
  peer,
  useResources,
  WEEKDAYS_9_TO_5,
} from './harness';

const SEARCH = `query Search($input: ResourceSearchInput!) {
  searchResources(input: $input) {
    totalCount
    hits { distanceKm openNow nextOpenAt stale resource { id name organization { name } } location { id name } }
    facets { field values { value count } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface SearchData {
  searchResources: {
    totalCount: number;
    hits: {
      distanceKm: number | null;
      openNow: boolean;
      nextOpenAt: string | null;
      stale: boolean;
      resource: { id: string; name: string; organization: { name: string } };
      location: { id: string; name: string } | null;
    }[];
    facets: { field: string; values: { value: string; count: number }[] }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const CREATE_RESOURCE = `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`;
interface CreateResourceData {
  createResource: { id: string };
}

const OAKLAND = { lat: 37.8044, lng: -122.2712 };

describe('searchResources through the resources subgraph', () => {
  const resources = useResources();

  it.each([
    ['near.lat', { near: { lat: 91, lng: 0 } }],
    ['near.lng', { near: { lat: 0, lng: -180.5 } }],
    ['radiusKm', { near: OAKLAND, radiusKm: -1 }],
    ['radiusKm', { near: OAKLAND, radiusKm: 1e9 }],
    ['first', { first: 51 }],
    ['first', { first: 0 }],
    ['after', { after: 'not-a-cursor' }],
    ['after', { after: Buffer.from('{"o":-5}').toString('base64url') }],
    ['categories', { categories: ['no-such-category'] }],
    ['languages', { languages: ['xx'] }],
    ['text', { text: 'a'.repeat(10_000) }],
    ['sort', { sort: 'DISTANCE' }],
    ['openAt', { openAt: 'tonight' }],
    ['openAt', { openAt: '25:00' }],
    ['openAt', { openAt: '2026-02-30T10:00' }],
    ['openAt', { openAt: '2999-01-01T10:00:00Z' }],
    ['openUntil', { openUntil: '2020-01-01T00:00:00Z' }],
    ['openUntil', { openAt: '20:00', openUntil: '06:00' }],
  ] as [string, Record<string, unknown>][])(
    'refuses a bad %s as BAD_USER_INPUT naming it',
    async (field, input) => {
      const body = await resources().execute(SEARCH, { input });
      const error = expectError(body, 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe(field);
      expect(error.message).toContain(field);
    },
  );

  it('is a bounded number of SQL statements whatever the page size (no N+1)', async () => {
    const orm = resources().orm;
    for (let i = 0; i < 12; i++) await createListing(orm, { name: `Statement Count Shelter ${i}` });
    await new PostgresSearch(orm.em.getConnection().getKnex()).rebuild();
    const knex = orm.em.getConnection().getKnex();
    // The subgraph's indexer drains the listings' outbox rows in the background, and each refresh
    // drops the engine's kept answers: wait for it, so that it cannot fall between two counts.
    let pending = -1;
    for (let i = 0; i < 100 && pending !== 0; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 50));
      pending = (
        await query<{ n: number }>(knex, 'select count(*)::int as n from search_outbox')
      )[0].n;
    }
    expect(pending, 'the indexer drained the outbox').toBe(0);
    const countFor = async (first: number) => {
      let statements = 0;
      // The background indexer works in transactions; the search's own statements run outside any.
      const listener = (data: { __knexTxId?: string }) => {
        if (!data.__knexTxId) statements += 1;
      };
      knex.on('query', listener);
      const body = await resources().execute<SearchData>(SEARCH, {
        input: {
          text: 'statement count shelter',
          near: OAKLAND,
          openNow: false,
          categories: ['housing'],
          first,
        },
      });
      knex.removeListener('query', listener);
      const hits = expectData(body).searchResources.hits;
      return { statements, hits: hits.length };
    };
    // The time zones and whether anything closes today are kept for a few seconds: the first search
    // reads them, the next ones may not.
    await countFor(1);
    const small = await countFor(2);
    const large = await countFor(12);
    expect(small.hits).toBe(2);
    expect(large.hits).toBe(12);
    expect(large.statements).toBe(small.statements);
    // the exact open-now check, typo corrections, the search (which reads the page's listings and
    // locations too), then one batched load of organizations (and the kept answers, the taxonomy's
    // tree among them, once in a few seconds)
    expect(large.statements).toBeLessThanOrEqual(5);
  });

  it('ranks a sample of a text search (the strongest matches, or the nearest with a place) when very many match, and says the count is not exact', async () => {
    const orm = resources().orm;
    const word = `zq${randomBytes(3).toString('hex')}`;
    const listings = [];
    for (let i = 0; i < 12; i++)
      listings.push(await createListing(orm, { name: `Sampled ${word} Pantry ${i}` }));
    // Five stay in Oakland; the other seven move about 5.5 km north, so the nearest five are known.
    const [near, far] = [listings.slice(0, 5), listings.slice(5)];
    await orm.em.fork().nativeUpdate(
      Location,
      { id: { $in: far.map((l) => l.location.id) } },
      {
        latitude: OAKLAND.lat + 0.05,
      },
    );
    const knex = orm.em.getConnection().getKnex();
    await new PostgresSearch(knex).rebuild();
    const searchWith = (engine: PostgresSearch, place: { near?: typeof OAKLAND } = {}) =>
      new SearchService(
        Promise.resolve(engine),
        new CategoryService(orm.em.fork()),
        ANONYMOUS,
        knex,
      ).search({ text: word, first: 50, ...place }, { total: true, facets: true });
    const whole = await searchWith(new PostgresSearch(knex));
    expect(whole.totalCount).toBe(12);
    expect(whole.totalCountExact).toBe(true);
    const sampled = await searchWith(new PostgresSearch(knex, 5));
    expect(sampled.hits).toHaveLength(5);
    expect(sampled.totalCountExact).toBe(false);
    // With a place, the sample is the nearest matches within the radius, ranked the same way.
    const wholeNear = await searchWith(new PostgresSearch(knex), { near: OAKLAND });
    expect(wholeNear.totalCount).toBe(12);
    expect(wholeNear.totalCountExact).toBe(true);
    const sampledNear = await searchWith(new PostgresSearch(knex, 5), { near: OAKLAND });
    expect(sampledNear.hits).toHaveLength(5);
    expect(sampledNear.totalCountExact).toBe(false);
    expect(sampledNear.hits.map((h) => h.resourceId).sort()).toEqual(
      near.map((l) => l.resource.id).sort(),
    );
  });

  it('returns hits with the resource, the location and what a peer needs to judge them', async () => {
    const { resource, location } = await createListing(resources().orm, {
      name: `Judging Shelter ${randomBytes(3).toString('hex')}`,
    });
    await new PostgresSearch(resources().orm.em.getConnection().getKnex()).rebuild();
    const data = expectData(
      await resources().execute<SearchData>(SEARCH, {
        input: { text: resource.name, near: OAKLAND },
      }),
    );
    const hit = data.searchResources.hits.find((h) => h.resource.id === resource.id);
    expect(hit).toMatchObject({
      location: { id: location.id },
      stale: true,
      resource: { name: resource.name },
    });
    expect(hit!.distanceKm).toBeLessThan(1);
    expect(data.searchResources.facets.map((f) => f.field)).toEqual(
      expect.arrayContaining(['CATEGORY', 'LANGUAGE', 'OPEN_NOW', 'HAS_CAPACITY']),
    );
  });

  it("shows a hit's listing and place exactly as the listing page does", async () => {
    // The page's rows come with the search's own statement (as JSON), not from the loaders: times,
    // lists, the capacity, the address and the hours must read the same as by id.
    const { resource, location } = await createListing(resources().orm, {
      name: `Same Reading Shelter ${randomBytes(3).toString('hex')}`,
    });
    await new PostgresSearch(resources().orm.em.getConnection().getKnex()).rebuild();
    const RESOURCE_FIELDS = `id name alternateName description status populations insurance
      languages minimumAge maximumAge requiredDocuments acceptsReferrals lastVerifiedAt createdAt
      updatedAt version listed stale capacityUpdatedAtLocal { utc local zone utcOffset }
      capacity { unit available maximum updatedAt } organization { name }`;
    const LOCATION_FIELDS = `id name description latitude longitude timeZone createdAt updatedAt
      version address { address1 city stateProvince postalCode country }
      schedule { weekly { day opensAt closesAt } }`;
    const searched = expectData(
      await resources().execute<{
        searchResources: { hits: { resource: { id: string }; location: unknown }[] };
      }>(
        `query($input: ResourceSearchInput!) { searchResources(input: $input) {
          hits { resource { ${RESOURCE_FIELDS} } location { ${LOCATION_FIELDS} } } } }`,
        { input: { text: resource.name, near: OAKLAND } },
      ),
    ).searchResources.hits.find((h) => h.resource.id === resource.id);
    const byId = expectData(
      await resources().execute<{ resource: unknown; location: unknown }>(
        `query($r: ID!, $l: ID!) { resource(id: $r) { ${RESOURCE_FIELDS} }
          location(id: $l) { ${LOCATION_FIELDS} } }`,
        { r: resource.id, l: location.id },
      ),
    );
    expect(searched).toEqual({ resource: byId.resource, location: byId.location });
    expect(byId.resource).toMatchObject({
      capacity: { unit: 'beds', available: 3, maximum: 20 },
      languages: ['en', 'es'],
    });
  });

  it('names the languages of the LANGUAGE facet, and says what an empty search would find without a filter', async () => {
    const { resource } = await createListing(resources().orm, {
      name: `Hint Shelter ${randomBytes(3).toString('hex')}`,
    });
    await new PostgresSearch(resources().orm.em.getConnection().getKnex()).rebuild();
    const data = expectData(
      await resources().execute<{
        searchResources: {
          hits: unknown[];
          facets: {
            field: string;
            values: { value: string; language: { nameEs: string } | null }[];
          }[];
          hints: { filter: string; count: number; countExact: boolean; radiusKm: number | null }[];
        };
      }>(
        `query($input: ResourceSearchInput!) { searchResources(input: $input) { hits { stale }
          facets { field values { value language { nameEs } } }
          hints { filter count countExact radiusKm } } }`,
        { input: { text: resource.name, languages: ['hmn'] } },
      ),
    );
    expect(data.searchResources.hits).toEqual([]);
    expect(data.searchResources.hints).toEqual([
      { filter: 'LANGUAGES', count: 1, countExact: true, radiusKm: null },
      { filter: 'TEXT', count: 0, countExact: true, radiusKm: null },
    ]);
    const named = expectData(
      await resources().execute<{
        searchResources: {
          facets: {
            field: string;
            values: { value: string; language: { nameEs: string } | null }[];
          }[];
        };
      }>(
        `query($input: ResourceSearchInput!) { searchResources(input: $input) {
          facets { field values { value language { nameEs } } } } }`,
        { input: { text: resource.name } },
      ),
    );
    const languages = named.searchResources.facets.find((f) => f.field === 'LANGUAGE')!.values;
    expect(languages).toEqual(
      expect.arrayContaining([{ value: 'es', language: { nameEs: 'español' } }]),
    );
  });

  it('makes a new listing searchable within a second of the edit', async () => {
    const { organization, location } = await createListing(resources().orm);
    const name = `Brand New Pantry ${randomBytes(4).toString('hex')}`;
    const created = await resources().execute<CreateResourceData>(
      CREATE_RESOURCE,
      {
        input: {
          organizationId: organization.id,
          name,
          categories: ['food-pantry'],
          locationIds: [location.id],
        },
      },
      partnerOf(organization.id),
    );
    const id = expectData(created).createResource.id;
    const started = Date.now();
    let found = false;
    while (!found && Date.now() - started < 3000) {
      const data = expectData(
        await resources().execute<SearchData>(SEARCH, { input: { text: name } }),
      );
      found = data.searchResources.hits.some((h) => h.resource.id === id);
      if (!found) await new Promise((r) => setTimeout(r, 25));
    }
    expect(found).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('finds listings under a category imported a moment ago, and under its sub-categories', async () => {
    const orm = resources().orm;
    const knex = orm.em.getConnection().getKnex();
    const { organization, location } = await createListing(orm);
    const name = `Filed Listing ${randomBytes(4).toString('hex')}`;
    // A search filtered by category keeps the taxonomy's tree for a few seconds...
    expectData(await resources().execute(SEARCH, { input: { categories: ['housing'], first: 1 } }));
    // ...then an importer adds a category and a sub-category of it.
    const parent = `imported-${randomBytes(3).toString('hex')}`;
    await knex.raw(
      `insert into category (id, name, parent_id, position) values (?, 'Imported', null, 99), (?, 'Imported child', ?, 99)`,
      [parent, `${parent}-child`, parent],
    );
    const created = await resources().execute<CreateResourceData>(
      CREATE_RESOURCE,
      {
        input: {
          organizationId: organization.id,
          name,
          categories: [`${parent}-child`],
          locationIds: [location.id],
        },
      },
      partnerOf(organization.id),
    );
    const id = expectData(created).createResource.id;
    let hits: string[] = [];
    for (let i = 0; i < 100 && !hits.includes(id); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 25));
      const data = expectData(
        await resources().execute<SearchData>(SEARCH, { input: { categories: [parent] } }),
      );
      hits = data.searchResources.hits.map((h) => h.resource.id);
    }
    expect(hits).toEqual([id]);
    const unknown = await resources().execute(SEARCH, {
      input: { categories: [`${parent}-nope`] },
    });
    expect(expectError(unknown, 'BAD_USER_INPUT').message).toContain(`${parent}-nope`);
  });

  it('shows the index status to admins only', async () => {
    expectError(await resources().execute('{ searchIndexStatus { engine } }'), 'UNAUTHENTICATED');
    expectError(
      await resources().execute('{ searchIndexStatus { engine } }', {}, peer()),
      'FORBIDDEN',
    );
    const data = expectData(
      await resources().execute<IndexStatusData>(
        '{ searchIndexStatus { engine documents pendingChanges oldestPendingAgeSeconds lastError lastIndexedAt } }',
        {},
        admin(),
      ),
    );
    expect(data.searchIndexStatus).toMatchObject({ engine: 'postgres' });
    expect(data.searchIndexStatus.documents).toBeGreaterThan(0);
  });
});

interface IndexStatusData {
  searchIndexStatus: {
    engine: string;
    documents: number | null;
    pendingChanges: number;
    oldestPendingAgeSeconds: number | null;
    lastError: string | null;
    lastIndexedAt: string | null;
  };
}

/** An engine that is down until told otherwise: the project's own port, mocked. */
class FlakyEngine implements ResourceSearch {
  readonly engine = 'postgres' as const;
  down = true;
  calls = 0;
  constructor(private readonly real: PostgresSearch) {}
  timeZones = () => this.real.timeZones();
  unsureCandidates: ResourceSearch['unsureCandidates'] = (q, l) => this.real.unsureCandidates(q, l);
  windowCandidates: ResourceSearch['windowCandidates'] = (q, l) => this.real.windowCandidates(q, l);
  search: ResourceSearch['search'] = (q) => this.real.search(q);
  /** Answers, but refuses every change (as for a document it cannot take). */
  refusesChanges = false;
  stats = () =>
    this.down
      ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:7700'))
      : this.real.stats();
  rebuild = () => this.real.rebuild();
  needsRebuild = () => this.real.needsRebuild();
  async refresh(target: IndexTarget) {
    this.calls += 1;
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
    if (this.refusesChanges) throw new Error('invalid document');
    return this.real.refresh(target);
  }
}

describe('the search outbox, with the indexer paused', () => {
  let subgraph: TestSubgraph;
  const quiet = createLogger('test', 'silent');
  beforeAll(async () => {
    subgraph = await startResources({
      options: { indexer: { pollMs: 3_600_000, listenUrl: undefined } },
    });
  });
  afterAll(() => subgraph?.stop());

  const outbox = () =>
    query<{ kind: string; entity_id: string }>(
      subgraph.orm.em.getConnection().getKnex(),
      'select kind, entity_id from search_outbox order by id',
    );
  const clear = () => subgraph.orm.em.getConnection().getKnex().raw('delete from search_outbox');

  it('writes a row for every kind of listing change', async () => {
    const { organization, location, resource } = await createListing(subgraph.orm);
    const as = partnerOf(organization.id);
    const changes: [string, string, Record<string, unknown>, string, string][] = [
      [
        'updateResource',
        `mutation($id: ID!) { updateResource(id: $id, expectedVersion: 1, input: { description: "Now with showers" }) { id } }`,
        { id: resource.id },
        'resource',
        resource.id,
      ],
      [
        'setResourceStatus',
        `mutation($id: ID!) { setResourceStatus(id: $id, status: TEMPORARILY_CLOSED) { id } }`,
        { id: resource.id },
        'resource',
        resource.id,
      ],
      [
        'updateCapacity',
        `mutation($id: ID!) { updateCapacity(id: $id, input: { available: 0 }) { id } }`,
        { id: resource.id },
        'resource',
        resource.id,
      ],
      [
        'verifyResource',
        `mutation($id: ID!) { verifyResource(id: $id) { id } }`,
        { id: resource.id },
        'resource',
        resource.id,
      ],
      [
        'setSchedule',
        `mutation($id: ID!, $s: ScheduleInput!) { setSchedule(locationId: $id, expectedVersion: 1, schedule: $s) { id } }`,
        { id: location.id, s: { weekly: WEEKDAYS_9_TO_5, closures: [{ date: '2026-12-25' }] } },
        'location',
        location.id,
      ],
      [
        'upsertLocation',
        `mutation($id: ID!) { upsertLocation(input: { id: $id, expectedVersion: 2, latitude: 37.8, longitude: -122.27 }) { id } }`,
        { id: location.id },
        'location',
        location.id,
      ],
      [
        'updateOrganization',
        `mutation($id: ID!) { updateOrganization(id: $id, expectedVersion: 1, input: { name: "Renamed Collective" }) { id } }`,
        { id: organization.id },
        'organization',
        organization.id,
      ],
    ];
    for (const [name, mutation, variables, kind, id] of changes) {
      await clear();
      const body = await subgraph.execute(
        mutation,
        variables,
        name === 'updateOrganization' ? admin() : as,
      );
      expect(body.errors, name).toBeUndefined();
      expect(await outbox(), name).toContainEqual({ kind, entity_id: id });
    }
    // Linking a location to a resource changes the resource's documents.
    await clear();
    const linked = await subgraph.execute<CreateResourceData>(
      CREATE_RESOURCE,
      {
        input: {
          organizationId: organization.id,
          name: 'Second Service',
          locationIds: [location.id],
        },
      },
      as,
    );
    const newId = expectData(linked).createResource.id;
    expect(await outbox()).toContainEqual({ kind: 'resource', entity_id: newId });
  });

  it('writes the row in the same transaction as the change: a rollback leaves neither', async () => {
    const { resource } = await createListing(subgraph.orm);
    await clear();
    const em = subgraph.orm.em.fork();
    await expect(
      em.transactional(async (tx) => {
        const r = await tx.findOneOrFail(Resource, resource.id);
        r.name = 'Never Saved';
        await tx.flush();
        const inside = await tx
          .getConnection()
          .execute<{ n: number }>(
            'select count(*)::int as n from search_outbox',
            [],
            'get',
            tx.getTransactionContext(),
          );
        expect(inside.n).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outbox()).toEqual([]);
  });

  it('lets edits succeed while the engine is down, retries with backoff, and catches up losing nothing', async () => {
    const { organization, resource } = await createListing(subgraph.orm, {
      name: `Outage Shelter ${randomBytes(3).toString('hex')}`,
    });
    const knex = subgraph.orm.em.getConnection().getKnex();
    const engine = new FlakyEngine(new PostgresSearch(knex));
    const indexer = new SearchIndexer(knex, engine, quiet, { firstRetryMs: 50, maxRetryMs: 200 });
    engine.down = false;
    await indexer.drain();
    engine.down = true;
    const renamed = `Renamed During Outage ${randomBytes(3).toString('hex')}`;
    const edit = await subgraph.execute<{ updateResource: { name: string } }>(
      `mutation($id: ID!, $name: String!) { updateResource(id: $id, expectedVersion: 1, input: { name: $name }) { name } }`,
      { id: resource.id, name: renamed },
      partnerOf(organization.id),
    );
    expect(expectData(edit).updateResource.name).toBe(renamed);
    // The retry is due after the failed attempt (not compared with the clock now: on a busy machine
    // a 50 ms backoff may already have passed by the time this reads it).
    const [{ failedAt }] = await query<{ failedAt: Date }>(
      knex,
      'select clock_timestamp() as "failedAt"',
    );
    expect(await indexer.drainOnce()).toBe(0);
    const [row] = await query<{ attempts: number; last_error: string | null; later: boolean }>(
      knex,
      'select attempts, last_error, next_attempt_at > ?::timestamptz as later from search_outbox',
      [failedAt],
    );
    expect(row).toMatchObject({ attempts: 1, later: true });
    expect(row.last_error).toContain('ECONNREFUSED');
    const status = expectData(
      await subgraph.execute<{
        searchIndexStatus: { pendingChanges: number; lastError: string | null };
      }>('{ searchIndexStatus { pendingChanges lastError } }', {}, admin()),
    );
    expect(status.searchIndexStatus.pendingChanges).toBeGreaterThan(0);
    expect(status.searchIndexStatus.lastError).toContain('ECONNREFUSED');

    engine.down = false;
    await new Promise((r) => setTimeout(r, 300));
    await indexer.drain();
    expect(await outbox()).toEqual([]);
    const found = expectData(
      await subgraph.execute<SearchData>(SEARCH, { input: { text: renamed } }),
    );
    expect(found.searchResources.hits.map((h) => h.resource.id)).toContain(resource.id);
  });

  it('retries at once when an engine that was away answers again, not after the backoff', async () => {
    const { resource } = await createListing(subgraph.orm);
    await clear();
    const knex = subgraph.orm.em.getConnection().getKnex();
    const engine = new FlakyEngine(new PostgresSearch(knex));
    // A backoff of a minute from the first failure: only the engine answering again can end it.
    const indexer = new SearchIndexer(knex, engine, quiet, { firstRetryMs: 60_000 });
    await knex('search_outbox').insert({ kind: 'resource', entity_id: resource.id });
    expect(await indexer.drainOnce()).toBe(0);
    expect(await indexer.drainOnce()).toBe(0); // still away: it asks, and the row keeps waiting
    expect(await outbox()).toHaveLength(1);
    engine.down = false;
    expect(await indexer.drainOnce()).toBe(1);
    expect(await outbox()).toEqual([]);
  });

  it('keeps backing off a change the engine refuses while it answers', async () => {
    const { resource } = await createListing(subgraph.orm);
    await clear();
    const knex = subgraph.orm.em.getConnection().getKnex();
    const engine = new FlakyEngine(new PostgresSearch(knex));
    engine.down = false;
    engine.refusesChanges = true;
    const indexer = new SearchIndexer(knex, engine, quiet, { firstRetryMs: 60_000 });
    await knex('search_outbox').insert({ kind: 'resource', entity_id: resource.id });
    expect(await indexer.drainOnce()).toBe(0);
    engine.refusesChanges = false;
    expect(await indexer.drainOnce()).toBe(0);
    expect(engine.calls).toBe(1);
    expect(await outbox()).toHaveLength(1);
    await clear();
  });

  it('lets a bulk importer that wrote raw SQL ask for a reindex', async () => {
    const { resource } = await createListing(subgraph.orm);
    await clear();
    const knex = subgraph.orm.em.getConnection().getKnex();
    const name = `Imported ${randomBytes(3).toString('hex')}`;
    await knex.raw('update resource set name = ? where id = ?', [name, resource.id]);
    await enqueueSearchReindex(subgraph.orm.em.fork(), { resourceIds: [resource.id] });
    expect(await outbox()).toEqual([{ kind: 'resource', entity_id: resource.id }]);
    await new SearchIndexer(knex, new PostgresSearch(knex), quiet).drain();
    const found = expectData(await subgraph.execute<SearchData>(SEARCH, { input: { text: name } }));
    expect(found.searchResources.hits.map((h) => h.resource.id)).toContain(resource.id);
  });

  it('reindexes every listing at a location or of an organization asked for, and keeps their other places', async () => {
    const first = await createListing(subgraph.orm);
    const second = await createListing(subgraph.orm);
    await clear();
    const knex = subgraph.orm.em.getConnection().getKnex();
    const word = () =>
      Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join('');
    const found = async (text: string) =>
      expectData(
        await subgraph.execute<SearchData>(SEARCH, { input: { text, first: 50 } }),
      ).searchResources.hits.map((h) => `${h.resource.id}@${h.location?.id}`);
    // Raw SQL, as an importer writes: the second listing is now offered at the first's site too,
    // which has a new name.
    const site = word();
    await knex.raw('insert into resource_location (resource_id, location_id) values (?, ?)', [
      second.resource.id,
      first.location.id,
    ]);
    await knex.raw('update location set name = ? where id = ?', [site, first.location.id]);
    const drain = () => new SearchIndexer(knex, new PostgresSearch(knex), quiet).drain();
    await enqueueSearchReindex(subgraph.orm.em.fork(), { locationIds: [first.location.id] });
    await drain();
    expect((await found(site)).sort()).toEqual(
      [
        `${first.resource.id}@${first.location.id}`,
        `${second.resource.id}@${first.location.id}`,
      ].sort(),
    );
    expect(await found(second.location.name)).toContain(
      `${second.resource.id}@${second.location.id}`,
    );
    // Then the first listing's organization has a new name.
    const org = word();
    await knex.raw('update organization set name = ? where id = ?', [org, first.organization.id]);
    expect(await found(org)).toEqual([]);
    await enqueueSearchReindex(subgraph.orm.em.fork(), {
      organizationIds: [first.organization.id],
    });
    await drain();
    expect(await found(org)).toEqual([`${first.resource.id}@${first.location.id}`]);
  });
});
