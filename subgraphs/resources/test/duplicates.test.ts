import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../kit/identity';
import { importHsds } from '../hsds/import';
import { parseProfile } from '../hsds/profile';
import { memoryInput } from '../hsds/sources';
import { PostgresSearch } from '../search/postgres-search';
import { admin, expectData, expectError, partnerOf, useResources } from './harness';

const api = useResources();
const knex = () => api().orm.em.getConnection().getKnex();

const id = (run: number, n: number) =>
  `7d2c3b4a-0000-4000-8000-${String(run * 100 + n).padStart(12, '0')}`;

const site = (id: string, street: string, latitude: number, longitude: number) => ({
  id,
  name: street,
  latitude,
  longitude,
  addresses: [
    {
      id: `${id}-address`,
      address_1: street,
      city: 'Fresno',
      state_province: 'CA',
      postal_code: '93721',
      country: 'US',
      address_type: 'physical',
    },
  ],
});

/** The same program from two feeds (a county 211 and a shelter network's own export), each test its own ids. */
function feeds(run: number) {
  const [ORG_A, ORG_B, SHELTER_A, SHELTER_B, CLINIC_B, SITE_A, SITE_B] = [
    1, 2, 11, 12, 13, 21, 22,
  ].map((n) => id(run, n));
  const county = {
    id: ORG_A,
    name: 'Fresno Rescue Mission',
    locations: [site(SITE_A, '310 G Street', 36.7296, -119.7946)],
    services: [
      {
        id: SHELTER_A,
        name: 'Fresno Rescue Mission Emergency Shelter',
        phones: [{ id: 'pa', number: '(559) 268-0839' }],
        service_at_locations: [{ id: 'sal-a', location_id: SITE_A }],
      },
    ],
  };
  const network = {
    id: ORG_B,
    name: 'Valley Shelter Network',
    locations: [site(SITE_B, '310 G St.', 36.72962, -119.79455)],
    services: [
      {
        id: SHELTER_B,
        name: 'Rescue Mission Emergency Shelter',
        phones: [{ id: 'pb', number: '+1 559-268-0839' }],
        service_at_locations: [{ id: 'sal-b', location_id: SITE_B }],
      },
      // Same building and switchboard, another program: not a duplicate.
      {
        id: CLINIC_B,
        name: 'Dental Van',
        phones: [{ id: 'pc', number: '559 268 0839' }],
        service_at_locations: [{ id: 'sal-c', location_id: SITE_B }],
      },
    ],
  };

  return { county, network, ORG_A, SHELTER_A, SHELTER_B };
}

const CANDIDATES = `query($first: Int, $after: String) { duplicateCandidates(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { first { id } second { id } score reasons { kind detail } }
} }`;
interface CandidatesData {
  duplicateCandidates: {
    totalCount: number;
    nodes: {
      first: { id: string };
      second: { id: string };
      score: number;
      reasons: { kind: string; detail: string }[];
    }[];
  };
}
const MERGE = `mutation($keep: ID!, $merge: ID!) { mergeResources(keepId: $keep, mergeId: $merge) { id name } }`;

async function load(run: number) {
  const { county, network, ...ids } = feeds(run);
  const as = (source: string) => ({
    profile: parseProfile({ source, name: source }, source),
  });
  expect((await importHsds(knex(), memoryInput([county]), as('county-211'))).problems).toEqual([]);
  expect(
    (await importHsds(knex(), memoryInput([network]), as('shelter-network'))).problems,
  ).toEqual([]);
  return { ...ids, network };
}

