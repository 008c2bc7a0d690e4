import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
