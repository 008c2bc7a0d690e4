import type { EntityManager } from '@mikro-orm/postgresql';
import { invalidCredentials } from '../auth-error';
import {
  createSession,
  type IssuedSession,
  type SessionLifetimes,
  type SessionOrigin,
} from '../sessions/session.service';
import {
  checkSecondFactor,
  SecondFactorCode,
  SecondFactorRefusal,
  startEnrolment,
  type SecondFactorUsed,
  type TotpEnrolment,
  type TotpSettings,
} from '../totp/totp.service';
import { normalizeEmail } from '../users/email';
import { verifyNothing, verifyPassword } from '../users/password';
import { Membership, User } from '../users/user.entity';
import { SignInAttempt, SignInOutcome } from './sign-in-attempt.entity';

export interface SignInRequest extends SessionOrigin {
  email: string;
  password: string;
  /** The authenticator app's code, when the person has one. */
  code?: string | null;
}

export async function record(
  em: EntityManager,
  email: string,
  userId: string | null,
  address: string | null | undefined,
  outcome: SignInOutcome,
  actorId: string | null = null,
) {
  em.create(SignInAttempt, {
    email: email.slice(0, 320),
    userId,
    address: address?.slice(0, 100) ?? null,
    outcome,
    actorId,
  });
  await em.flush();
}

/**
 * Checks an email and password. A wrong password, an email with no account, a disabled account or
 * one without a membership all get the same refusal, in about the same time (a hash is checked
 * either way); a refusal is recorded, never the password.
 */
async function checkPassword(em: EntityManager, request: SignInRequest) {
  const email = normalizeEmail(request.email);
  const user = await em.findOne(User, { email });
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, request.password)
    : await verifyNothing(request.password);
  const membership = user ? await em.findOne(Membership, { userId: user.id }) : null;
  if (!user || !valid || user.status !== 'ACTIVE' || !membership) {
    await record(em, email, user?.id ?? null, request.address, SignInOutcome.INVALID_CREDENTIALS);
    throw invalidCredentials();
  }
  return { email, user, membership };
}

/**
 * Checks an email and password, then the authenticator code when the person has an app (or must:
 * directory admins in production), and opens a session. Every attempt is recorded.
 */
export async function signIn(
  em: EntityManager,
  request: SignInRequest,
  lifetimes: SessionLifetimes,
  totp: TotpSettings,
): Promise<IssuedSession> {
  const { email, user, membership } = await checkPassword(em, request);
  let used: SecondFactorUsed;
  try {
    used = await checkSecondFactor(em, user, membership.roles, request.code, totp);
  } catch (error) {
    if (error instanceof SecondFactorRefusal) {
      const asked =
        error.reason === SecondFactorCode.REQUIRED ||
        error.reason === SecondFactorCode.ENROLMENT_REQUIRED;
      const outcome = asked
        ? SignInOutcome.SECOND_FACTOR_REQUIRED
        : SignInOutcome.SECOND_FACTOR_FAILED;
      await record(em, email, user.id, request.address, outcome);
    }
    throw error;
  }
  const session = await createSession(em, user.id, request, lifetimes);
  const outcome =
    used === 'recovery' ? SignInOutcome.SUCCEEDED_WITH_RECOVERY_CODE : SignInOutcome.SUCCEEDED;
  await record(em, email, user.id, request.address, outcome);
  return session;
}

/**
 * Sets up an authenticator app for a person who proves their password again: the secret and its
 * otpauth:// URI are answered this once, and the next sign-in with a valid code confirms the app.
 */
export async function enrolTotp(
  em: EntityManager,
  request: SignInRequest,
  totp: TotpSettings,
): Promise<TotpEnrolment> {
  const { user } = await checkPassword(em, request);
  return startEnrolment(em, user, totp);
}

/** An attempt refused before any check (too many tries): recorded like the others. */
export async function recordLockedOut(
  em: EntityManager,
  rawEmail: string,
  address: string | null | undefined,
) {
  const email = normalizeEmail(rawEmail);
  const user = await em.findOne(User, { email }, { fields: ['id'] });
  await record(em, email, user?.id ?? null, address, SignInOutcome.LOCKED_OUT);
}
