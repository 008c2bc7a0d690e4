import type { EntityManager } from '@mikro-orm/postgresql';
import { invalidCredentials } from '../auth-error';
import {
  createSession,
  type IssuedSession,
  type SessionLifetimes,
  type SessionOrigin,
} from '../sessions/session.service';
import { normalizeEmail } from '../users/email';
import { verifyNothing, verifyPassword } from '../users/password';
import { Membership, User } from '../users/user.entity';
import { SignInAttempt, SignInOutcome } from './sign-in-attempt.entity';

export interface SignInRequest extends SessionOrigin {
  email: string;
  password: string;
}

async function record(
  em: EntityManager,
  email: string,
  userId: string | null,
  address: string | null | undefined,
  outcome: SignInOutcome,
) {
  em.create(SignInAttempt, {
    email: email.slice(0, 320),
    userId,
    address: address?.slice(0, 100) ?? null,
    outcome,
  });
  await em.flush();
}

/**
 * Whether a person who passed the password needs a second factor before the session opens. None yet:
 * TOTP for admins plugs in here, and an unfinished sign-in then gets a short-lived challenge instead.
 */
const needsSecondFactor = (_user: User, _membership: Membership): boolean => false;

/**
 * Checks an email and password and opens a session. A wrong password, an email with no account, a
 * disabled account or one without a membership all get the same refusal, in about the same time
 * (a hash is checked either way); every attempt is recorded, never the password.
 */
export async function signIn(
  em: EntityManager,
  request: SignInRequest,
  lifetimes: SessionLifetimes,
): Promise<IssuedSession> {
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
  if (needsSecondFactor(user, membership)) throw invalidCredentials();
  const session = await createSession(em, user.id, request, lifetimes);
  await record(em, email, user.id, request.address, SignInOutcome.SUCCEEDED);
  return session;
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
