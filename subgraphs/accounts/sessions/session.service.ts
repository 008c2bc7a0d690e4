import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity, Role } from '../../kit/identity';
import { newSecret, secretHash } from '../secrets';
import { Session } from './session.entity';

export interface SessionLifetimes {
  idleHours: number;
  maxDays: number;
}

/** Where a session was opened from, as the gateway saw it. */
export interface SessionOrigin {
  address?: string | null;
  userAgent?: string | null;
}

/** A new session: the secret for the cookie (shown once, stored only as a hash) and its ends. */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
  idleExpiresAt: Date;
}

const HOUR = 3_600_000;
/** A session's last use is written at most this often: one write a minute, not one per request. */
const LAST_SEEN_GRANULARITY_MS = 60_000;

/**
 * Opens a session for a person whose credentials were checked: a password here, an identity
 * provider's callback or a second factor in the future. Everything that signs a person in ends here.
 */
export async function createSession(
  em: EntityManager,
  userId: string,
  origin: SessionOrigin,
  lifetimes: SessionLifetimes,
  now = new Date(),
): Promise<IssuedSession> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + lifetimes.maxDays * 24 * HOUR);
  em.create(Session, {
    tokenHash: secretHash(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    address: origin.address?.slice(0, 100) ?? null,
    userAgent: origin.userAgent?.slice(0, 400) ?? null,
  });
  await em.flush();
  return { token, expiresAt, idleExpiresAt: idleEnd(now, expiresAt, lifetimes) };
}

const idleEnd = (lastSeen: Date, expiresAt: Date, lifetimes: SessionLifetimes) =>
  new Date(Math.min(lastSeen.getTime() + lifetimes.idleHours * HOUR, expiresAt.getTime()));

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date;
  last_seen_at: Date;
  roles: Role[];
  organization_id: string | null;
  peer_id: string | null;
}

export interface ResolvedSession {
  identity: Identity;
  expiresAt: Date;
  idleExpiresAt: Date;
}

/**
 * The identity a session cookie stands for, or null when the session is unknown, revoked, idle too
 * long, past its end, or its person is disabled or no longer a member. Gateways cache the answer
 * for seconds and drop it when the session_events triggers announce a change (session-events.ts).
 */
export async function resolveSession(
  em: EntityManager,
  token: string,
  lifetimes: SessionLifetimes,
  now = new Date(),
): Promise<ResolvedSession | null> {
  const idleSince = new Date(now.getTime() - lifetimes.idleHours * HOUR);
  const rows = await em.execute<SessionRow[]>(
    `select s.id, s.user_id, s.expires_at, s.last_seen_at, m.roles, m.organization_id, m.peer_id
       from session s
       join account_user u on u.id = s.user_id and u.status = 'ACTIVE'
       join membership m on m.user_id = s.user_id
      where s.token_hash = ? and s.revoked_at is null and s.expires_at > ? and s.last_seen_at > ?`,
    [secretHash(token), now, idleSince],
  );
  const row = rows[0];
  if (!row) return null;
  let lastSeen = new Date(row.last_seen_at);
  if (now.getTime() - lastSeen.getTime() > LAST_SEEN_GRANULARITY_MS) {
    await em.execute('update session set last_seen_at = ? where id = ?', [now, row.id]);
    lastSeen = now;
  }
  const expiresAt = new Date(row.expires_at);
  return {
    identity: identityOf(row.user_id, row),
    expiresAt,
    idleExpiresAt: idleEnd(lastSeen, expiresAt, lifetimes),
  };
}

export const identityOf = (
  userId: string,
  membership: { roles: Role[]; organization_id: string | null; peer_id: string | null },
): Identity => ({
  sub: userId,
  roles: [...membership.roles],
  org: membership.organization_id,
  peer: membership.peer_id,
});

/** Signs one browser out. */
export async function endSession(em: EntityManager, token: string, now = new Date()) {
  await em.execute(
    'update session set revoked_at = ? where token_hash = ? and revoked_at is null',
    [now, secretHash(token)],
  );
}

/** Signs a person out everywhere (removed from their organization, new password). */
export async function revokeUserSessions(em: EntityManager, userId: string, now = new Date()) {
  await em.execute('update session set revoked_at = ? where user_id = ? and revoked_at is null', [
    now,
    userId,
  ]);
}
