import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importSampleIfEmpty } from '../../seed/import-sample';
import { createLogger } from '../../subgraphs/kit/logger';
import { projectRoot } from '../../subgraphs/kit/paths';
import { ensureDatabase, type EmbeddedServer } from '../../subgraphs/kit/postgres';
import { Resource } from '../../subgraphs/resources/resource/resource.entity';
import { ResourceStatus } from '../../subgraphs/resources/resource/resource.enums';
import { SUBGRAPHS } from '../subgraphs';
import { bearerToken } from './client';
import { graphQLRequest, runLoad, type LoadRequest, type LoadResult } from './load';
import {
  describeMachine,
  memoryKb,
  wrapMarkdown,
  writeBenchmarkSection,
  writeBenchResults,
} from './report';
import {
  freePort,
  scratchFolder,
  startGatewayProcess,
  startScratchPostgres,
  startServiceProcess,
  type ServiceProcess,
} from './stack';

/**
 * npm run bench:faults [-- --soak-seconds 60 --rate 20 --no-fault-runs]: the production-shape
 * figures in one section of BENCHMARKS.md.
 *
 * - The soak: every subgraph and the gateway as processes of their own (as docker-compose runs
 *   them) on one scratch Postgres, a steady open-loop mix of reads, searches, edits and referrals
 *   through the gateway, each process's VmRSS sampled every second from /proc.
 * - The fault runs (kill -9 of referrals, Postgres stopped, the search engine away) and the
 *   replicas' "searchable within a second" are the project's own tests in test/faults/ and
 *   test/replicas.test.ts: the bench runs them (vitest) and reports the counts and timings they
 *   record in bench-results/faults/. One copy of each scenario, with the assertions that make its
 *   figures mean something; `--no-fault-runs` reports the figures of their last run instead.
 */

const MARK = 'faults';
const WARM_UP_SECONDS = 10;
const FAULT_TESTS = ['test/faults/', 'test/replicas.test.ts'];
const FIGURES = [
  'referrals-kill',
  'database-outage',
  'search-outage-postgres',
  'replicas-searchable',
];

const READ = 'query($id: ID!) { resource(id: $id) { id name organization { name } } }';
const SEARCH =
  'query($q: String!) { searchResources(input: { text: $q, first: 10 }) { totalCount hits { resource { id name } } } }';
const EDIT =
  'mutation($id: ID!, $v: Int!, $input: UpdateResourceInput!) { updateResource(id: $id, expectedVersion: $v, input: $input) { version } }';
const REFER = `mutation Refer($input: CreateReferralInput!, $key: String!) {
  createReferral(input: $input, idempotencyKey: $key) { id status }
}`;
const WORDS = ['shelter', 'food', 'clinic', 'legal aid', 'housing', 'dental', 'youth', 'meals'];

interface Listing {
  id: string;
  version: number;
  acceptsReferrals: boolean;
}

interface RssSample {
  second: number;
  kb: Record<string, number>;
}

