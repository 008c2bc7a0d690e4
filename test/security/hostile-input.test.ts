import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../subgraphs/kit/logger';
import { projectRoot } from '../../subgraphs/kit/paths';
import { createListing, type Fixture } from '../support/fixtures';
import { startStack, type TestStack } from '../support/stack';
import {
  buildHostileCorpus,
  rootArguments,
  type Caller,
  type HostileCase,
  type HsdsCase,
} from './hostile-corpus';
import { HSDS_ENDPOINTS } from './hostile-values';

const SUPERGRAPH = readFileSync(resolve(projectRoot(), 'schema', 'supergraph.graphql'), 'utf8');
/** Requests in flight at once: enough to finish quickly on two cores, few enough to stay fair. */
const CONCURRENCY = 6;

interface Answer {
  status: number;
  text: string;
}

interface ErrorsBody {
  errors?: { message?: string; extensions?: { code?: unknown } }[];
}

/** What the gateway and the subgraphs log as errors: the cause of a failed case, in its report. */
const errorLines: string[] = [];
const logger = createLogger('test', 'error', {
  destination: { write: (line: string) => void errorLines.push(line) },
});

let stack: TestStack;
let fixture: Fixture;
let base: string;
const tokens = new Map<Caller, string | undefined>();

beforeAll(async () => {
  stack = await startStack({}, { logger });
  fixture = await createListing(stack.resources.orm);
  base = stack.gatewayUrl.replace(/\/graphql$/, '');
  const org = fixture.organization.id;
  tokens.set('anonymous', undefined);
  tokens.set('admin', await stack.token({ roles: ['admin'] }));
  tokens.set('partner', await stack.token({ roles: ['partner'], org }));
  tokens.set('discharge_planner', await stack.token({ roles: ['discharge_planner'], org }));
  tokens.set(
    'peer',
    await stack.token({ roles: ['peer'], peer: '6f9619ff-8b86-4011-b42d-00c04fc964ff' }),
  );
});
afterAll(() => stack?.stop());

function corpus(): HostileCase[] {
  return buildHostileCorpus(SUPERGRAPH, {
    resource: fixture.resource.id,
    location: fixture.location.id,
    organization: fixture.organization.id,
    other: '0b9c2f3e-5d1a-4c7e-9f00-3a2b1c0d4e5f',
  });
}

function authorization(caller: Caller): Record<string, string> {
  const token = tokens.get(caller);
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function sendGraphQL(body: unknown, caller: Caller): Promise<Answer> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization(caller) },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** Over node:http, so the path goes exactly as written (fetch would normalize `%2e%2e`). */
function sendHsds(c: HsdsCase): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      `${base}/hsds${c.path}`,
      { method: c.method, headers: authorization(c.caller) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end();
  });
}

