import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Dice } from '../../seed/dice';
import { loadPeers, samplePeersAsOfToday } from '../../seed/load-peers';
import { importSampleIfEmpty as loadSampleIfEmpty } from '../../seed/import-sample';
import { SAMPLE_CITIES } from '../../seed/sample-directory';
import type { MikroORM } from '../../subgraphs/kit/orm';
import type { EmbeddedServer } from '../../subgraphs/kit/postgres';
import { peersSubgraph } from '../../subgraphs/peers/subgraph';
import { Peer } from '../../subgraphs/peers/peer/peer.entity';
import { Location } from '../../subgraphs/resources/location/location.entity';
import { Capacity } from '../../subgraphs/resources/resource/capacity.entity';
import { Resource } from '../../subgraphs/resources/resource/resource.entity';
import { ResourceStatus } from '../../subgraphs/resources/resource/resource.enums';
import { bearerToken, queryData } from './client';
import { report, type PeersRun } from './peers-report';
import { describeMachine, writeBenchmarkSection, writeBenchResults } from './report';
import { startStack, withScratchPostgres } from './stack';
import { latency, timeEach } from './stats';

/** Adds listings next to the sample ones until `count` public listings exist; returns their ids. */
async function publicListings(orm: MikroORM, count: number): Promise<string[]> {
  const em = orm.em.fork();
  const publicStatuses = [ResourceStatus.ACTIVE, ResourceStatus.TEMPORARILY_CLOSED];
  const existing = await em.find(
    Resource,
    { status: { $in: publicStatuses } },
    { orderBy: { name: 'asc', id: 'asc' } },
  );
  const locations = await em.find(
    Location,
    {},
    { orderBy: { name: 'asc', id: 'asc' }, populate: ['organization'] },
  );
  for (let i = 0; existing.length < count; i += 1) {
    const location = locations[i % locations.length];
    const resource = em.create(Resource, {
      organization: location.organization,
      name: `Drop-in Hours ${i + 1} at ${location.name}`,
      categoryIds: ['peer-drop-in'],
      languages: ['en', 'es'],
      acceptsReferrals: true,
      capacity: Object.assign(new Capacity(), {
        unit: 'places',
        available: i % 7,
        maximum: 12,
        updatedAt: new Date(),
      }),
    });
    resource.locations.add(location);
    existing.push(resource);
  }
  await em.flush();
  return existing.slice(0, count).map((r) => r.id);
}

const MATCH = `query($input: MatchPeersInput!) { matchPeers(input: $input) {
  score reasons distanceKm openPlaces peer { id displayName pronouns languages availability }
} }`;
interface MatchData {
  matchPeers: {
    score: number;
    reasons: string[];
    distanceKm: number | null;
    openPlaces: number;
    peer: {
      id: string;
      displayName: string;
      pronouns: string | null;
      languages: string[];
      availability: string;
    };
  }[];
}
const SAVED = `query($id: ID!) { peer(id: $id) {
  savedResources { id name capacity { unit available maximum } locations { openNow } }
} }`;
interface SavedData {
  peer: {
    savedResources: ({
      id: string;
      name: string;
      capacity: { unit: string; available: number | null; maximum: number | null } | null;
      locations: { openNow: boolean | null }[];
    } | null)[];
  } | null;
}

const SAVED_PLAIN = `query($id: ID!) { peer(id: $id) { savedResources { id name capacity { unit available maximum } } } }`;

const LANGUAGE_WISHES = [
  ['es'],
  ['es'],
  ['en'],
  ['vi'],
  ['zh'],
  ['tl'],
  ['ko'],
  ['ru'],
  ['hy'],
  ['fa'],
  ['pa'],
  ['ar'],
];
const LIVED_WISHES = [
  ['JUSTICE_INVOLVEMENT'],
  ['SUBSTANCE_USE'],
  ['HOMELESSNESS'],
  ['MENTAL_HEALTH'],
  ['VETERAN'],
  ['JUSTICE_INVOLVEMENT', 'SUBSTANCE_USE'],
  [],
];
const SPECIALIZATION_WISHES = [
  ['JUSTICE_INVOLVED'],
  ['UNHOUSED'],
  ['CRISIS_CARE'],
  ['PARENT_CAREGIVER_FAMILY'],
  [],
];

/** A person somewhere in the directory's cities, with the wishes a planner would enter. */
function matchInput(d: Dice): Record<string, unknown> {
  const city = d.pick(SAMPLE_CITIES);
  const hood = d.pick(city.neighborhoods);
  return {
    near: {
      latitude: hood.latitude + (d.float() - 0.5) * 0.02,
      longitude: hood.longitude + (d.float() - 0.5) * 0.02,
    },
    county: city.county,
    languages: d.pick(LANGUAGE_WISHES),
    livedExperience: d.pick(LIVED_WISHES),
    specializations: d.pick(SPECIALIZATION_WISHES),
    ...(d.chance(0.2) ? { pronouns: [d.pick(['she/her', 'he/him', 'they/them'])] } : {}),
    first: 10,
  };
}

