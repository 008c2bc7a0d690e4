import type { Identity } from '../../subgraphs/kit/identity';
import { runLoad, type LoadRequest } from './load';
import { cpuMs, treeCpuMs } from './report';
import type { Latency } from './stats';

/**
 * One path to the resources subgraph measured for issue 18's targets: each query type alone, with
 * one client and with `clients` closed-loop clients, the process CPU each spent per request (from
 * /proc), and the floor (`resource(id) { id name }`) the same two ways.
 */

const hundredths = (x: number) => Math.round(x * 100) / 100;

/** CPU per request of each process, in ms. */
export interface CpuPerRequest {
  subgraphMs: number;
  /** Absent when the path has no gateway (straight to the subgraph). */
  gatewayMs?: number;
  /** Postgres's processes (postmaster, workers, backends); absent in runs before it was read. */
  postgresMs?: number;
}

export interface Measured extends Latency {
  /** Answers without error per second (closed loop). */
  qps: number;
  errors: number;
  cpu: CpuPerRequest;
}

export interface PathResult {
  /** `apollo`, `hive` or `direct`. */
  name: string;
  /** Each query type alone, one client. */
  one: Record<string, Measured>;
  /** Each query type alone, `clients` clients. */
  many: Record<string, Measured>;
  floor: { one: Measured; many: Measured };
}

export interface PathTarget {
  name: string;
  url: string;
  pids: { subgraph: number; gateway?: number; postgres?: number };
  signAs?: { identity: Identity; secret: string; audience: string };
}

/** Runs `requests` (all of one type) and reads what the processes spent meanwhile. */
async function measure(
  path: PathTarget,
  requests: LoadRequest[],
  clients: number,
): Promise<Measured> {
  const { pids } = path;
  const before = {
    subgraph: cpuMs(pids.subgraph),
    gateway: pids.gateway && cpuMs(pids.gateway),
    postgres: pids.postgres && treeCpuMs(pids.postgres),
  };
  const result = await runLoad({ url: path.url, requests, clients, signAs: path.signAs });
  const n = Math.max(1, requests.length);
  const cpu: CpuPerRequest = {
    subgraphMs: hundredths((cpuMs(pids.subgraph) - before.subgraph) / n),
    ...(pids.gateway && before.gateway !== undefined
      ? { gatewayMs: hundredths((cpuMs(pids.gateway) - before.gateway) / n) }
      : {}),
    ...(pids.postgres && before.postgres !== undefined
      ? { postgresMs: hundredths((treeCpuMs(pids.postgres) - before.postgres) / n) }
      : {}),
  };
  const type = requests[0]?.type ?? '';
  return { ...result.byType[type], qps: result.qps, errors: result.errors, cpu };
}

/**
 * Measures every path, interleaved so that a change in the shared machine's load falls on all of
 * them alike: each path warmed up, then for each type its one-client run on every path, then its
 * many-client run on every path, then the floor the same way. `searches` holds each type's requests
 * (the many-client run sends all, one client the first `oneClient`); `floor` holds `resource(id)`
 * requests.
 */
export async function measurePaths(
  paths: PathTarget[],
  options: {
    warmUp: LoadRequest[];
    searches: Record<string, LoadRequest[]>;
    floor: LoadRequest[];
    oneClient: number;
    clients: number;
  },
): Promise<PathResult[]> {
  for (const path of paths) {
    console.log(`${path.name}: warming up...`);
    await runLoad({
      url: path.url,
      requests: options.warmUp,
      clients: options.clients,
      signAs: path.signAs,
    });
  }
  const results = paths.map((path): PathResult => ({
    name: path.name,
    one: {},
    many: {},
    floor: { one: NONE, many: NONE },
  }));
  for (const [type, requests] of Object.entries(options.searches)) {
    for (const [i, path] of paths.entries())
      results[i].one[type] = await measure(path, requests.slice(0, options.oneClient), 1);
    for (const [i, path] of paths.entries())
      results[i].many[type] = await measure(path, requests, options.clients);
    for (const r of results)
      console.log(
        `${r.name} ${type}: 1 client p50 ${r.one[type].p50} ms, ${options.clients} clients ${r.many[type].qps}/s`,
      );
  }
  const floorOne = options.floor.slice(0, Math.max(100, options.oneClient * 2));
  for (const [i, path] of paths.entries()) results[i].floor.one = await measure(path, floorOne, 1);
  for (const [i, path] of paths.entries())
    results[i].floor.many = await measure(path, options.floor, options.clients);
  for (const r of results)
    console.log(`${r.name} floor: 1 client p50 ${r.floor.one.p50} ms, ${r.floor.many.qps}/s`);
  return results;
}

/** A placeholder until a run fills it in. */
const NONE: Measured = {
  requests: 0,
  p50: 0,
  p95: 0,
  p99: 0,
  mean: 0,
  max: 0,
  qps: 0,
  errors: 0,
  cpu: { subgraphMs: 0 },
};

/** Issue 18's two targets for one gateway and one query type, from figures of one run. */
export interface TargetCheck {
  /** Gateway one-client p50 − Postgres p50, ms. */
  layersMs: number;
  /** 1.5 × the floor's one-client p50 through the same gateway, ms. */
  layersLimitMs: number;
  layersPass: boolean;
  /** Searches/s with many clients ÷ the floor's requests/s through the same gateway. */
  throughputRatio: number;
  throughputPass: boolean;
}

export function checkTargets(gateway: PathResult, type: string, postgresP50: number): TargetCheck {
  const one = gateway.one[type];
  const layersMs = hundredths(one.p50 - postgresP50);
  const layersLimitMs = hundredths(1.5 * gateway.floor.one.p50);
  const throughputRatio = hundredths(gateway.many[type].qps / gateway.floor.many.qps);
  return {
    layersMs,
    layersLimitMs,
    layersPass: layersMs <= layersLimitMs,
    throughputRatio,
    throughputPass: throughputRatio >= 0.5,
  };
}
