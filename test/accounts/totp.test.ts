import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData } from '../support/expect';
import { startStack, type TestStack } from '../support/stack';
import { authPost, cookieOf, createUser, gqlWithCookie, type TestUser } from './support';

interface Enrolment {
  secret: string;
  uri: string;
}

const ME = '{ me { id roles } }';
interface MeData {
  me: { id: string; roles: string[] } | null;
}

const PERIOD_MS = 30_000;
/** The code an authenticator app shows for this secret, `steps` periods from now. */
const codeFor = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + steps * PERIOD_MS,
  });

const errorCode = (response: {
  body: { errors?: { extensions?: Record<string, unknown> }[] } | null;
}) => response.body?.errors?.[0].extensions?.code;

describe('second factor (TOTP) through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    // As in production: admins must use an authenticator app. Three failures lock an account.
    stack = await startStack(
      {
        signIn: { accountFailures: 3, addressFailures: 1000, windowMinutes: 15, lockoutMinutes: 5 },
      },
      { subgraphOptions: { accounts: { totpRequiredForAdmins: true } } },
    );
  });
  afterAll(() => stack?.stop());

  const enrol = async (user: TestUser) => {
    const response = await authPost(stack, '/auth/totp/enrol', {
      email: user.email,
      password: user.password,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return response.body as unknown as Enrolment;
  };
  const signIn = (user: TestUser, code?: string) =>
    authPost(stack, '/auth/sign-in', { email: user.email, password: user.password, code });

  it('tells an admin without an app to set one up, and confirms it with the first valid code', async () => {
    const admin = await createUser(stack, { roles: ['admin'] });
    const first = await signIn(admin);
    expect(first.status).toBe(401);
    expect(first.setCookie).toBeNull();
    expect(errorCode(first)).toBe('TOTP_ENROLMENT_REQUIRED');

    const { secret, uri } = await enrol(admin);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = new URL(uri);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.searchParams.get('secret')).toBe(secret);
    expect(parsed.searchParams.get('algorithm')).toBe('SHA1');
    expect(parsed.searchParams.get('digits')).toBe('6');
    expect(parsed.searchParams.get('period')).toBe('30');
    // Not set up until a code proves the app has the secret.
    expect(errorCode(await signIn(admin))).toBe('TOTP_ENROLMENT_REQUIRED');

    const wrong = await signIn(admin, codeFor(secret, 10));
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong)).toBe('INVALID_CODE');
    const code = codeFor(secret);
    const ok = await signIn(admin, code);
    expect(ok.status).toBe(204);
    const { body } = await gqlWithCookie<MeData>(stack, cookieOf(ok), ME);
    expect(expectData(body).me).toEqual({ id: admin.id, roles: ['ADMIN'] });

    // Now a password alone is not enough, the same code does not work twice, and the secret is
    // never handed out again.
    const asked = await signIn(admin);
    expect(asked.status).toBe(401);
    expect(asked.body?.errors?.[0].message).toBe(
      'Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
    );
    expect(errorCode(asked)).toBe('SECOND_FACTOR_REQUIRED');
    const replay = await signIn(admin, code);
    expect(replay.status).toBe(401);
    expect(errorCode(replay)).toBe('CODE_ALREADY_USED');
    const again = await authPost(stack, '/auth/totp/enrol', {
      email: admin.email,
      password: admin.password,
    });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('TOTP_ALREADY_ENROLLED');
    expect((await signIn(admin, codeFor(secret, 1))).status).toBe(204);
  });

  it('keeps the secret sealed in the database and records each step of the sign-in', async () => {
    const admin = await createUser(stack, { roles: ['admin'] });
    const { secret } = await enrol(admin);
    expect((await signIn(admin, '000000')).status).toBe(401);
    expect((await signIn(admin, codeFor(secret))).status).toBe(204);
    const em = stack.subgraphs.accounts.orm.em.fork();
    const [row] = await em.execute<{ sealed_secret: string }[]>(
      'select sealed_secret from totp_factor where user_id = ?',
      [admin.id],
    );
    expect(row.sealed_secret).not.toContain(secret);
    const attempts = await em.execute<{ outcome: string }[]>(
      'select outcome from sign_in_attempt where user_id = ? order by at',
      [admin.id],
    );
    expect(attempts.map((a) => a.outcome)).toEqual(['SECOND_FACTOR_FAILED', 'SUCCEEDED']);
  });

  it('leaves the app optional for others, and asks for it once they set it up', async () => {
    const partner = await createUser(stack, { roles: ['partner'] });
    expect((await signIn(partner)).status).toBe(204);
    const { secret } = await enrol(partner);
    // Not confirmed yet: the password alone still works.
    expect((await signIn(partner)).status).toBe(204);
    expect((await signIn(partner, codeFor(secret))).status).toBe(204);
    expect(errorCode(await signIn(partner))).toBe('SECOND_FACTOR_REQUIRED');
  });

  it('refuses enrolment with a wrong password', async () => {
    const partner = await createUser(stack, { roles: ['partner'] });
    const response = await authPost(stack, '/auth/totp/enrol', {
      email: partner.email,
      password: 'not the password at all',
    });
    expect(response.status).toBe(401);
    expect(errorCode(response)).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after repeated wrong codes, even for the right one', async () => {
    const admin = await createUser(stack, { roles: ['admin'] });
    const { secret } = await enrol(admin);
    expect((await signIn(admin, codeFor(secret))).status).toBe(204);
    for (let i = 0; i < 3; i++)
      expect(errorCode(await signIn(admin, '000000'))).toBe('INVALID_CODE');
    const locked = await signIn(admin, codeFor(secret, 1));
    expect(locked.status).toBe(429);
    expect(errorCode(locked)).toBe('RATE_LIMITED');
  });
});
