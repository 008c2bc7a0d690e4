import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import nodeFetch from 'node-fetch';
import { signIdentity } from '../../subgraphs/kit/identity';
import type { LoadPlan, LoadReport, LoadRequest } from './load';

/**
 * The load client, started by load.ts as a worker thread from its compiled path. node-fetch over a
 * keep-alive agent costs about half the CPU per request of Node's own fetch, and the client shares
 * the machine's cores with what it measures.
 */
const plan = workerData as LoadPlan;
const agent = new Agent({ keepAlive: true });
const samplesByType: Record<string, number[]> = {};
const failures: string[] = [];
let errors = 0;
let lastAnswer = 0;

function failed(what: string): void {
  errors += 1;
  if (failures.length < 3) failures.push(what.slice(0, 300));
}

async function send(request: LoadRequest): Promise<void> {
  const started = performance.now();
  try {
    const response = await nodeFetch(plan.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...request.headers,
        ...(plan.signAs
          ? signIdentity(plan.signAs.identity, plan.signAs.secret, {
              method: 'POST',
              path: new URL(plan.url).pathname,
              audience: plan.signAs.audience,
              body: request.body,
            })
          : {}),
      },
      body: request.body,
      agent,
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    const answered = performance.now();
    lastAnswer = Math.max(lastAnswer, answered);
    if (response.status !== 200 || body.errors?.length || !body.data) failed(JSON.stringify(body));
    else (samplesByType[request.type] ??= []).push(answered - started);
  } catch (error) {
    failed(String(error));
  }
}

async function closedLoop(clients: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < plan.requests.length) await send(plan.requests[next++]);
    }),
  );
}

async function openLoop(rate: number, started: number): Promise<void> {
  const inFlight: Promise<void>[] = [];
  for (const [i, request] of plan.requests.entries()) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(request));
  }
  await Promise.all(inFlight);
}

async function main(): Promise<void> {
  const started = performance.now();
  if (plan.ratePerSecond) await openLoop(plan.ratePerSecond, started);
  else await closedLoop(plan.clients ?? 1);
  const report: LoadReport = {
    samplesByType,
    errors,
    failures,
    elapsedMs: (lastAnswer || performance.now()) - started,
  };
  parentPort!.postMessage(report);
}

void main();