/** What is wrong with an answer to a hostile request, or null when it is a coded refusal or data. */
function problemWith(c: HostileCase, answer: Answer): string | null {
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.text.slice(0, 200)}`;
  if (answer.text.includes('INTERNAL_SERVER_ERROR'))
    return `INTERNAL_SERVER_ERROR: ${answer.text.slice(0, 200)}`;
  // HEAD and a CORS preflight have no body; anything else answers in JSON.
  if (c.kind === 'hsds' && (c.method === 'HEAD' || c.method === 'OPTIONS')) return null;
  let body: ErrorsBody;
  try {
    body = JSON.parse(answer.text) as ErrorsBody;
  } catch {
    return `not JSON (HTTP ${answer.status}): ${answer.text.slice(0, 200)}`;
  }
  const uncoded = (body.errors ?? []).find((e) => typeof e.extensions?.code !== 'string');
  if (uncoded) return `an error without a code: ${JSON.stringify(uncoded).slice(0, 200)}`;
  if (answer.status >= 400 && !body.errors?.length) return `HTTP ${answer.status} without errors`;
  return null;
}

async function runAll(
  cases: HostileCase[],
): Promise<{ c: HostileCase; answer: Answer; problem: string | null }[]> {
  const results: { c: HostileCase; answer: Answer; problem: string | null }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++];
      const answer = c.kind === 'hsds' ? await sendHsds(c) : await sendGraphQL(c.body, c.caller);
      results.push({ c, answer, problem: problemWith(c, answer) });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

describe('the hostile-input corpus', () => {
  it('has at least 1,500 cases, covering every root-field argument and every /hsds parameter', async () => {
    const cases = corpus();
    expect(cases.length).toBeGreaterThanOrEqual(1500);
    const covered = new Set(cases.map((c) => (c.kind === 'graphql' ? c.argument : undefined)));
    const missing = rootArguments(SUPERGRAPH).filter((a) => !covered.has(a));
    expect(missing, 'root-field arguments without a hostile case').toEqual([]);
    expect(rootArguments(SUPERGRAPH).length).toBeGreaterThan(50);

    // The live API says which endpoints and parameters it has: each must be in the corpus.
    const unknown = await sendHsds({
      kind: 'hsds',
      target: '',
      label: '',
      caller: 'anonymous',
      method: 'GET',
      path: '/no-such-endpoint',
    });
    const listing = (JSON.parse(unknown.text) as ErrorsBody).errors?.[0]?.message ?? '';
    const served = [
      ...listing.slice(listing.indexOf('serves')).matchAll(/\/hsds(\/[a-z_/{}]*)/g),
    ].map((m) => m[1]);
    expect(served.length).toBeGreaterThan(5);
    const endpoints = HSDS_ENDPOINTS.map((e) => e.path);
    expect(served.filter((p) => !endpoints.includes(p))).toEqual([]);
    for (const endpoint of HSDS_ENDPOINTS) {
      const probe = await sendHsds({
        kind: 'hsds',
        target: '',
        label: '',
        caller: 'anonymous',
        method: 'GET',
        path: `${endpoint.path.replace('{id}', fixture.resource.id)}?zz_coverage=1`,
      });
      const message = (JSON.parse(probe.text) as ErrorsBody).errors?.[0]?.message ?? '';
      const accepted = /accepts (.*)$/.exec(message)?.[1].split(', ') ?? [];
      expect(accepted, `${endpoint.path}: ${message}`).toEqual(endpoint.params);
      for (const param of accepted)
        expect(cases.some((c) => c.target === `${endpoint.path}?${param}`)).toBe(true);
    }
  });

  it('gets a coded 4xx or an answer for every case, never a 5xx or INTERNAL_SERVER_ERROR, and the stack stays healthy', async () => {
    const results = await runAll(corpus());
    const failed = results.filter((r) => r.problem !== null);
    const tally = (key: (r: (typeof failed)[number]) => string) => {
      const counts = new Map<string, number>();
      for (const r of failed) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
      return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
    };
    const report = [
      `${failed.length} of ${results.length} cases failed.`,
      `By answer: ${tally((r) => (r.answer.status >= 500 ? 'HTTP 5xx' : (r.problem ?? '').split(':')[0]))}`,
      `By target: ${tally((r) => r.c.target.replace(/\(.*/, ''))}`,
      ...failed.slice(0, 60).map((r) => {
        const requestId = /"requestId":"([^"]+)"/.exec(r.answer.text)?.[1];
        const logged = requestId ? errorLines.filter((l) => l.includes(requestId)) : [];
        return `${r.c.target} [${r.c.label}] as ${r.c.caller}: ${r.problem}\n  logged: ${logged.join('\n  ').slice(0, 1500)}`;
      }),
    ].join('\n');
    expect(failed.length, report).toBe(0);

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const res = await stack.gql<{ resource: { id: string; name: string } }>(
      'query($id: ID!) { resource(id: $id) { id name } }',
      { id: fixture.resource.id },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.resource).toEqual({
      id: fixture.resource.id,
      name: fixture.resource.name,
    });
  }, 180_000);
});