interface SoakResult {
  seconds: number;
  ratePerSecond: number;
  mix: Record<string, number>;
  load: LoadResult;
  rss: {
    process: string;
    firstMb: number;
    lastMb: number;
    growthPercent: number;
    /** The lowest and highest sample of the soak: a collector's sawtooth, or a climb. */
    minMb: number;
    maxMb: number;
  }[];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/**
 * The mix, one request every 1/rate s: of each 10, 4 reads, 3 searches, 2 edits, 1 referral. Edits
 * go round the listings, so each listing's next edit comes long after its last was answered and
 * its version is known ahead (a wrong guess would show as an error).
 */
function soakRequests(
  count: number,
  listings: Listing[],
  tokens: { admin: string; planner: string },
): LoadRequest[] {
  const versions = new Map(listings.map((l) => [l.id, l.version]));
  const referable = listings.filter((l) => l.acceptsReferrals);
  const admin = { authorization: `Bearer ${tokens.admin}` };
  const planner = { authorization: `Bearer ${tokens.planner}` };
  const expectedDischargeAt = new Date(Date.now() + 86_400_000).toISOString();
  let edits = 0;
  return Array.from({ length: count }, (_, i) => {
    const slot = i % 10;
    const listing = listings[i % listings.length];
    if (slot < 4) return graphQLRequest('read', READ, { id: listing.id });
    if (slot < 7) return graphQLRequest('search', SEARCH, { q: WORDS[i % WORDS.length] });
    if (slot < 9) {
      const target = listings[edits++ % listings.length];
      const v = versions.get(target.id)!;
      versions.set(target.id, v + 1);
      return graphQLRequest(
        'edit',
        EDIT,
        { id: target.id, v, input: { description: `Soak edit ${i}: open as usual.` } },
        admin,
      );
    }
    const input = {
      person: {
        displayName: `Soak ${i}`,
        preferredLanguage: 'en',
        contactMethod: 'THROUGH_PEER',
        contactAllowed: true,
      },
      needs: ['emergency-shelter'],
      resourceId: referable[i % referable.length].id,
      setting: 'HOSPITAL',
      expectedDischargeAt,
      urgency: 'URGENT',
    };
    return graphQLRequest('referral', REFER, { input, key: randomUUID() }, planner);
  });
}

async function soak(server: EmbeddedServer, folder: string, seconds: number, rate: number) {
  const logger = createLogger('bench', 'silent');
  const identitySecret = randomBytes(32).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  const urls: Record<string, string> = {};
  const ports: Record<string, number> = {};
  const databases: Record<string, string> = {};
  for (const { definition } of SUBGRAPHS) {
    ports[definition.name] = await freePort();
    urls[definition.name] = `http://127.0.0.1:${ports[definition.name]}/graphql`;
    databases[definition.name] = server.urlFor(`bench_${definition.name}`);
    await ensureDatabase(databases[definition.name]);
  }
  // The sample directory, written before the resources process starts (as npm start seeds it).
  const resourcesDefinition = SUBGRAPHS[0].definition;
  const orm = await resourcesDefinition.initOrm(databases.resources, logger);
  await importSampleIfEmpty(orm);
  const listings: Listing[] = (
    await orm.em
      .fork()
      .find(Resource, { status: ResourceStatus.ACTIVE }, { orderBy: { id: 'asc' } })
  ).map((r) => ({ id: r.id, version: r.version, acceptsReferrals: r.acceptsReferrals }));
  await orm.close(true);

  const processes: Record<string, ServiceProcess> = {};
  try {
    for (const { definition } of SUBGRAPHS) {
      const name = definition.name;
      processes[name] = await startServiceProcess(`subgraphs/${name}/main.js`, ports[name], {
        [`${name.toUpperCase()}_PORT`]: String(ports[name]),
        [`${name.toUpperCase()}_DATABASE_URL`]: databases[name],
        IDENTITY_SIGNING_SECRET: identitySecret,
        DATA_DIR: resolve(folder, 'data'),
        MEILI_HOST: '',
        ...Object.fromEntries(
          Object.entries(urls).map(([other, url]) => [`${other.toUpperCase()}_URL`, url]),
        ),
      });
    }
    processes.gateway = await startGatewayProcess({ identitySecret, jwtSecret }, urls);
    const tokens = {
      admin: await bearerToken(jwtSecret, { sub: 'soak-admin', roles: ['admin'] }),
      planner: await bearerToken(jwtSecret, {
        sub: 'soak-planner',
        roles: ['discharge_planner'],
        org: 'soak-hospital',
      }),
    };
    const all = soakRequests(rate * (WARM_UP_SECONDS + seconds), listings, tokens);
    const url = processes.gateway.url;
    console.log(`warming up for ${WARM_UP_SECONDS} s at ${rate}/s...`);
    const warm = await runLoad({
      url,
      requests: all.slice(0, rate * WARM_UP_SECONDS),
      ratePerSecond: rate,
    });
    if (warm.errors) console.error(`${warm.errors} errors while warming up`);

    console.log(`soaking for ${seconds} s at ${rate}/s...`);
    const samples: RssSample[] = [];
    const started = Date.now();
    const sample = () =>
      samples.push({
        second: (Date.now() - started) / 1000,
        kb: Object.fromEntries(Object.entries(processes).map(([n, p]) => [n, memoryKb(p.pid).rss])),
      });
    sample();
    const timer = setInterval(sample, 1000);
    const requests = all.slice(rate * WARM_UP_SECONDS);
    const load = await runLoad({ url, requests, ratePerSecond: rate }).finally(() =>
      clearInterval(timer),
    );
    sample();
    const window = Math.min(10, seconds / 3);
    const first = samples.filter((s) => s.second < window);
    const last = samples.filter((s) => s.second > samples[samples.length - 1].second - window);
    const rss = Object.keys(processes).map((name) => {
      const firstKb = mean(first.map((s) => s.kb[name]));
      const lastKb = mean(last.map((s) => s.kb[name]));
      return {
        process: name,
        firstMb: mb(firstKb),
        lastMb: mb(lastKb),
        growthPercent: Math.round(((lastKb - firstKb) / firstKb) * 1000) / 10,
        minMb: mb(Math.min(...samples.map((s) => s.kb[name]))),
        maxMb: mb(Math.max(...samples.map((s) => s.kb[name]))),
      };
    });
    const mix: Record<string, number> = {};
    for (const r of requests) mix[r.type] = (mix[r.type] ?? 0) + 1;
    const result: SoakResult = { seconds, ratePerSecond: rate, mix, load, rss };
    return { result, samples };
  } finally {
    for (const p of Object.values(processes).reverse()) await p.stop();
  }
}

/** Runs the fault tests (they record their figures), and says whether they passed. */
function runFaultTests(): boolean {
  console.log(`running ${FAULT_TESTS.join(' ')} (vitest)...`);
  const run = spawnSync('npx', ['vitest', 'run', ...FAULT_TESTS], {
    cwd: projectRoot(),
    stdio: 'inherit',
  });
  return run.status === 0;
}

type Figures = Record<string, unknown> & { measuredAt: string };

function readFigures(): Record<string, Figures | null> {
  return Object.fromEntries(
    FIGURES.map((name) => {
      const file = resolve(projectRoot(), 'bench-results', 'faults', `${name}.json`);
      return [name, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Figures) : null];
    }),
  );
}

