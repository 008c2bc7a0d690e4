import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type GraphQLResponse, type TestStack } from './support/stack';

type ErrorBody = GraphQLResponse['body'];

/** A request of any method to any path, its answer as a client reads it. */
async function send(base: string, path: string, init: RequestInit = {}) {
  const response = await fetch(new URL(path, base), init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

function expectJsonError(
  res: Awaited<ReturnType<typeof send>>,
  status: number,
  code: string,
  label: string,
) {
  expect(res.status, label).toBe(status);
  expect(res.headers.get('content-type'), label).toMatch(/application\/json/);
  expect(res.text, label).not.toMatch(/<html|<pre|\bat \S+ \(|node_modules/i);
  const body = JSON.parse(res.text) as ErrorBody;
  expect(body.errors?.[0]?.extensions, label).toMatchObject({
    code,
    requestId: expect.any(String) as unknown,
  });
}

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
];

describe('HTTP hygiene (development settings)', () => {
  let stack: TestStack;
  let base: string;
  beforeAll(async () => {
    stack = await startStack();
    base = new URL(stack.gatewayUrl).origin;
  });
  afterAll(() => stack?.stop());

  it('sends security headers on every answer: API, health, errors, unknown paths', async () => {
    const answers = {
      graphql: await send(base, '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ categories { id } }' }),
      }),
      healthz: await send(base, '/healthz'),
      readyz: await send(base, '/readyz'),
      hsds: await send(base, '/hsds/'),
      badJson: await send(base, '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      }),
      unknown: await send(base, '/wp-admin'),
    };
    for (const [label, res] of Object.entries(answers)) {
      expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), label).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), label).toBe('DENY');
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of CSP_DIRECTIVES) expect(csp, label).toContain(directive);
      expect(csp, label).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      // Over plain HTTP in development, HSTS would pin the developer's browser to HTTPS on localhost.
      expect(res.headers.get('strict-transport-security'), label).toBeNull();
      expect(res.headers.get('x-powered-by'), label).toBeNull();
    }
    expect(answers.graphql.status).toBe(200);
  });

  it('answers unknown paths with a JSON 404, never an HTML page', async () => {
    for (const [method, path] of [
      ['GET', '/wp-admin'],
      ['POST', '/api/graphql'],
      ['DELETE', '/nothing/here'],
      ['GET', '/%E0%A4%A'],
      ['GET', '/healthz/extra'],
    ]) {
      const res = await send(base, path, { method });
      expectJsonError(res, 404, 'NOT_FOUND', `${method} ${path}`);
    }
  });

  it('answers a method a path does not take with a JSON 405 and Allow', async () => {
    const cases: [string, string, string][] = [
      ['PUT', '/graphql', 'GET, POST'],
      ['DELETE', '/graphql', 'GET, POST'],
      ['PATCH', '/graphql', 'GET, POST'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['DELETE', '/readyz', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await send(base, path, { method, body: method === 'GET' ? undefined : '{}' });
      expectJsonError(res, 405, 'METHOD_NOT_ALLOWED', `${method} ${path}`);
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
    }
  });

  it('a browser opening /graphql gets JSON, not a landing page that loads scripts from elsewhere', async () => {
    const res = await send(base, '/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.text).not.toMatch(/<script|<html/i);
  });
});

describe('HTTP hygiene (production settings)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ production: true });
  });
  afterAll(() => stack?.stop());

  it('adds HSTS and asks browsers to upgrade insecure requests', async () => {
    for (const path of ['/healthz', '/graphql?query=%7Bcategories%7Bid%7D%7D', '/nowhere']) {
      const res = await send(new URL(stack.gatewayUrl).origin, path);
      expect(res.headers.get('strict-transport-security'), path).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect(res.headers.get('content-security-policy'), path).toContain(
        'upgrade-insecure-requests',
      );
    }
  });
});