describe('duplicates across feeds', () => {
  it('lists the likely pair for admins with a score and the reasons, and nothing for others', async () => {
    const { ORG_A, SHELTER_A, SHELTER_B } = await load(1);
    const data = expectData<CandidatesData>(await api().execute(CANDIDATES, {}, admin()));
    const pairs = data.duplicateCandidates.nodes;
    expect(pairs.map((p) => [p.first.id, p.second.id])).toContainEqual([SHELTER_A, SHELTER_B]);
    const pair = pairs.filter((p) => p.first.id === SHELTER_A);
    expect(pair).toHaveLength(1);
    expect(pair[0].score).toBeGreaterThan(0.8);
    expect(pair[0].reasons.map((r) => r.kind)).toEqual([
      'SAME_PHONE',
      'SAME_ADDRESS',
      'SIMILAR_NAME',
    ]);
    expect(pair[0].reasons[0].detail).toBe('5592680839');
    // The dental van in the same building, on the same switchboard, is another program.
    expect(pairs.every((p) => p.first.id === SHELTER_A || p.first.id !== id(1, 13))).toBe(true);
    expect(pairs.some((p) => [p.first.id, p.second.id].includes(id(1, 13)))).toBe(false);
    expectError(await api().execute(CANDIDATES, {}, partnerOf(ORG_A)), 'FORBIDDEN');
    expectError(await api().execute(CANDIDATES, {}, ANONYMOUS), 'UNAUTHENTICATED');
    expectError(
      await api().execute(CANDIDATES, { after: 'not-a-cursor' }, admin()),
      'BAD_USER_INPUT',
    );
  });

  it('merges for admins only: the old id answers with the kept listing, histories kept, search drops it', async () => {
    const { ORG_A, SHELTER_A, SHELTER_B, network } = await load(2);
    expectError(
      await api().execute(MERGE, { keep: SHELTER_A, merge: SHELTER_B }, partnerOf(ORG_A)),
      'FORBIDDEN',
    );
    expectError(
      await api().execute(MERGE, { keep: SHELTER_A, merge: SHELTER_A }, admin()),
      'BAD_USER_INPUT',
    );
    const merged = expectData<{ mergeResources: { id: string } }>(
      await api().execute(MERGE, { keep: SHELTER_A, merge: SHELTER_B }, admin()),
    );
    expect(merged.mergeResources.id).toBe(SHELTER_A);
    expectError(
      await api().execute(MERGE, { keep: SHELTER_A, merge: SHELTER_B }, admin()),
      'BAD_USER_INPUT',
    );

    // resource(id: old) and a reference another subgraph holds (a referral, a saved list) answer with the kept one.
    const byOldId = expectData<{ resource: { id: string } }>(
      await api().execute(
        'query($id: ID!) { resource(id: $id) { id } }',
        { id: SHELTER_B },
        ANONYMOUS,
      ),
    );
    expect(byOldId.resource.id).toBe(SHELTER_A);
    const entities = expectData<{ _entities: { id: string; name: string }[] }>(
      await api().execute(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Resource { id name } } }',
        { r: [{ __typename: 'Resource', id: SHELTER_B }] },
        ANONYMOUS,
      ),
    );
    expect(entities._entities).toEqual([
      { id: SHELTER_A, name: 'Fresno Rescue Mission Emergency Shelter' },
    ]);

    // The kept listing's history holds the merge and the merged listing's own changes.
    const history = expectData<{ resource: { history: { field: string; newValue: unknown }[] } }>(
      await api().execute(
        'query($id: ID!) { resource(id: $id) { history(first: 50) { field newValue } } }',
        { id: SHELTER_A },
        admin(),
      ),
    );
    expect(history.resource.history).toEqual(
      expect.arrayContaining([
        { field: 'mergedListing', newValue: SHELTER_B },
        { field: 'mergedInto', newValue: SHELTER_A },
        { field: 'status', newValue: 'DEFUNCT' },
      ]),
    );

    // No longer a candidate, and gone from search.
    const after = expectData<CandidatesData>(await api().execute(CANDIDATES, {}, admin()));
    expect(
      after.duplicateCandidates.nodes.some((p) => [p.first.id, p.second.id].includes(SHELTER_B)),
    ).toBe(false);
    await new PostgresSearch(knex()).rebuild();
    const found = expectData<{ searchResources: { hits: { resource: { id: string } }[] } }>(
      await api().execute(
        'query { searchResources(input: { text: "rescue mission emergency shelter" }) { hits { resource { id } } } }',
        {},
        ANONYMOUS,
      ),
    );
    const hits = found.searchResources.hits.map((h) => h.resource.id);
    expect(hits).toContain(SHELTER_A);
    expect(hits).not.toContain(SHELTER_B);

    // The feed that sent the merged listing sends it again: it stays merged, and the import says so.
    const again = await importHsds(knex(), memoryInput([network]));
    const forB = again.warnings.filter((w) => w.recordId === SHELTER_B).map((w) => w.reason);
    expect(
      forB.some((reason) => /merged into/.test(reason)),
      forB.join('; '),
    ).toBe(true);
    const still = expectData<{ resource: { id: string } }>(
      await api().execute(
        'query($id: ID!) { resource(id: $id) { id } }',
        { id: SHELTER_B },
        ANONYMOUS,
      ),
    );
    expect(still.resource.id).toBe(SHELTER_A);
  });

  it('gives the kept listing the merged one’s other sites, with their beds; the same place stays once', async () => {
    const { county, network, SHELTER_A, SHELTER_B } = feeds(3);
    const SITE_A = county.locations[0].id;
    const SITE_B = network.locations[0].id;
    const SITE_C = id(3, 23);
    const [shelterA] = county.services;
    const [shelterB, clinic] = network.services;
    const withCounts = {
      county: {
        ...county,
        services: [
          {
            ...shelterA,
            capacities: [{ location_id: SITE_A, unit: 'beds', available: 2, maximum: 30 }],
          },
        ],
      },
      network: {
        ...network,
        // The network also runs the program across town, a site the county feed does not know.
        locations: [...network.locations, site(SITE_C, '1200 Belmont Ave', 36.7536, -119.7747)],
        services: [
          {
            ...shelterB,
            service_at_locations: [
              ...shelterB.service_at_locations,
              { id: 'sal-b2', location_id: SITE_C },
            ],
            capacities: [
              { location_id: SITE_B, unit: 'beds', available: 9, maximum: 30 },
              { location_id: SITE_C, unit: 'beds', available: 4, maximum: 10 },
            ],
          },
          clinic,
        ],
      },
    };
    for (const doc of [withCounts.county, withCounts.network])
      expect((await importHsds(knex(), memoryInput([doc]))).problems).toEqual([]);

    expectData(await api().execute(MERGE, { keep: SHELTER_A, merge: SHELTER_B }, admin()));
    const kept = expectData<{
      resource: {
        capacity: { available: number; maximum: number | null } | null;
        sites: { location: { id: string }; capacity: { available: number } | null }[];
      };
    }>(
      await api().execute(
        'query($id: ID!) { resource(id: $id) { capacity { available maximum } sites { location { id } capacity { available } } } }',
        { id: SHELTER_A },
        ANONYMOUS,
      ),
    );
    // SITE_B is the county's SITE_A under another spelling: not shown twice, its count stays behind.
    expect(
      kept.resource.sites
        .map((s) => ({ id: s.location.id, available: s.capacity?.available ?? null }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual(
      [
        { id: SITE_A, available: 2 },
        { id: SITE_C, available: 4 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(kept.resource.capacity).toEqual({ available: 6, maximum: 40 });
  });
});
