import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEmptyDatabase } from '../support/database';
import { startStack, type TestStack } from '../support/stack';
import { authPost, createUser, uniqueEmail, type AuthResponse } from './support';

describe('sign-in limits hold across gateways that share the rate-limit store', () => {
  let stack: TestStack;
  let gatewayB: string;
  let orgId: string;

  const on = (gateway: 'A' | 'B', body: { email: string; password: string }) =>
    authPost(gateway === 'A' ? stack : { ...stack, gatewayUrl: gatewayB }, '/auth/sign-in', body);
  const codeOf = (response: AuthResponse) => response.body?.errors?.[0].extensions?.code;

  beforeAll(async () => {
    const databaseUrl = await createEmptyDatabase(inject('postgresUrl'), 'signinlimits');
    stack = await startStack({
      rateLimit: { databaseUrl },
      signIn: { accountFailures: 3, addressFailures: 1000, windowMinutes: 15, lockoutMinutes: 5 },
    });
    gatewayB = await stack.startGateway();
    orgId = randomUUID();
    await stack.resources.orm.em
      .fork()
      .execute(
        `insert into organization (id, name, created_at, updated_at) values (?, 'Harbor Light Shelter', now(), now())`,
        [orgId],
      );
  });
  afterAll(() => stack?.stop());

  it('wrong passwords spread over two gateways lock the account on both', async () => {
    const user = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const wrong = { email: user.email, password: 'not the passphrase at all, sorry' };
    for (const gateway of ['A', 'B', 'A'] as const) {
      const response = await on(gateway, wrong);
      expect(response.status).toBe(401);
      expect(codeOf(response)).toBe('INVALID_CREDENTIALS');
    }
    for (const gateway of ['B', 'A'] as const) {
      const locked = await on(gateway, { email: user.email, password: user.password });
      expect(locked.status, `gateway ${gateway}`).toBe(429);
      expect(codeOf(locked)).toBe('RATE_LIMITED');
      expect(locked.setCookie).toBeNull();
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(200);
    }
  });

  it('a wrong email gets the same answer as a wrong password, and locks the same way', async () => {
    const user = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    const wrongPassword = await on('B', {
      email: user.email,
      password: 'another wrong passphrase',
    });
    const nobody = uniqueEmail('nobody');
    const wrongEmail = await on('A', { email: nobody, password: 'another wrong passphrase' });
    expect([wrongEmail.status, codeOf(wrongEmail), wrongEmail.body?.errors?.[0].message]).toEqual([
      wrongPassword.status,
      codeOf(wrongPassword),
      wrongPassword.body?.errors?.[0].message,
    ]);
    await on('B', { email: nobody, password: 'another wrong passphrase' });
    await on('A', { email: nobody, password: 'another wrong passphrase' });
    const locked = await on('B', { email: nobody, password: 'another wrong passphrase' });
    expect(locked.status).toBe(429);
    // The person with the account, on either gateway, is not locked by someone else's failures.
    expect((await on('A', { email: user.email, password: user.password })).status).toBe(204);
  });
});
