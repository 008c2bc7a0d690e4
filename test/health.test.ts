import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstError, postJson } from './support/http';
import { startStack, type TestStack } from './support/stack';

/** What /readyz should say: every subgraph 'ok' except those given. */
const subgraphStates = (stack: TestStack, except: Record<string, string> = {}) =>
  Object.fromEntries(Object.keys(stack.subgraphs).map((name) => [name, except[name] ?? 'ok']));

/** /readyz asked as a caller elsewhere would ask it: relayed by a proxy, maybe with a token. */
async function readyzFromOutside(stack: TestStack, token?: string) {
  const res = await fetch(new URL('/readyz', stack.gatewayUrl), {
    headers: {
      'x-forwarded-for': '203.0.113.9',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('health and readiness while everything runs', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('/healthz answers 200 without a token', async () => {
    const res = await fetch(new URL('/healthz', stack.gatewayUrl));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', service: 'gateway' });
  });

  it('/readyz answers 200 when every subgraph answers', async () => {
    const res = await fetch(new URL('/readyz', stack.gatewayUrl));
    expect(res.status).toBe(200);
    expect(Object.keys(stack.subgraphs)).toContain('resources');
    expect(await res.json()).toEqual({ status: 'ready', subgraphs: subgraphStates(stack) });
  });

  it('/readyz tells the public only ready or not; the subgraphs are for admins and this machine', async () => {
    expect(await readyzFromOutside(stack)).toEqual({ status: 200, body: { status: 'ready' } });
    const partner = await stack.token({ roles: ['partner'], org: 'o1' });
    expect(await readyzFromOutside(stack, partner)).toEqual({
      status: 200,
      body: { status: 'ready' },
    });
    const admin = await stack.token({ roles: ['admin'] });
    expect(await readyzFromOutside(stack, admin)).toEqual({
      status: 200,
      body: { status: 'ready', subgraphs: subgraphStates(stack) },
    });
    // A token that does not verify is refused, as everywhere, not taken as anonymous.
    const forged = await readyzFromOutside(stack, 'not.a.token');
    expect(forged.status).toBe(401);
    expect(firstError(forged.body).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('readiness once a subgraph is down', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('/readyz answers 503 naming the subgraph, /healthz stays 200, and queries fail without leaking where', async () => {
    expect((await fetch(new URL('/readyz', stack.gatewayUrl))).status).toBe(200);
    await stack.resources.stop();
    // Stopped for good: the stack must not stop it a second time.
    stack.resources.stop = async () => {};

    const ready = await fetch(new URL('/readyz', stack.gatewayUrl));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'not ready',
      subgraphs: subgraphStates(stack, { resources: 'unreachable' }),
    });
    expect(await readyzFromOutside(stack)).toEqual({ status: 503, body: { status: 'not ready' } });
    expect((await fetch(new URL('/healthz', stack.gatewayUrl))).status).toBe(200);

    const res = await postJson(
      stack.gatewayUrl,
      { query: '{ categories { id } }' },
      { 'x-request-id': 'down-1' },
    );
    // The client is told to retry (503), not that something of ours broke.
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.data ?? null).toBeNull();
    const error = firstError(res.body);
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', requestId: 'down-1' });
    expect(error.message).toMatch(/not answering just now\. Try again/);
    const port = new URL(stack.resourcesUrl).port;
    expect(res.text).not.toContain(port);
    expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|localhost/);
  });
});
