import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Knex } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { Dice } from '../../seed/dice';
import { ANONYMOUS } from '../../subgraphs/kit/identity';
import { projectRoot } from '../../subgraphs/kit/paths';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../../subgraphs/kit/postgres';
import { CategoryService } from '../../subgraphs/resources/category/category.service';
import { initResourcesOrm } from '../../subgraphs/resources/orm';
import { Population } from '../../subgraphs/resources/resource/resource.enums';
import { PostgresSearch } from '../../subgraphs/resources/search/postgres-search';
import type { ResourceSearchInput } from '../../subgraphs/resources/search/search.inputs';
import { SearchService } from '../../subgraphs/resources/search/search.service';
import { SearchSort } from '../../subgraphs/resources/search/search.types';
import { BENCH_METROS } from '../../seed/scale';
import { graphQLRequest, runLoad, type LoadRequest } from './load';
import { memoryKb, writeBenchmarkSection, writeBenchResults } from './report';
import {
  QUERY_TYPES,
  report,
  table,
  type SearchRun,
  type SizeResult,
  type SlowSearch,
} from './search-report';
import {
  checkTargets,
  measurePaths,
  type PathResult,
  type PathTarget,
  type TargetCheck,
} from './search-layers';
import {
  freePort,
  startGatewayProcess,
  startHiveGatewayProcess,
  startServiceProcess,
  type ServiceProcess,
} from './stack';
import { prepareDirectory } from './directory';
import { measureFreshness, type FreshnessResult } from './search-freshness';
import { latency } from './stats';
import { measureRelevance, relevanceReport, type RelevanceScore } from './relevance';

/** The relevance check's scores of this run, per size and engine (scripts/bench/relevance.ts). */
const relevanceRuns: RelevanceScore[] = [];

/**
 * npm run bench:search [-- --sizes 100000,1000000 --per-type 400 --clients 8 --profile <folder>
 *   --freshness-edits 200 --setup-only | --report <run.json>] (`--sizes 10000 --per-type 40` for a
 *   quick run)
 * Builds (once, kept under .data/bench) a directory of each size with the set-based generator,
 * starts the resources subgraph, the Apollo Gateway and the Hive Gateway as their own processes, and
 * measures the four query types, each alone, with one client and with many, through each gateway,
 * straight to the subgraph (signed), and inside Postgres (EXPLAIN ANALYZE), with each process's CPU
 * per search, the floor, issue 18's targets, the subgraph's memory, and how soon an edit is found by
 * search (search-freshness.ts). Results: bench-results/*.json.
 */

type QueryType = (typeof QUERY_TYPES)[number];

/** Every process of the bench runs as docker-compose runs it in production. */
const PRODUCTION = { NODE_ENV: 'production' };
/** The issuer and audience the gateway's tokens must name, which production requires. */
const DEPLOYMENT = { issuer: 'https://hub.bench.invalid', audience: 'referral-hub-bench' };

