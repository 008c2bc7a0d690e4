import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../subgraphs/kit/logger';
import { recordFigures } from './support/figures';
import { createListing, type Fixture } from './support/fixtures';
import { postJson } from './support/http';
import { CREATE_REFERRAL, referralInput, type CreateReferralData } from './support/referrals';
import { startStack, type GraphQLResponse, type TestStack } from './support/stack';

/** Every line logged at error level (pino level 50+) by any replica or gateway. */
const errors: string[] = [];
const logger = createLogger('test', 'warn', {
  destination: {
    write: (line: string) => {
      if ((JSON.parse(line) as { level: number }).level >= 50) errors.push(line);
    },
  },
});

const LISTINGS = 12;
const REFERRALS = 20;

/**
 * A county runs more than one process of everything. Two of each subgraph on the same databases and
 * a gateway over each set: reads and writes through both at once, and background work (the search
 * indexer, the notification dispatcher) taken once, never twice.
 */
describe('two of each subgraph and two gateways on the same databases', () => {
  let stack: TestStack;
  let gateways: string[];
  let admin: string;
  let planner: string;
  let listings: Fixture[];
  const responses: GraphQLResponse[] = [];

  async function gql<T>(
    gateway: number,
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>> {
    const res = await postJson<T>(
      gateways[gateway % 2],
      { query, variables },
      token ? { authorization: `Bearer ${token}` } : {},
    );
    const response: GraphQLResponse<T> = { status: res.status, body: res.body };
    responses.push({ status: res.status, body: { errors: res.body.errors } });
    return response;
  }

  beforeAll(async () => {
    stack = await startStack({}, { logger, replicas: 2 });
    gateways = [stack.gatewayUrl, await stack.startGateway(1)];
    admin = await stack.token({ roles: ['admin'] });
    planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
    listings = [];
    for (let i = 0; i < LISTINGS; i++) listings.push(await createListing(stack.resources.orm));
  }, 180_000);
  afterAll(() => stack?.stop());

  it('edits through one gateway are found through the other, each listing indexed once', async () => {
    const renamed = await Promise.all(
      listings.map(async (listing, i) => {
        const name = `Replica Haven ${randomUUID().slice(0, 8)}`;
        const res = await gql<{ updateResource: { version: number } }>(
          i,
          'mutation($id: ID!, $v: Int!, $name: String!) { updateResource(id: $id, expectedVersion: $v, input: { name: $name }) { version } }',
          { id: listing.resource.id, v: listing.resource.version, name },
          admin,
        );
        expect(res.body.errors).toBeUndefined();
        return { id: listing.resource.id, name, gateway: i, answeredAt: Date.now() };
      }),
    );
    // Each edit is looked for through the other gateway at once, all side by side: the time from
    // its answer to the first search that finds it goes to the benchmark's figures.
    const searchableAfterMs = await Promise.all(
      renamed.map(async ({ id, name, gateway, answeredAt }) => {
        let foundAt = 0;
        await expect
          .poll(
            async () => {
              const res = await gql<{
                searchResources: { hits: { resource: { id: string; name: string } }[] };
              }>(
                gateway + 1,
                'query($q: String!) { searchResources(input: { text: $q }) { hits { resource { id name } } } }',
                { q: name },
              );
              const hits = res.body.data?.searchResources.hits.filter(
                (h) => h.resource.name === name,
              );
              if (hits?.length && !foundAt) foundAt = Date.now();
              return hits;
            },
            { timeout: 10_000, interval: 50 },
          )
          .toEqual([{ resource: { id, name } }]);
        return foundAt - answeredAt;
      }),
    );
    const sorted = [...searchableAfterMs].sort((a, b) => a - b);
    recordFigures('replicas-searchable', {
      edits: sorted.length,
      searchableAfterMs: sorted,
      p50Ms: sorted[Math.floor((sorted.length - 1) / 2)],
      maxMs: sorted[sorted.length - 1],
    });

    const knex = stack.resources.orm.em.getConnection().getKnex();
    const documents = await knex.raw<{ rows: { resource_id: string; n: string }[] }>(
      'select resource_id, count(*) as n from search_document where resource_id = any(?) group by resource_id',
      [listings.map((l) => l.resource.id)],
    );
    expect(documents.rows.map((r) => Number(r.n))).toEqual(listings.map(() => 1));
    await expect
      .poll(async () => (await knex('search_outbox').count({ n: '*' }))[0].n, { timeout: 10_000 })
      .toBe('0');
  });

  it('a referral retried through the other gateway with its key is made once', async () => {
    const listing = listings[0];
    const sent = await Promise.all(
      Array.from({ length: REFERRALS }, async (_, i) => {
        const key = randomUUID();
        const input = referralInput(listing, {
          person: { ...referralInput(listing).person, displayName: `Person ${i}` },
        });
        // The first try and its retry race each other through different gateways and replicas.
        const [first, retry] = await Promise.all([
          gql<CreateReferralData>(i, CREATE_REFERRAL, { input, key }, planner),
          gql<CreateReferralData>(i + 1, CREATE_REFERRAL, { input, key }, planner),
        ]);
        return [first.body.data?.createReferral.id, retry.body.data?.createReferral.id];
      }),
    );
    for (const [first, retry] of sent) {
      expect(first).toBeDefined();
      expect(retry).toBe(first);
    }
    const knex = stack.subgraphs.referrals.orm.em.getConnection().getKnex();
    const made = await knex('referral')
      .where({ resource_id: listing.resource.id })
      .count({ n: '*' });
    expect(Number(made[0].n)).toBe(REFERRALS);
  });

  it('a peer changed through one gateway is matched as changed through the other', async () => {
    // Each peers process keeps its own matching index in memory: warm the other one first, so a
    // stale copy would show.
    const near = { latitude: 40.5865, longitude: -122.3917 }; // Redding: no other test's peers
    const match = async (gateway: number) =>
      (
        await gql<{ matchPeers: { peer: { id: string }; reasons: string[] }[] }>(
          gateway,
          'query($input: MatchPeersInput!) { matchPeers(input: $input) { peer { id } reasons } }',
          { input: { near, languages: ['hmn'] } },
          planner,
        )
      ).body.data?.matchPeers;
    const upsert = (gateway: number, input: Record<string, unknown>, id?: string) =>
      gql<{ upsertPeerProfile: { id: string } }>(
        gateway,
        'mutation($id: ID, $input: PeerProfileInput!) { upsertPeerProfile(id: $id, input: $input) { id } }',
        { id, input },
        admin,
      );
    const created = await upsert(0, {
      displayName: 'Replica Peer',
      caseloadCapacity: 10,
      languages: ['en'],
      serviceArea: { latitude: near.latitude, longitude: near.longitude, radiusKm: 30 },
    });
    const id = created.body.data!.upsertPeerProfile.id;
    await expect
      .poll(async () => (await match(1))?.map((m) => m.peer.id), { timeout: 5_000 })
      .toContain(id);
    expect((await match(1))?.find((m) => m.peer.id === id)?.reasons.join(' ')).not.toMatch(/Hmong/);

    expect((await upsert(0, { languages: ['en', 'hmn'] }, id)).body.errors).toBeUndefined();
    await expect
      .poll(async () => (await match(1))?.find((m) => m.peer.id === id)?.reasons.join(' '), {
        timeout: 5_000,
      })
      .toMatch(/speaks Hmong/);
  });

  it('answered every request without an error, and logged none', () => {
    expect(responses.length).toBeGreaterThan(LISTINGS + 2 * REFERRALS);
    const failed = responses.filter((r) => r.status !== 200 || r.body.errors);
    expect(failed.map((r) => JSON.stringify(r.body.errors))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
