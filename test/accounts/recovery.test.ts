import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, expectError } from '../support/expect';
import { startStack, type TestStack } from '../support/stack';
import { authPost, cookieOf, createUser, gqlWithCookie, type TestUser } from './support';

interface EnrolmentBody {
  secret: string;
  uri: string;
  recoveryCodes: string[];
}
interface AttemptsData {
  signInAttempts: { outcome: string; actorId: string | null }[];
}

const PERIOD_MS = 30_000;
const codeFor = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + steps * PERIOD_MS,
  });
const errorCode = (response: {
  body: { errors?: { extensions?: Record<string, unknown> }[] } | null;
}) => response.body?.errors?.[0].extensions?.code;
const REGENERATE = 'mutation($code: String!) { regenerateRecoveryCodes(code: $code) }';
const RESET = 'mutation($id: ID!) { resetSecondFactor(userId: $id) }';
const ATTEMPTS = 'query($id: ID!) { signInAttempts(userId: $id, first: 5) { outcome actorId } }';

describe('recovery codes and second-factor resets, through the gateway', () => {
  let stack: TestStack;
  let adminId: string;
  let adminToken: string;

  beforeAll(async () => {
    stack = await startStack({
      signIn: { accountFailures: 20, addressFailures: 1000, windowMinutes: 15, lockoutMinutes: 5 },
    });
    adminId = randomUUID();
    adminToken = await stack.token({ sub: adminId, roles: ['admin'] });
  });
  afterAll(() => stack?.stop());

  const signIn = (user: TestUser, code?: string) =>
    authPost(stack, '/auth/sign-in', { email: user.email, password: user.password, code });

  /** A partner with a confirmed app: the enrolment's secret and recovery codes, and a session. */
  async function enrolled() {
    const user = await createUser(stack, { roles: ['partner'] });
    const response = await authPost(stack, '/auth/totp/enrol', {
      email: user.email,
      password: user.password,
    });
    expect(response.status).toBe(200);
    const { secret, recoveryCodes } = response.body as EnrolmentBody;
    const confirmed = await signIn(user, codeFor(secret));
    expect(confirmed.status).toBe(204);
    return { user, secret, recoveryCodes, cookie: cookieOf(confirmed) };
  }

  it('shows ten different codes once at enrolment; each signs in once in place of the app', async () => {
    const { user, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);

    expect(errorCode(await signIn(user))).toBe('SECOND_FACTOR_REQUIRED');
    // Typed as a person might: upper case, without the dash.
    const typed = recoveryCodes[3].toUpperCase().replace('-', ' ');
    const first = await signIn(user, typed);
    expect(first.status).toBe(204);
    const again = await signIn(user, recoveryCodes[3]);
    expect(again.status).toBe(401);
    expect(errorCode(again)).toBe('INVALID_CODE');
    expect((await signIn(user, 'zzzzz-zzzzz')).status).toBe(401);
    expect((await signIn(user, recoveryCodes[4])).status).toBe(204);

    const { body } = await stack.gql<AttemptsData>(ATTEMPTS, { id: user.id }, adminToken);
    expect(expectData(body).signInAttempts.map((a) => a.outcome)).toContain(
      'SUCCEEDED_WITH_RECOVERY_CODE',
    );
  });

  it('a recovery code cannot confirm an app that was never confirmed', async () => {
    const user = await createUser(stack, { roles: ['partner'] });
    const response = await authPost(stack, '/auth/totp/enrol', {
      email: user.email,
      password: user.password,
    });
    const { recoveryCodes } = response.body as EnrolmentBody;
    const refused = await signIn(user, recoveryCodes[0]);
    expect(refused.status).toBe(401);
    expect(errorCode(refused)).toBe('INVALID_CODE');
  });

  it('a person regenerates their codes with a code from the app; the old ones stop working', async () => {
    const { user, secret, recoveryCodes, cookie } = await enrolled();
    const wrong = await gqlWithCookie(stack, cookie, REGENERATE, { code: '000000' });
    expectError(wrong.body, 'BAD_USER_INPUT');
    const { body } = await gqlWithCookie<{ regenerateRecoveryCodes: string[] }>(
      stack,
      cookie,
      REGENERATE,
      { code: codeFor(secret, 1) },
    );
    const fresh = expectData(body).regenerateRecoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    expect(errorCode(await signIn(user, recoveryCodes[0]))).toBe('INVALID_CODE');
    expect((await signIn(user, fresh[0])).status).toBe(204);
  });

  it('a directory admin resets a lost second factor: sessions end, the password alone signs in, audited', async () => {
    const { user, cookie } = await enrolled();
    const partner = await createUser(stack, { roles: ['partner'] });
    const partnerCookie = cookieOf(await signIn(partner));
    const forbidden = await gqlWithCookie(stack, partnerCookie, RESET, { id: user.id });
    expectError(forbidden.body, 'FORBIDDEN');
    expectError((await stack.gql(RESET, { id: randomUUID() }, adminToken)).body, 'NOT_FOUND');

    const { body } = await stack.gql<{ resetSecondFactor: boolean }>(
      RESET,
      { id: user.id },
      adminToken,
    );
    expect(expectData(body).resetSecondFactor).toBe(true);
    expect((await gqlWithCookie(stack, cookie, '{ me { id } }')).status).toBe(401);
    expect((await signIn(user)).status).toBe(204);

    const audit = await stack.gql<AttemptsData>(ATTEMPTS, { id: user.id }, adminToken);
    expect(expectData(audit.body).signInAttempts).toContainEqual({
      outcome: 'SECOND_FACTOR_RESET',
      actorId: adminId,
    });
  });
});