const QUERY = `query Search($input: ResourceSearchInput!) {
  searchResources(input: $input) {
    totalCount
    hits { distanceKm openNow nextOpenAt resource { id name } location { id name } }
    facets { field values { value count } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const TEXT_WITH_CATEGORY: [string, string][] = [
  ['pantry', 'food'],
  ['fod pantry', 'food'],
  ['shelter', 'housing'],
  ['beds', 'housing'],
  ['clinic', 'clinics'],
  ['mental health', 'clinics'],
  ['job training', 'employment'],
  ['reentry', 'employment'],
  ['meals', 'food'],
  ['sober living', 'housing'],
  ['MAT', 'clinics'],
  ['drop-in', 'peer-drop-in'],
];
const TEXT_ONLY = [
  'food pantry',
  'shelter',
  'detox',
  'MAT',
  'legal aid',
  'showers',
  'job',
  'sober living',
  'crisis line',
  'dental',
  'cafe',
  'emergency housing',
];
const POPULATIONS = [
  Population.PEOPLE_LEAVING_JAIL,
  Population.PEOPLE_EXPERIENCING_HOMELESSNESS,
  Population.PEOPLE_IN_RECOVERY,
  Population.VETERANS,
];

function queries(perType: number, seed: number): { type: QueryType; input: ResourceSearchInput }[] {
  const d = new Dice(seed);
  const metros = BENCH_METROS.map((m) => [m, m.weight] as const);
  const near = () => {
    const metro = d.weighted(metros);
    const km = 15 * Math.sqrt(d.float());
    const a = 2 * Math.PI * d.float();
    return {
      lat: metro.lat + (km * Math.cos(a)) / 111,
      lng: metro.lng + (km * Math.sin(a)) / (111 * Math.cos((metro.lat * Math.PI) / 180)),
    };
  };
  const out: { type: QueryType; input: ResourceSearchInput }[] = [];
  for (let i = 0; i < perType; i++) {
    const [text, category] = d.pick(TEXT_WITH_CATEGORY);
    out.push({
      type: 'a_text_near_category',
      input: { text, near: near(), categories: [category], first: 20 },
    });
    out.push({
      type: 'b_near_by_distance',
      input: { near: near(), sort: SearchSort.DISTANCE, first: 20 },
    });
    out.push({ type: 'c_text_only', input: { text: d.pick(TEXT_ONLY), first: 20 } });
    out.push({
      type: 'd_near_open_capacity_population',
      input: {
        near: near(),
        openNow: true,
        hasCapacity: true,
        populations: [d.pick(POPULATIONS)],
        first: 20,
      },
    });
  }
  return out;
}

const searchRequests = (items: { type: QueryType; input: ResourceSearchInput }[]): LoadRequest[] =>
  items.map((item) => graphQLRequest(item.type, QUERY, { input: item.input }));

/** A node of a JSON plan, with what `explain (analyze, buffers)` adds. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Actual Total Time': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

/** A row of `explain (analyze, buffers, format json)`: the plan, with its timings in milliseconds. */
interface ExplainRow {
  'QUERY PLAN': { 'Planning Time': number; 'Execution Time': number; Plan: PlanNode }[];
}

/** The plan's nodes that took longest (by their own time, children's excluded), as lines to read. */
function slowNodes(root: PlanNode, count = 6): string[] {
  const nodes: { self: number; line: string }[] = [];
  const walk = (node: PlanNode) => {
    const children = node.Plans ?? [];
    const total = node['Actual Total Time'] * node['Actual Loops'];
    const childTotal = children.reduce(
      (sum, c) => sum + c['Actual Total Time'] * c['Actual Loops'],
      0,
    );
    const on = node['Index Name'] ?? node['Relation Name'];
    nodes.push({
      self: total - childTotal,
      line: `${node['Node Type']}${on ? ` on ${on}` : ''}: ${(total - childTotal).toFixed(1)} ms own, ${node['Actual Rows'] * node['Actual Loops']} rows, shared hit ${node['Shared Hit Blocks']} / read ${node['Shared Read Blocks']} blocks`,
    });
    children.forEach(walk);
  };
  walk(root);
  return nodes
    .sort((a, b) => b.self - a.self)
    .slice(0, count)
    .map((n) => n.line);
}

/**
 * The floor of the stack on this machine, under the same load: what no search can beat. `{ __typename }`
 * is answered by the gateway alone; a listing by id is the gateway, the subgraph and one primary-key
 * lookup, with the same client, the same 8 connections and the same processes as the searches.
 */
async function floorRequests(
  knex: Knex,
  n: number,
): Promise<{ typename: LoadRequest[]; byId: LoadRequest[] }> {
  const ids = (
    await knex.raw<{ rows: { id: string }[] }>('select id from resource order by id limit 1000')
  ).rows.map((r) => r.id);
  return {
    typename: Array.from({ length: n }, () =>
      graphQLRequest('floor_typename', '{ __typename }', {}),
    ),
    byId: Array.from({ length: n }, (_, i) =>
      graphQLRequest(
        'floor_resource_by_id',
        'query R($id: ID!) { resource(id: $id) { id name } }',
        { id: ids[i % ids.length] },
      ),
    ),
  };
}

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const { rss, peak } = memoryKb(pid);
  return { rssMb: Math.round(rss / 1024), peakRssMb: Math.round(peak / 1024) };
}

interface Options {
  /** A folder for the subgraph's and the Apollo Gateway's CPU profiles (node --cpu-prof). */
  profile?: string;
  perType: number;
  clients: number;
  setupOnly: boolean;
  /** Stops the Postgres server and starts it again on the same data and port. */
  restartPostgres: () => Promise<void>;
  /** The postmaster's process id now (from postmaster.pid). */
  postgresPid: () => number;
  /** Edits timed from answer to searchable, after the other measurements; 0 leaves them out. */
  freshnessEdits: number;
}

async function benchSize(
  server: EmbeddedServer,
  size: number,
  options: Options,
): Promise<SizeResult | null> {
  const { perType, clients } = options;
  const url = server.urlFor(`bench_${size}`);
  await ensureDatabase(url);
  let orm = await initResourcesOrm(url);
  let knex = orm.em.getConnection().getKnex();
  const setup = await prepareDirectory(knex, size);
  const counts = (
    await knex.raw<{
      rows: Record<string, unknown>[];
    }>(`select (select count(*) from search_document)::int as documents,
    (select count(*) from resource)::int as resources, (select count(*) from location)::int as locations,
    pg_size_pretty(pg_total_relation_size('search_document')) as index_size`)
  ).rows[0];
  console.log(`size ${size}:`, counts, setup);
  if (options.setupOnly) {
    await orm.close(true);
    return null;
  }
  // Cold: Postgres just restarted, its shared buffers empty. The OS file cache stays (dropping it
  // needs a privilege this machine does not give), so "cold" here is Postgres's cache, not the disk.
  await orm.close(true);
  await options.restartPostgres();
  orm = await initResourcesOrm(url);
  knex = orm.em.getConnection().getKnex();
  const engine = new PostgresSearch(knex);
  console.log('engine time, cold after a restart (EXPLAIN ANALYZE)...');
  const engineCold = await explainAll(orm, engine, queries(Math.min(perType, 60), 1042));
  relevanceRuns.push(...(await measureRelevance(orm, size)));

  const secrets = {
    identitySecret: randomBytes(32).toString('hex'),
    jwtSecret: randomBytes(32).toString('hex'),
  };
  const subgraphPort = await freePort();
  const subgraph = await startServiceProcess(
    'subgraphs/resources/main.js',
    subgraphPort,
    {
      ...PRODUCTION,
      RESOURCES_DATABASE_URL: url,
      RESOURCES_PORT: String(subgraphPort),
      IDENTITY_SIGNING_SECRET: secrets.identitySecret,
      MEILI_HOST: '',
    },
    'dist',
    profiling(options),
  );
  const loadBefore = loadavg()[0];
  const gateways: ServiceProcess[] = [];
  try {
    const paths = await measureLayers(knex, subgraph, secrets, gateways, options);
    const memory = memoryOf(subgraph.pid);
    console.log('engine time (EXPLAIN ANALYZE)...');
    const engineTime = await explainAll(orm, engine, queries(Math.min(perType, 60), 42));
    console.log(JSON.stringify(engineTime));
    // Other work on the machine competes for its two cores: say how busy it was.
    const machineLoad = { before: loadBefore, after: loadavg()[0] };
    // measureLayers starts the Apollo Gateway first.
    const apollo = gateways[0];
    let freshness: FreshnessResult | undefined;
    if (options.freshnessEdits > 0) {
      console.log(`change → searchable, ${options.freshnessEdits} edits...`);
      freshness = await measureFreshness(knex, {
        url: apollo.url,
        jwtSecret: secrets.jwtSecret,
        deployment: DEPLOYMENT,
        edits: options.freshnessEdits,
      });
      console.log(JSON.stringify(freshness.searchable), `failures: ${freshness.failures}`);
    }
    return {
      size,
      counts,
      setup,
      ...paths,
      targets: targetsOf(paths.paths, engineTime),
      engine: engineTime,
      engineCold,
      subgraphMemory: memory,
      clients,
      perType,
      oneClient: oneClientCount(perType),
      machineLoad,
      ...(freshness ? { freshness } : {}),
    };
  } finally {
    for (const gateway of gateways) await gateway.stop();
    await subgraph.stop();
    await orm.close(true);
  }
}

/** The environment that makes a Node process write its CPU profile into the folder asked for, at exit. */
const profiling = (options: Options): string[] =>
  options.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.profile)}`] : [];