const seconds = (ms: unknown) => `${(Number(ms) / 1000).toFixed(1)} s`;

const plural = (type: string) => (type.endsWith('h') ? `${type}es` : `${type}s`);

function faultLines(figures: Record<string, Figures | null>): string[] {
  const item = (text: string) => wrapMarkdown(`- ${text}`, '  ');
  const none = (what: string) => item(`${what}: no figures (the test did not run or failed).`);
  const kill = figures['referrals-kill'];
  const outage = figures['database-outage'];
  const search = figures['search-outage-postgres'];
  const replicas = figures['replicas-searchable'];
  return [
    kill
      ? item(
          `**kill -9 of referrals** (a process of its own) during ${String(kill.asked)} ` +
            `createReferral calls from ${String(kill.clients)} clients that retry with their ` +
            `idempotency keys, killed after ${String(kill.killedAfterAnswers)} answers and ` +
            `started again 1 s later: ${String(kill.created)} referrals created, ` +
            `${String(kill.lost)} lost, ${String(kill.duplicated)} duplicated; ` +
            `${String(kill.failedTries)} tries failed meanwhile (503 or no answer). Restart to ` +
            `healthy ${seconds(kill.startToHealthyMs)}; kill to the first retried call answered ` +
            `${seconds(kill.killToFirstAnswerMs)}. Notifications undelivered when the calls ended: ` +
            `${String(kill.undeliveredAtEnd)}, all delivered ${seconds(kill.allDeliveredAfterMs)} ` +
            `later (NOTIFICATION_LEASE_SECONDS=${String(kill.notificationLeaseSeconds)}). ` +
            `Measured ${kill.measuredAt}.`,
        )
      : none('kill -9 of referrals'),
    outage
      ? item(
          `**Postgres stopped** for ${seconds(outage.outageMs)} under a mix of searches, writes, ` +
            `referral and peer reads (4 at a time, every 0.25 s): ${String(outage.requestsDuringGap)} ` +
            `answers during the gap, by status: ${Object.entries(
              outage.byStatus as Record<string, number>,
            )
              .map(([k, n]) => `${k} × ${n}`)
              .join(', ')}; the slowest took ${seconds(outage.slowestDuringGapMs)}. Every kind ` +
            `answered 200 again ${seconds(outage.firstFullSuccessAfterRestartMs)} after Postgres ` +
            `was back (asked every 0.5 s), no service restarted. Measured ${outage.measuredAt}.`,
        )
      : none('Postgres stopped'),
    search
      ? item(
          `**Search engine away** (the Postgres engine's index table made unreachable) for ` +
            `${seconds(search.outageMs)} while ${String(search.edits)} edits to ` +
            `${String(search.listings)} listings were made through the gateway ` +
            `(${String(search.editsLanded)} answered without error, in ${seconds(search.editsMs)}); ` +
            `${String(search.waitingAtReturn)} changes waited in the outbox; the index matched the ` +
            `database ${seconds(search.lagMs)} after the engine was back (every edited listing's ` +
            `name, languages and status; no extra, none missing). Measured ${search.measuredAt}.`,
        )
      : none('Search engine away'),
    replicas
      ? item(
          `**Replicas** (2 of each subgraph, 2 gateways, one Postgres): ${String(replicas.edits)} ` +
            `edits through one gateway, each searched for through the other every 50 ms from its ` +
            `answer on (all at once): found after p50 ${String(replicas.p50Ms)} ms, max ` +
            `${String(replicas.maxMs)} ms. Measured ${replicas.measuredAt}.`,
        )
      : none('Replicas'),
  ];
}