/** npm run bench:peers: matchPeers over 5,000 peers, and a saved list of 100 listings, through the gateway. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      peers: { type: 'string', default: '5000' },
      requests: { type: 'string', default: '1000' },
      saved: { type: 'string', default: '100' },
    },
  });
  const peerCount = Number(values.peers);
  const requests = Number(values.requests);
  const savedCount = Number(values.saved);
  await withScratchPostgres('peers', (server) => measure(server, peerCount, requests, savedCount));
}

async function measure(
  server: EmbeddedServer,
  peerCount: number,
  requests: number,
  savedCount: number,
): Promise<void> {
  const stack = await startStack(server, { maxCost: 5000, throughTaps: ['resources'] });
  try {
    await loadSampleIfEmpty(stack.orms.resources);
    const loadStart = Date.now();
    const added = await loadPeers(stack.orms.peers, samplePeersAsOfToday(peerCount));
    console.log(`Loaded ${added} peers in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);
    await stack.orms.peers.em.getConnection().execute('analyze peer');

    const planner = await bearerToken(stack.jwtSecret, {
      sub: 'bench-planner',
      roles: ['discharge_planner'],
    });

    // matchPeers: a deterministic stream of people across the six cities; warm up first.
    const warm = new Dice(7);
    await timeEach(100, () =>
      queryData(stack.gatewayUrl, MATCH, { input: matchInput(warm) }, planner),
    );
    const d = new Dice(42);
    let returned = 0;
    const matchSamples = await timeEach(requests, async () => {
      const data = await queryData<MatchData>(
        stack.gatewayUrl,
        MATCH,
        { input: matchInput(d) },
        planner,
      );
      returned += data.matchPeers.length;
    });
    const match = latency(matchSamples);
    console.log(
      `matchPeers over ${peerCount} peers (near + county + wishes): p50 ${match.p50} ms, p95 ${match.p95} ms, p99 ${match.p99} ms`,
    );

    // The floor: the cheapest peers query through the same gateway, for comparison.
    const [someone] = await stack.orms.peers.em
      .fork()
      .find(Peer, {}, { orderBy: { id: 'asc' }, limit: 1 });
    const floorSamples = await timeEach(Math.min(500, requests), async () => {
      await queryData(
        stack.gatewayUrl,
        'query($id: ID!) { peer(id: $id) { id displayName } }',
        { id: someone.id },
        planner,
      );
    });
    const floor = latency(floorSamples);
    console.log(
      `peer(id) { id displayName } (the gateway floor): p50 ${floor.p50} ms, p95 ${floor.p95} ms`,
    );

    // The worst case: no location at all, so every peer with a free place is a candidate.
    const wide = new Dice(43);
    const wideSamples = await timeEach(Math.min(200, requests), async () => {
      const { near: _near, county: _county, ...input } = matchInput(wide);
      await queryData(stack.gatewayUrl, MATCH, { input }, planner);
    });
    const anywhere = latency(wideSamples);
    console.log(
      `matchPeers with no location (every peer a candidate): p50 ${anywhere.p50} ms, p95 ${anywhere.p95} ms`,
    );

    // The same people with the in-memory index off: the Postgres path, taken while the index is
    // rebuilt after a change or while its listener is down.
    const index = peersSubgraph.servicesOf(stack.subgraphs.peers).candidates;
    index.stopListening();
    const sqlDice = new Dice(42);
    const sqlSamples = await timeEach(Math.min(300, requests), () =>
      queryData(stack.gatewayUrl, MATCH, { input: matchInput(sqlDice) }, planner),
    );
    const sqlPath = latency(sqlSamples);
    index.startListening();
    await index.rebuild();
    console.log(
      `matchPeers through Postgres (index off): p50 ${sqlPath.p50} ms, p95 ${sqlPath.p95} ms`,
    );

    // A peer's saved list of `savedCount` listings, with live openNow and capacity.
    const [peer] = await stack.orms.peers.em
      .fork()
      .find(Peer, {}, { orderBy: { id: 'asc' }, limit: 1 });
    const peerToken = await bearerToken(stack.jwtSecret, {
      sub: 'bench-peer',
      roles: ['peer'],
      peer: peer.id,
    });
    const ids = await publicListings(stack.orms.resources, savedCount);
    for (const [i, id] of ids.entries()) {
      await queryData(
        stack.gatewayUrl,
        'mutation($r: ID!, $f: String) { saveResource(resourceId: $r, folder: $f) { id } }',
        { r: id, f: i % 2 ? 'Housing' : 'Tonight' },
        peerToken,
      );
    }
    await timeEach(20, () => queryData(stack.gatewayUrl, SAVED, { id: peer.id }, peerToken));
    stack.taps.resources.clear();
    let listed = 0;
    const savedRuns = Math.min(200, requests);
    const savedSamples = await timeEach(savedRuns, async () => {
      const data = await queryData<SavedData>(stack.gatewayUrl, SAVED, { id: peer.id }, peerToken);
      listed = data.peer!.savedResources.filter((r) => r && r.locations.length > 0).length;
    });
    const fetches = stack.taps.resources.entityRequests();
    const saved = latency(savedSamples);
    const plainSamples = await timeEach(savedRuns, () =>
      queryData(stack.gatewayUrl, SAVED_PLAIN, { id: peer.id }, peerToken),
    );
    const plain = latency(plainSamples);
    const fetchesPerQuery = fetches.length / savedRuns;
    const representations = Math.max(...fetches.map((f) => f.representations));
    console.log(
      `saved list of ${savedCount}: p50 ${saved.p50} ms, p95 ${saved.p95} ms; ${fetchesPerQuery} _entities fetch(es) to resources per query, ${representations} listings each`,
    );

    const result: PeersRun = {
      date: new Date().toISOString(),
      machine: describeMachine(),
      peers: peerCount,
      matchPeers: { ...match, averageMatchesReturned: Math.round((returned / requests) * 10) / 10 },
      matchPeersNoLocation: anywhere,
      matchPeersThroughPostgres: sqlPath,
      gatewayFloor: floor,
      savedList: {
        listings: savedCount,
        listingsWithLocations: listed,
        ...saved,
        entityFetchesPerQuery: fetchesPerQuery,
        representationsPerFetch: representations,
      },
      savedListWithoutOpenNow: plain,
    };
    writeBenchResults('peers.json', result);
    writeBenchmarkSection('peers', report(result));
    console.log('Results in BENCHMARKS.md and bench-results/peers.json');
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
