import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack';
import { authPost, cookieOf, createUser, gqlWithCookie, type TestUser } from './support';

interface MeData {
  me: { id: string; roles: string[] } | null;
}

/** The gateway and every subgraph as `NODE_ENV=production` runs them (behind HTTPS). */
describe('sign-in in production, through the gateway', () => {
  let stack: TestStack;
  let partner: TestUser;

  beforeAll(async () => {
    stack = await startStack({ production: true }, { production: true });
    const orgId = randomUUID();
    await stack.resources.orm.em
      .fork()
      .execute(
        `insert into organization (id, name, created_at, updated_at) values (?, 'Harbor Light Shelter', now(), now())`,
        [orgId],
      );
    partner = await createUser(stack, { roles: ['partner'], organizationId: orgId });
  });
  afterAll(() => stack?.stop());

  it('sets a __Host- session cookie: Secure, HttpOnly, SameSite=Lax, for the whole site', async () => {
    const response = await authPost(stack, '/auth/sign-in', {
      email: partner.email,
      password: partner.password,
    });
    expect(response.status).toBe(204);
    const flags = response.setCookie!.split(';').map((part) => part.trim());
    expect(flags[0]).toMatch(/^__Host-hub_session=[A-Za-z0-9_-]{40,}$/);
    expect(flags).toContain('Secure');
    expect(flags).toContain('HttpOnly');
    expect(flags).toContain('SameSite=Lax');
    expect(flags).toContain('Path=/');
    // __Host- cookies must not name a domain (the browser would refuse the cookie).
    expect(flags.some((f) => /^Domain=/i.test(f))).toBe(false);

    // The cookie under its production name is the session the gateway reads.
    const { body } = await gqlWithCookie<MeData>(stack, cookieOf(response), '{ me { id } }');
    expect(body.data?.me?.id).toBe(partner.id);
    // ...and the development name is not.
    const devName = `hub_session=${cookieOf(response).split('=')[1]}`;
    expect((await gqlWithCookie<MeData>(stack, devName, '{ me { id } }')).body.data?.me).toBeNull();
  });

  it('asks a directory admin with no authenticator app to set one up first', async () => {
    const admin = await createUser(stack, { roles: ['admin'] });
    const response = await authPost(stack, '/auth/sign-in', {
      email: admin.email,
      password: admin.password,
    });
    expect(response.status).toBe(401);
    expect(response.setCookie).toBeNull();
    expect(response.body?.errors?.[0].extensions?.code).toBe('TOTP_ENROLMENT_REQUIRED');
  });

  it('leaves the app optional for everyone else', async () => {
    const planner = await createUser(stack, { roles: ['discharge_planner'] });
    const response = await authPost(stack, '/auth/sign-in', {
      email: planner.email,
      password: planner.password,
    });
    expect(response.status).toBe(204);
  });

  it('has no development mail page', async () => {
    const response = await fetch(new URL('/dev/mail', stack.gatewayUrl));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('Development mail');
  });
});
