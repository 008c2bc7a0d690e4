import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invitation } from '../../subgraphs/accounts/invitations/invitation.entity';
import { secretHash } from '../../subgraphs/accounts/secrets';
import { expectData } from '../support/expect';
import { startStack, type TestStack } from '../support/stack';
import { createUser, gqlWithCookie, uniqueEmail } from './support';
import { browser, startIdentityProvider, type Hop, type ProviderAccount } from './oidc-provider';

const ME = '{ me { id email roles } }';
interface MeData {
  me: { id: string; email: string | null; roles: string[] } | null;
}

const errorOf = (hop: Hop) =>
  (JSON.parse(hop.body) as { errors: { message: string; extensions: { code: string } }[] })
    .errors[0];

describe('single sign-on with an OpenID provider, through the gateway', () => {
  let stack: TestStack;
  let idp: Awaited<ReturnType<typeof startIdentityProvider>>;

  beforeAll(async () => {
    idp = await startIdentityProvider();
    stack = await startStack({
      oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
    });
    idp.register(new URL('/auth/oidc/callback', stack.gatewayUrl).href);
  });
  afterAll(async () => {
    await stack?.stop();
    await idp?.close();
  });

  const isCallback = (url: URL) => url.pathname === '/auth/oidc/callback';
  /** Start at the gateway, sign in at the provider, and stop before the gateway's callback. */
  async function toCallback(account: ProviderAccount) {
    idp.signInAs(randomUUID(), account);
    const person = browser();
    const start = await person.get(new URL('/auth/oidc/start', stack.gatewayUrl));
    expect(start.status).toBe(303);
    const authorize = new URL(start.location!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const flowCookie = start.setCookies.find((c) => c.startsWith('hub_oidc='));
    expect(flowCookie).toMatch(/; HttpOnly/);
    const { url } = await person.follow(authorize, isCallback);
    expect(isCallback(url)).toBe(true);
    return { person, callback: url };
  }
  const signInAtProvider = async (account: ProviderAccount) => {
    const { person, callback } = await toCallback(account);
    return person.get(callback);
  };
  const sessionCookie = (hop: Hop) => hop.setCookies.find((c) => c.startsWith('hub_session='));

  it('signs a person with an account in, with the same session cookie as a password', async () => {
    const partner = await createUser(stack, { roles: ['partner'] });
    const done = await signInAtProvider({
      email: partner.email.toUpperCase(),
      email_verified: true,
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/');
    const cookie = sessionCookie(done)!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    const { body } = await gqlWithCookie<MeData>(stack, cookie.split(';')[0], ME);
    expect(expectData(body).me).toEqual({
      id: partner.id,
      email: partner.email,
      roles: ['PARTNER'],
    });
    const em = stack.subgraphs.accounts.orm.em.fork();
    const attempts = await em.execute<{ outcome: string }[]>(
      'select outcome from sign_in_attempt where user_id = ?',
      [partner.id],
    );
    expect(attempts.map((a) => a.outcome)).toEqual(['OIDC_SUCCEEDED']);
  });

  it('accepts a pending invitation: the account is made with the invited role, no password', async () => {
    const email = uniqueEmail('invited');
    const em = stack.subgraphs.accounts.orm.em.fork();
    em.create(Invitation, {
      tokenHash: secretHash(randomUUID()),
      email,
      roles: ['discharge_planner'],
      invitedBy: 'dev:admin',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await em.flush();
    const done = await signInAtProvider({ email, email_verified: true, name: 'Ines Ortega' });
    expect(done.status).toBe(303);
    const { body } = await gqlWithCookie<MeData>(stack, sessionCookie(done)!.split(';')[0], ME);
    expect(expectData(body).me).toMatchObject({ email, roles: ['DISCHARGE_PLANNER'] });
  });

  it('refuses an email with no account or invitation, and creates nothing', async () => {
    const email = uniqueEmail('stranger');
    const done = await signInAtProvider({ email, email_verified: true });
    expect(done.status).toBe(403);
    expect(sessionCookie(done)).toBeUndefined();
    expect(errorOf(done).extensions.code).toBe('OIDC_UNKNOWN_EMAIL');
    const em = stack.subgraphs.accounts.orm.em.fork();
    const users = await em.execute('select id from account_user where email = ?', [email]);
    expect(users).toHaveLength(0);
    const attempts = await em.execute<{ outcome: string }[]>(
      'select outcome from sign_in_attempt where email = ?',
      [email],
    );
    expect(attempts.map((a) => a.outcome)).toEqual(['OIDC_REFUSED']);
  });

  it('sends a browser that is refused to the sign-in screen with the code; JSON when asked', async () => {
    const navigation = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    for (const [account, code] of [
      [{ email: uniqueEmail('stranger'), email_verified: true }, 'OIDC_UNKNOWN_EMAIL'],
      [
        { email: (await createUser(stack, { roles: ['partner'] })).email, email_verified: false },
        'OIDC_EMAIL_UNVERIFIED',
      ],
    ] as const) {
      idp.signInAs(randomUUID(), account);
      const person = browser(navigation);
      const start = await person.get(new URL('/auth/oidc/start', stack.gatewayUrl));
      const { url: callback } = await person.follow(new URL(start.location!), isCallback);
      const done = await person.get(callback);
      expect(done.status).toBe(303);
      expect(done.location).toBe(`/sign-in?error=${code}`);
      expect(sessionCookie(done)).toBeUndefined();
    }
    // A forged or replayed callback, too.
    const replay = await browser(navigation).get(
      new URL('/auth/oidc/callback?state=x&code=y', stack.gatewayUrl),
    );
    expect([replay.status, replay.location]).toEqual([303, '/sign-in?error=OIDC_STATE_MISMATCH']);
    const asJson = await browser('application/json').get(
      new URL('/auth/oidc/callback?state=x&code=y', stack.gatewayUrl),
    );
    expect(asJson.status).toBe(400);
    expect(errorOf(asJson).extensions.code).toBe('OIDC_STATE_MISMATCH');
  });

  it('refuses an email the provider has not verified', async () => {
    const partner = await createUser(stack, { roles: ['partner'] });
    const done = await signInAtProvider({ email: partner.email, email_verified: false });
    expect(done.status).toBe(403);
    expect(sessionCookie(done)).toBeUndefined();
    expect(errorOf(done).extensions.code).toBe('OIDC_EMAIL_UNVERIFIED');
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const partner = await createUser(stack, { roles: ['partner'] });
    const { person, callback } = await toCallback({ email: partner.email, email_verified: true });
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state');
    const done = await person.get(forged);
    expect(done.status).toBe(400);
    expect(sessionCookie(done)).toBeUndefined();
    expect(errorOf(done).extensions.code).toBe('OIDC_STATE_MISMATCH');
    // Another browser (no flow cookie) cannot finish it either.
    const elsewhere = await browser().get(callback);
    expect(elsewhere.status).toBe(400);
    expect(errorOf(elsewhere).extensions.code).toBe('OIDC_STATE_MISMATCH');
  });

  it('answers 503 when the provider is down, and bearer tokens still work', async () => {
    const partner = await createUser(stack, { roles: ['partner'] });
    const { person, callback } = await toCallback({ email: partner.email, email_verified: true });
    await idp.close();
    const done = await person.get(callback);
    expect(done.status).toBe(503);
    expect(sessionCookie(done)).toBeUndefined();
    expect(errorOf(done).extensions.code).toBe('SERVICE_UNAVAILABLE');
    const token = await stack.token({ sub: 'dev:admin', roles: ['admin'] });
    const { body } = await stack.gql<MeData>(ME, {}, token);
    expect(expectData(body).me).toMatchObject({ id: 'dev:admin', roles: ['ADMIN'] });
  });
});
