import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Identity } from '../../subgraphs/kit/identity';
import { latency, tenths, type Latency } from './stats';

/** One request of a load: its row in the tables, and what it sends. */
export interface LoadRequest {
  type: string;
  /** The GraphQL request, serialized ahead so that the client does no more than send it. */
  body: string;
  headers?: Record<string, string>;
}

export interface LoadPlan {
  url: string;
  requests: LoadRequest[];
  /** Closed loop: this many clients, each sending its next request as soon as its previous answer arrives. */
  clients?: number;
  /** Open loop: a new request every 1/rate s whatever the answers (instead of `clients`). */
  ratePerSecond?: number;
  /** Sign each request as this identity, straight to the subgraph named `audience`. */
  signAs?: { identity: Identity; secret: string; audience: string };
}

/** What the load client sends back: raw samples, so that the figures are computed in one place. */
export interface LoadReport {
  samplesByType: Record<string, number[]>;
  errors: number;
  /** The first few failures, as the client saw them. */
  failures: string[];
  /** From the first request sent to the last answer received. */
  elapsedMs: number;
}

export interface LoadResult {
  sent: number;
  errors: number;
  firstError?: string;
  /** Latency of the answers without error, for every type of request sent. */
  byType: Record<string, Latency>;
  seconds: number;
  /** Answers without error per second. */
  qps: number;
}

export function graphQLRequest(
  type: string,
  query: string,
  variables: Record<string, unknown>,
  headers?: Record<string, string>,
): LoadRequest {
  return { type, body: JSON.stringify({ query, variables }), ...(headers ? { headers } : {}) };
}

/**
 * Runs the load client (load-client.ts, compiled beside this file) in a worker thread of its own, so
 * that making requests does not take turns with anything on this process's event loop (a real client
 * is another machine), and summarizes what it saw.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const report = await new Promise<LoadReport>((done, fail) => {
    const worker = new Worker(resolve(__dirname, 'load-client.js'), { workerData: plan });
    worker.once('message', (message: LoadReport) => {
      done(message);
      void worker.terminate();
    });
    worker.once('error', fail);
  });
  for (const failure of report.failures) console.error('error:', failure);
  const sent = plan.requests.length;
  const seconds = report.elapsedMs / 1000;
  const types = [...new Set(plan.requests.map((r) => r.type))];
  return {
    sent,
    errors: report.errors,
    ...(report.failures[0] ? { firstError: report.failures[0] } : {}),
    byType: Object.fromEntries(types.map((t) => [t, latency(report.samplesByType[t] ?? [])])),
    seconds: tenths(seconds),
    qps: tenths((sent - report.errors) / seconds),
  };
}
