import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Organization } from '../subgraphs/resources/organization/organization.entity';
import { createEmptyDatabase } from './support/database';
import { firstError, postJson } from './support/http';
import { startStack, type TestStack } from './support/stack';

const QUERY = { query: '{ categories { id } }' };

describe('per address', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ rateLimit: { perAddressPerMinute: 5 } });
  });
  afterAll(() => stack?.stop());

  it('answers 5 requests a minute from one address, then 429 RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      const ok = await postJson(stack.gatewayUrl, QUERY);
      expect(ok.status, `request ${i + 1}`).toBe(200);
      expect(ok.body.errors).toBeUndefined();
    }
    const limited = await postJson(stack.gatewayUrl, QUERY, { 'x-request-id': 'limited-1' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/application\/json/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    const error = firstError(limited.body);
    expect(error.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      requestId: 'limited-1',
      retryAfterSeconds: expect.any(Number) as unknown,
    });
    expect(error.message).toMatch(/try again/i);
    expect(limited.body.data ?? null).toBeNull();

    // A token does not buy a way around the address limit.
    const withToken = await stack.gql(
      QUERY.query,
      undefined,
      await stack.token({ roles: ['admin'] }),
    );
    expect(withToken.status).toBe(429);
    expect(firstError(withToken.body).extensions?.code).toBe('RATE_LIMITED');
  });

  it('health checks are not rate limited', async () => {
    // The address has spent its allowance in the test above or spends it here.
    for (let i = 0; i < 5; i++) await postJson(stack.gatewayUrl, QUERY);
    expect((await postJson(stack.gatewayUrl, QUERY)).status).toBe(429);
    expect((await fetch(new URL('/healthz', stack.gatewayUrl))).status).toBe(200);
    expect((await fetch(new URL('/readyz', stack.gatewayUrl))).status).toBe(200);
  });
});

describe('per address, with tokens that do not verify', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ rateLimit: { perAddressPerMinute: 5 } });
  });
  afterAll(() => stack?.stop());

  it('guessing tokens from one address is limited too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await postJson(stack.gatewayUrl, QUERY, {
        authorization: `Bearer ${randomBytes(24).toString('base64url')}`,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('per user', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ rateLimit: { perUserPerMinute: 3, perAddressPerMinute: 1000 } });
  });
  afterAll(() => stack?.stop());

  it('limits one user without limiting another user, or anonymous readers, on the same address', async () => {
    const alice = await stack.token({ roles: ['peer'], sub: 'alice' });
    for (let i = 0; i < 3; i++) {
      const ok = await stack.gql(QUERY.query, undefined, alice);
      expect(ok.status, `request ${i + 1}`).toBe(200);
    }
    const limited = await stack.gql(QUERY.query, undefined, alice);
    expect(limited.status).toBe(429);
    expect(firstError(limited.body).extensions?.code).toBe('RATE_LIMITED');

    // A fresh token for the same person is the same user.
    const aliceAgain = await stack.token({ roles: ['admin'], sub: 'alice' });
    expect((await stack.gql(QUERY.query, undefined, aliceAgain)).status).toBe(429);

    const bob = await stack.token({ roles: ['peer'], sub: 'bob' });
    const bobRes = await stack.gql(QUERY.query, undefined, bob);
    expect(bobRes.status).toBe(200);
    expect(bobRes.body.errors).toBeUndefined();
    const anonymous = await stack.gql(QUERY.query);
    expect(anonymous.status).toBe(200);
  });
});

/** `n` organizations created in one request, each under its own alias. */
const createOrganizations = (prefix: string, n: number) =>
  `mutation { ${Array.from(
    { length: n },
    (_, i) => `o${i}: createOrganization(input: { name: "${prefix} ${i}" }) { id }`,
  ).join(' ')} }`;

describe('work, not just requests', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ rateLimit: { perUserPerMinute: 20, perAddressPerMinute: 10 } });
  });
  afterAll(() => stack?.stop());

  const created = (prefix: string) =>
    stack.resources.orm.em.fork().count(Organization, { name: { $like: `${prefix} %` } });

  it('15 aliased mutations in one request count as 15, and a request past the limit runs none of its mutations', async () => {
    const admin = { authorization: `Bearer ${await stack.token({ roles: ['admin'] })}` };
    // 1 for the request + 15 mutations: 16 of 20.
    const first = await postJson(
      stack.gatewayUrl,
      { query: createOrganizations('Batch A', 15) },
      admin,
    );
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(await created('Batch A')).toBe(15);

    // 16 + 1 + 4 = 21: refused before anything runs.
    const second = await postJson(
      stack.gatewayUrl,
      { query: createOrganizations('Batch B', 4) },
      { ...admin, 'x-request-id': 'work-1' },
    );
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(firstError(second.body).extensions).toMatchObject({
      code: 'RATE_LIMITED',
      requestId: 'work-1',
      retryAfterSeconds: expect.any(Number) as unknown,
    });
    expect(second.body.data ?? null).toBeNull();
    expect(await created('Batch B')).toBe(0);
  });

  it('an anonymous caller’s costly query counts its cost against the address', async () => {
    const cheap = await postJson(stack.gatewayUrl, QUERY);
    expect(cheap.status).toBe(200);
    // Query cost about 1,200: 12 points on top of the request's own, more than the 10 a minute.
    const page = 'resources(first: 100) { nodes { id name description } }';
    const costly = await postJson(stack.gatewayUrl, { query: `{ a: ${page} b: ${page} }` });
    expect(costly.status).toBe(429);
    expect(firstError(costly.body).extensions?.code).toBe('RATE_LIMITED');
    expect(costly.body.data ?? null).toBeNull();
  });
});

describe('shared across gateways (RATE_LIMIT_DATABASE_URL)', () => {
  let stack: TestStack;
  let second: string;
  beforeAll(async () => {
    const databaseUrl = await createEmptyDatabase(inject('postgresUrl'), 'ratelimits');
    stack = await startStack({ rateLimit: { perAddressPerMinute: 6, databaseUrl } });
    second = await stack.startGateway();
  });
  afterAll(() => stack?.stop());

  it('two gateways allow the rate once between them, not once each', async () => {
    for (let i = 0; i < 6; i++) {
      const url = i % 2 === 0 ? stack.gatewayUrl : second;
      expect((await postJson(url, QUERY)).status, `request ${i + 1}`).toBe(200);
    }
    for (const url of [stack.gatewayUrl, second]) {
      const limited = await postJson(url, QUERY);
      expect(limited.status, url).toBe(429);
      expect(firstError(limited.body).extensions?.code).toBe('RATE_LIMITED');
    }
  });
});

describe('when the shared store does not answer', () => {
  let stack: TestStack;
  let databaseUrl: string;
  beforeAll(async () => {
    databaseUrl = await createEmptyDatabase(inject('postgresUrl'), 'ratelimits');
    stack = await startStack({ rateLimit: { perAddressPerMinute: 4, databaseUrl } });
  });
  afterAll(() => stack?.stop());

  it('each gateway goes on limiting alone, in memory, and never answers 500', async () => {
    expect((await postJson(stack.gatewayUrl, QUERY)).status).toBe(200);
    // The database goes away: its connections are cut and it can no longer be reached by name.
    const name = new URL(databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    try {
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      await admin.query(`alter database "${name}" rename to "${name}_gone"`);
    } finally {
      await admin.end();
    }
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await postJson(stack.gatewayUrl, QUERY)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