function report(
  soakResult: SoakResult,
  figures: Record<string, Figures | null>,
  testsPassed: boolean | null,
): string {
  const { load, rss } = soakResult;
  const over = rss
    .filter((r) => r.growthPercent >= 10)
    .map((r) => `${r.process} (${r.growthPercent} %)`);
  return [
    '## Faults, replicas and a soak (`npm run bench:faults`)',
    '',
    wrapMarkdown(
      `Machine: ${describeMachine()}. It was shared with other work while this ran (other ` +
        'test suites and builds), so the timings are indicative; the counts are not.',
    ),
    '',
    '### Soak',
    '',
    wrapMarkdown(
      'Method: the four subgraphs and the gateway each in a Node process of its own (as ' +
        'docker-compose runs them) on one scratch embedded Postgres with the sample directory; ' +
        `${WARM_UP_SECONDS} s of warm-up, then ${soakResult.seconds} s at a steady ` +
        `${soakResult.ratePerSecond} requests/s (open loop: sent on time whatever the answers) ` +
        'through the gateway. Of each 10: 4 reads (a resource and its organization), 3 searches, ' +
        '2 edits (updateResource) and 1 createReferral. VmRSS of each process is read from /proc ' +
        'every second; growth compares the mean of the first 10 s of the soak with the mean of ' +
        'its last 10 s (Postgres is not counted: its backends come and go).',
    ),
    '',
    wrapMarkdown(
      `Sent ${load.sent} (${Object.entries(soakResult.mix)
        .map(([t, n]) => `${n} ${plural(t)}`)
        .join(', ')}): **${load.errors} errors**, ${load.qps} answers/s.`,
    ),
    '',
    '| request | p50 ms | p95 ms | p99 ms | max ms |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(load.byType).map(
      ([type, l]) => `| ${type} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} |`,
    ),
    '',
    '| process | RSS first 10 s (MB) | RSS last 10 s (MB) | growth | lowest–highest sample (MB) |',
    '| --- | --- | --- | --- | --- |',
    ...rss.map(
      (r) =>
        `| ${r.process} | ${r.firstMb} | ${r.lastMb} | ${r.growthPercent} % | ${r.minMb}–${r.maxMb} |`,
    ),
    '',
    wrapMarkdown(
      over.length === 0
        ? 'Every process grew less than 10 % from the first to the last 10 s.'
        : `Grew 10 % or more from the first to the last 10 s: ${over.join(', ')}. Read it with ` +
            'the lowest and highest samples: a garbage collector that has not yet run a full ' +
            'collection climbs and then drops back (a sawtooth); a leak keeps climbing in a ' +
            'longer soak (`--soak-seconds`).',
    ),
    '',
    '### Fault runs',
    '',
    wrapMarkdown(
      (testsPassed === null
        ? 'Figures of the last run of the fault tests (`--no-fault-runs`), measured when each says. '
        : `This bench ran the fault tests (vitest): ${testsPassed ? 'all passed' : '**some failed**'}. `) +
        'Each scenario is a test in `test/faults/` or `test/replicas.test.ts` that asserts what ' +
        'must hold (nothing lost or doubled, 503 and never a 500, the index caught up within ' +
        '5 s); it records its counts and timings in `bench-results/faults/`, read here.',
    ),
    '',
    ...faultLines(figures),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'soak-seconds': { type: 'string', default: '60' },
      rate: { type: 'string', default: '20' },
      'no-fault-runs': { type: 'boolean', default: false },
    },
  });
  const soakSeconds = Number(values['soak-seconds']);
  const rate = Number(values.rate);
  if (!(soakSeconds >= 3) || !(rate >= 1)) throw new Error('--soak-seconds ≥ 3 and --rate ≥ 1');
  const testsPassed = values['no-fault-runs'] ? null : runFaultTests();
  const folder = scratchFolder('faults');
  const server = await startScratchPostgres(folder);
  try {
    const { result, samples } = await soak(server, folder, soakSeconds, rate);
    const figures = readFigures();
    const path = writeBenchResults('faults.json', { soak: result, samples, figures, testsPassed });
    console.log(JSON.stringify(result, null, 2));
    console.log(`raw figures: ${path}`);
    writeBenchmarkSection(MARK, report(result, figures, testsPassed));
    if (result.load.errors > 0 || testsPassed === false) process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
