import type { EntityManager } from '@mikro-orm/postgresql';
import { AuthRefusal } from '../auth-error';
import { Invitation } from '../invitations/invitation.entity';
import {
  createSession,
  type IssuedSession,
  type SessionLifetimes,
  type SessionOrigin,
} from '../sessions/session.service';
import { normalizeEmail } from '../users/email';
import { Membership, User } from '../users/user.entity';
import { record } from './sign-in.service';
import { SignInOutcome } from './sign-in-attempt.entity';

export interface ProviderSignInRequest extends SessionOrigin {
  email: string;
  emailVerified: boolean;
  displayName?: string | null;
  issuer: string;
  subject: string;
}

const refused = {
  unverified: () =>
    new AuthRefusal(
      403,
      'OIDC_EMAIL_UNVERIFIED',
      'Your identity provider has not verified your email address.',
    ),
  unknown: () =>
    new AuthRefusal(
      403,
      'OIDC_UNKNOWN_EMAIL',
      'There is no account or invitation for this email; ask your organization to invite you.',
    ),
};

/**
 * Single sign-on: the identity provider vouched for an email. It must be verified there, and must
 * belong to an active person with a membership, or to a pending invitation (which this accepts:
 * the account is made without a password). An email no one invited gets no account. Every attempt
 * is recorded.
 */
export async function providerSignIn(
  em: EntityManager,
  request: ProviderSignInRequest,
  lifetimes: SessionLifetimes,
): Promise<IssuedSession> {
  const email = normalizeEmail(request.email);
  const user = await em.findOne(User, { email });
  const fail = async (error: AuthRefusal) => {
    await record(em, email, user?.id ?? null, request.address, SignInOutcome.OIDC_REFUSED);
    return error;
  };
  if (!request.emailVerified) throw await fail(refused.unverified());
  const membership = user ? await em.findOne(Membership, { userId: user.id }) : null;
  if (user && membership) {
    if (user.status !== 'ACTIVE') throw await fail(refused.unknown());
    const session = await createSession(em, user.id, request, lifetimes);
    await record(em, email, user.id, request.address, SignInOutcome.OIDC_SUCCEEDED);
    return session;
  }
  const session = await em.transactional(async (tx) => {
    const claimed = await tx.execute<{ id: string }[]>(
      `update invitation set accepted_at = now()
        where id = (select id from invitation
                     where email = ? and accepted_at is null and revoked_at is null
                       and expires_at > now()
                     order by created_at desc limit 1)
          and accepted_at is null
        returning id`,
      [email],
    );
    if (claimed.length === 0) return null;
    const invitation = await tx.findOneOrFail(Invitation, { id: claimed[0].id });
    const displayName = request.displayName?.trim() || email.split('@')[0];
    let person = await tx.findOne(User, { email });
    if (person) Object.assign(person, { displayName, status: 'ACTIVE' });
    else person = tx.create(User, { email, displayName, passwordHash: null });
    tx.create(Membership, {
      userId: person.id,
      organizationId: invitation.organizationId ?? null,
      roles: invitation.roles,
      manager: invitation.manager,
      peerId: invitation.peerId ?? null,
    });
    await tx.flush();
    return { userId: person.id, session: await createSession(tx, person.id, request, lifetimes) };
  });
  if (!session) throw await fail(refused.unknown());
  await record(em, email, session.userId, request.address, SignInOutcome.OIDC_SUCCEEDED);
  return session.session;
}
