import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayApp, type GatewayApp } from '../../gateway/app';
import { createLogger } from '../../subgraphs/kit/logger';
import { listen, type RunningServer } from '../../subgraphs/kit/server';
import { resolve } from 'node:path';
import { projectRoot } from '../../subgraphs/kit/paths';
import { expectData, expectError } from '../support/expect';
import { startStack, type TestStack } from '../support/stack';
import {
  authPost,
  cookieOf,
  createUser,
  gqlWithCookie,
  signIn,
  uniqueEmail,
  type TestUser,
} from './support';

interface MeData {
  me: {
    id: string;
    email: string | null;
    displayName: string | null;
    roles: string[];
    organization: { id: string; name: string } | null;
    peer: { id: string } | null;
  } | null;
}
const ME = '{ me { id email displayName roles organization { id name } peer { id } } }';

interface AttemptsData {
  signInAttempts: {
    email: string;
    userId: string | null;
    outcome: string;
    address: string | null;
  }[];
}

describe('sign-in through the gateway', () => {
  let stack: TestStack;
  let partner: TestUser;
  let orgId: string;

  beforeAll(async () => {
    // Two wrong passwords lock an account here, so lockout is quick to show.
    stack = await startStack({
      signIn: { accountFailures: 3, addressFailures: 1000, windowMinutes: 15, lockoutMinutes: 5 },
    });
    const em = stack.resources.orm.em.fork();
    orgId = randomUUID();
    await em.execute(
      `insert into organization (id, name, created_at, updated_at) values (?, 'Harbor Light Shelter', now(), now())`,
      [orgId],
    );
    partner = await createUser(stack, { roles: ['partner'], organizationId: orgId });
  });
  afterAll(() => stack?.stop());

  it('answers 204 with an HttpOnly, SameSite=Lax session cookie for the whole site', async () => {
    const response = await authPost(stack, '/auth/sign-in', {
      email: partner.email.toUpperCase(),
      password: partner.password,
    });
    expect(response.status).toBe(204);
    const cookie = response.setCookie!;
    expect(cookie).toMatch(/^hub_session=[A-Za-z0-9_-]{40,}; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Expires=/);
    // Development serves plain HTTP; production adds Secure and the __Host- prefix.
    expect(cookie).not.toMatch(/Secure/);
  });

  it('turns the session into the identity a token gives: me, with the organization resolved', async () => {
    const cookie = await signIn(stack, partner);
    const { body } = await gqlWithCookie<MeData>(stack, cookie, ME);
    expect(expectData(body).me).toEqual({
      id: partner.id,
      email: partner.email,
      displayName: 'Test Person',
      roles: ['PARTNER'],
      organization: { id: orgId, name: 'Harbor Light Shelter' },
      peer: null,
    });
  });

  it('me is null for anonymous callers and names a bearer token by its subject', async () => {
    expect(expectData((await stack.gql<MeData>(ME)).body).me).toBeNull();
    const token = await stack.token({ sub: 'dev:admin', roles: ['admin'] });
    expect(expectData((await stack.gql<MeData>(ME, {}, token)).body).me).toMatchObject({
      id: 'dev:admin',
      email: null,
      roles: ['ADMIN'],
    });
  });

  it('gives one answer for a wrong password and for an email with no account', async () => {
    const wrong = await authPost(stack, '/auth/sign-in', {
      email: partner.email,
      password: 'not the password at all',
    });
    const nobody = await authPost(stack, '/auth/sign-in', {
      email: uniqueEmail('nobody'),
      password: partner.password,
    });
    for (const response of [wrong, nobody]) {
      expect(response.status).toBe(401);
      expect(response.setCookie).toBeNull();
      expect(response.body?.errors?.[0]).toMatchObject({
        message: 'The email or password is not right.',
        extensions: { code: 'INVALID_CREDENTIALS' },
      });
    }
  });

  it('refuses cookie-signed and sign-in requests without the CSRF header or from another site', async () => {
    const cookie = await signIn(stack, partner);
    const noHeader = await gqlWithCookie(stack, cookie, ME, {}, {});
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherSite = await gqlWithCookie(
      stack,
      cookie,
      ME,
      {},
      {
        'x-hub-csrf': '1',
        origin: 'https://evil.example.com',
      },
    );
    expect(otherSite.status).toBe(403);
    const sameSite = await gqlWithCookie(
      stack,
      cookie,
      ME,
      {},
      {
        'x-hub-csrf': '1',
        origin: new URL(stack.gatewayUrl).origin,
      },
    );
    expect(expectData(sameSite.body)).toBeTruthy();
    const forgedSignIn = await authPost(
      stack,
      '/auth/sign-in',
      { email: partner.email, password: partner.password },
      { headers: { 'x-hub-csrf': '' } },
    );
    expect(forgedSignIn.status).toBe(403);
    expect(forgedSignIn.setCookie).toBeNull();
  });

  it('locks an account after repeated wrong passwords, even for the right one, and records it all', async () => {
    const victim = await createUser(stack, { roles: ['partner'], organizationId: orgId });
    for (let i = 0; i < 3; i++) {
      const response = await authPost(stack, '/auth/sign-in', {
        email: victim.email,
        password: `wrong guess number ${i}`,
      });
      expect(response.status).toBe(401);
    }
    const locked = await authPost(stack, '/auth/sign-in', {
      email: victim.email,
      password: victim.password,
    });
    expect(locked.status).toBe(429);
    expect(locked.setCookie).toBeNull();
    expect(locked.body?.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(200);
    // Another account from the same address is not locked.
    expect(
      (await authPost(stack, '/auth/sign-in', { email: partner.email, password: partner.password }))
        .status,
    ).toBe(204);

    const admin = await stack.token({ roles: ['admin'] });
    const { body } = await stack.gql<AttemptsData>(
      `query($email: String) { signInAttempts(email: $email) { email userId outcome address } }`,
      { email: victim.email },
      admin,
    );
    const attempts = expectData(body).signInAttempts;
    expect(attempts.map((a) => a.outcome)).toEqual([
      'LOCKED_OUT',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
    ]);
    expect(attempts.every((a) => a.userId === victim.id && a.address)).toBe(true);
    expect(JSON.stringify(attempts)).not.toContain('wrong guess');
  });

  it('lets only admins read the sign-in audit', async () => {
    const token = await stack.token({ roles: ['partner'], org: orgId });
    const { body } = await stack.gql(`{ signInAttempts { email } }`, {}, token);
    expectError(body, 'FORBIDDEN');
  });

  it('signs out: the cookie is cleared and the old session is refused on the next request', async () => {
    const cookie = await signIn(stack, partner);
    const out = await authPost(stack, '/auth/sign-out', {}, { cookie });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/^hub_session=; /);
    const after = await gqlWithCookie(stack, cookie, ME);
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a made-up session cookie as 401, never as anonymous', async () => {
    const response = await gqlWithCookie(stack, `hub_session=${'x'.repeat(43)}`, ME);
    expect(response.status).toBe(401);
  });

  it('answers malformed, oversized and unexpected bodies with JSON codes', async () => {
    const malformed = await authPost(stack, '/auth/sign-in', null, { raw: '{"email": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body?.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    const unknownField = await authPost(stack, '/auth/sign-in', {
      email: partner.email,
      password: partner.password,
      admin: true,
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body?.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(unknownField.setCookie).toBeNull();
    const missing = await authPost(stack, '/auth/sign-in', { email: partner.email });
    expect(missing.status).toBe(400);
    const oversized = await authPost(stack, '/auth/sign-in', {
      email: partner.email,
      password: 'x'.repeat(40_000),
    });
    expect(oversized.status).toBe(413);
    expect(oversized.body?.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    const wrongMethod = await fetch(new URL('/auth/sign-in', stack.gatewayUrl));
    expect(wrongMethod.status).toBe(405);
  });

  describe('when the accounts subgraph is down', () => {
    let gateway: GatewayApp;
    let server: RunningServer;
    beforeAll(async () => {
      gateway = await createGatewayApp(
        {
          production: false,
          logLevel: 'silent',
          port: 0,
          supergraphPath: resolve(projectRoot(), 'schema', 'supergraph.graphql'),
          identitySecret: stack.subgraphs.accounts.identitySecret,
          auth: { jwtSecret: stack.jwtSecret },
          // Nothing listens on port 9 (discard) here.
          subgraphUrls: { ...stack.subgraphUrls, accounts: 'http://127.0.0.1:9/graphql' },
          trustProxy: false,
          limits: {
            maxDepth: 10,
            maxAliases: 15,
            maxCost: 5000,
            maxTokens: 3000,
            bodyLimitBytes: 2 * 1024 * 1024,
          },
          rateLimit: { perUserPerMinute: 10_000, perAddressPerMinute: 10_000 },
        },
        createLogger('test', 'silent'),
      );
      server = await listen(gateway.app, 0, '127.0.0.1');
    });
    afterAll(async () => {
      await gateway?.apollo.stop();
      await server?.close();
    });

    it('fails closed: a session cookie gets 503 SERVICE_UNAVAILABLE, never anonymous', async () => {
      const cookie = await signIn(stack, partner);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-hub-csrf': '1' },
        body: JSON.stringify({ query: ME }),
      });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      const signInDown = await fetch(new URL('/auth/sign-in', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-csrf': '1' },
        body: JSON.stringify({ email: partner.email, password: partner.password }),
      });
      expect(signInDown.status).toBe(503);
      // Bearer tokens do not need the accounts subgraph and keep working.
      const token = await stack.token({ roles: ['admin'] });
      const withToken = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ categories { id } }' }),
      });
      expect(withToken.status).toBe(200);
    });
  });

  it('keeps a session cookie usable after another sign-in of the same person', async () => {
    const first = await signIn(stack, partner);
    const second = cookieOf(
      await authPost(stack, '/auth/sign-in', { email: partner.email, password: partner.password }),
    );
    expect(first).not.toBe(second);
    for (const cookie of [first, second])
      expect(expectData((await gqlWithCookie<MeData>(stack, cookie, ME)).body).me?.id).toBe(
        partner.id,
      );
  });
});