const oneClientCount = (perType: number) => Math.min(perType, 60);

/**
 * Issue 18's measurements: each query type alone through the Apollo Gateway, the Hive Gateway and
 * straight to the subgraph (signed), with one client and with many, and the floor each way.
 */
async function measureLayers(
  knex: Knex,
  subgraph: ServiceProcess,
  secrets: { identitySecret: string; jwtSecret: string },
  gateways: ServiceProcess[],
  options: Options,
): Promise<Pick<SizeResult, 'paths' | 'typenameFloor'>> {
  const { perType, clients } = options;
  const apollo = await startGatewayProcess(
    secrets,
    { resources: subgraph.url },
    profiling(options),
    { ...PRODUCTION, AUTH_ISSUER: DEPLOYMENT.issuer, AUTH_AUDIENCE: DEPLOYMENT.audience },
  );
  gateways.push(apollo);
  const hive = await startHiveGatewayProcess(
    secrets.identitySecret,
    { resources: subgraph.url },
    PRODUCTION,
  );
  gateways.push(hive);
  const work = queries(perType, 42);
  const searches = Object.fromEntries(
    QUERY_TYPES.map((t) => [t, searchRequests(work.filter((w) => w.type === t))]),
  );
  const cheapest = await floorRequests(knex, Math.max(1000, 2 * perType));
  const plan = {
    warmUp: searchRequests(queries(30, 7)),
    searches,
    floor: cheapest.byId,
    oneClient: oneClientCount(perType),
    clients,
  };
  const postgres = options.postgresPid();
  const targets: PathTarget[] = [
    {
      name: 'apollo',
      url: apollo.url,
      pids: { subgraph: subgraph.pid, gateway: apollo.pid, postgres },
    },
    { name: 'hive', url: hive.url, pids: { subgraph: subgraph.pid, gateway: hive.pid, postgres } },
    {
      name: 'direct',
      url: subgraph.url,
      pids: { subgraph: subgraph.pid, postgres },
      signAs: { identity: ANONYMOUS, secret: secrets.identitySecret, audience: 'resources' },
    },
  ];
  const paths = await measurePaths(targets, plan);
  const typename = await runLoad({ url: apollo.url, requests: cheapest.typename, clients });
  return {
    paths,
    typenameFloor: { ...typename.byType.floor_typename, qps: typename.qps },
  };
}

function targetsOf(
  paths: PathResult[],
  engine: Record<string, { p50: number }>,
): Record<string, Record<string, TargetCheck>> {
  return Object.fromEntries(
    paths
      .filter((p) => p.name !== 'direct')
      .map((p) => [
        p.name,
        Object.fromEntries(QUERY_TYPES.map((t) => [t, checkTargets(p, t, engine[t].p50)])),
      ]),
  );
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
  const listener = (data: { sql: string; bindings?: unknown[] }) =>
    captured.push({ sql: data.sql, bindings: data.bindings ?? [] });
  const times: Record<string, number[]> = {};
  const statements: Record<string, number[]> = {};
  const slowest: Record<string, SlowSearch> = {};
  // Timed without the per-node clock, which adds to every row a node passes on (at 100,000,
  // 1 ms or 5 to 15% of these searches); a new slowest search is explained again with it, for
  // where its time went.
  const explain = (s: (typeof captured)[number], timing: boolean) =>
    pg
      .query<ExplainRow>(
        `explain (analyze,${timing ? '' : ' timing off,'} buffers, format json) ${s.sql}`,
        s.bindings,
      )
      .then((result) => result.rows[0]['QUERY PLAN'][0]);
  for (const item of work) {
    const em = orm.em.fork();
    const service = new SearchService(
      Promise.resolve(engine),
      new CategoryService(em),
      ANONYMOUS,
      knex,
    );
    captured.length = 0;
    knex.on('query', listener);
    await service.search(item.input, { total: true, facets: true });
    knex.removeListener('query', listener);
    const plans = [];
    for (const s of captured) plans.push(await explain(s, false));
    const ms = plans.reduce((sum, p) => sum + p['Planning Time'] + p['Execution Time'], 0);
    if (ms > (slowest[item.type]?.ms ?? -1)) {
      const explained: SlowSearch['statements'] = [];
      for (const [i, plan] of plans.entries()) {
        explained.push({
          ms: Math.round((plan['Planning Time'] + plan['Execution Time']) * 100) / 100,
          sharedHit: plan.Plan['Shared Hit Blocks'],
          sharedRead: plan.Plan['Shared Read Blocks'],
          slowNodes: slowNodes((await explain(captured[i], true)).Plan),
        });
      }
      slowest[item.type] = {
        ms: Math.round(ms * 100) / 100,
        input: item.input,
        statements: explained,
      };
    }
    (times[item.type] ??= []).push(ms);
    (statements[item.type] ??= []).push(captured.length);
  }
  await pg.end();
  return Object.fromEntries(
    QUERY_TYPES.map((t) => [
      t,
      {
        ...latency(times[t] ?? []),
        statementsPerSearch: Math.max(...(statements[t] ?? [0])),
        slowest: slowest[t],
      },
    ]),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100000,1000000' },
      'per-type': { type: 'string', default: '400' },
      clients: { type: 'string', default: '8' },
      /** Edits timed from answer to searchable (issue 18's "change → searchable"); 0 skips them. */
      'freshness-edits': { type: 'string', default: '200' },
      'setup-only': { type: 'boolean', default: false },
      /** Writes the subgraph's and the Apollo Gateway's CPU profiles (.cpuprofile) into this folder. */
      profile: { type: 'string' },
      /** Writes BENCHMARKS.md's search section again from a run's JSON, without running anything. */
      report: { type: 'string' },
    },
  });
  if (values.report) {
    writeBenchmarkSection(
      'search',
      report(JSON.parse(readFileSync(values.report, 'utf8')) as SearchRun),
    );
    return;
  }
  const sizes = values.sizes.split(',').map(Number);
  const options: Omit<Options, 'restartPostgres' | 'postgresPid'> = {
    perType: Number(values['per-type']),
    clients: Number(values.clients),
    setupOnly: values['setup-only'],
    freshnessEdits: Number(values['freshness-edits']),
    profile: values.profile,
  };
  if (!Number.isInteger(options.freshnessEdits) || options.freshnessEdits < 0)
    throw new Error('--freshness-edits takes a whole number (0 leaves the edits out)');
  const dataDir = resolve(projectRoot(), '.data', 'bench', 'postgres');
  mkdirSync(resolve(dataDir, '..'), { recursive: true });
  const port = await freePort();
  let server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  // Postgres's defaults (128 MB of shared buffers, 4 MB of work memory) are for a tiny machine; a
  // directory server gets memory for its index. Set once, then restart to apply.
  const admin = new Client({ connectionString: server.urlFor('postgres') });
  await admin.connect();
  const settings = {
    shared_buffers: '1GB',
    work_mem: '32MB',
    effective_cache_size: '8GB',
    random_page_cost: '1.1',
  };
  const current = (
    await admin.query('select name, setting, unit from pg_settings where name = any($1)', [
      Object.keys(settings),
    ])
  ).rows;
  for (const [name, value] of Object.entries(settings))
    await admin.query(`alter system set ${name} = '${value}'`);
  await admin.end();
  if (
    !current.some(
      (r: { name: string; setting: string }) =>
        r.name === 'shared_buffers' && r.setting === '131072',
    )
  ) {
    await server.stop();
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  }
  const postgresPid = () =>
    Number(readFileSync(resolve(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const restartPostgres = async () => {
    await server.stop();
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  };
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      const result = await benchSize(server, size, { ...options, restartPostgres, postgresPid });
      if (result) results.push(result);
    }
  } finally {
    await server.stop();
  }
  if (results.length === 0) return;
  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const data: SearchRun = { machine, postgres: settings, at: new Date().toISOString(), results };
  const file = writeBenchResults(`search-${data.at.replace(/[:.]/g, '-')}.json`, data);
  writeBenchmarkSection('search', report(data));
  writeBenchmarkSection('search-relevance', relevanceReport(relevanceRuns, data.at));
  console.log(
    `\nMachine: ${JSON.stringify(machine)}\nPostgres: ${JSON.stringify(settings)}\n${table(results, cpus().length)}\n\nwrote ${file}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
