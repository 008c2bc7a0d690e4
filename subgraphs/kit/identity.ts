import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { UnauthenticatedError } from './errors';

/** The roles a person can hold: what the gateway derives from a credential. */
export const ROLES = ['peer', 'discharge_planner', 'partner', 'admin'] as const;
/**
 * A subgraph calling another signs as a service (`sub: service:<name>`) with this role, never `admin`;
 * each subgraph grants it exactly what its callers need. Never derived from a client's credential.
 */
export const SERVICE_ROLE = 'service';
export type Role = (typeof ROLES)[number] | typeof SERVICE_ROLE;
const KNOWN_ROLES: readonly string[] = [...ROLES, SERVICE_ROLE];

/** Who is calling, as verified by the gateway. Anonymous callers have no `sub` and no roles. */
export interface Identity {
  sub: string | null;
  roles: Role[];
  org: string | null;
  peer: string | null;
}

export const ANONYMOUS: Identity = Object.freeze({ sub: null, roles: [], org: null, peer: null });

export const IDENTITY_HEADER = 'x-hub-identity';
export const SIGNATURE_HEADER = 'x-hub-signature';
export const REQUEST_ID_HEADER = 'x-request-id';

/** How far a signature's timestamp may be from the subgraph's clock, either way. */
export const MAX_SIGNATURE_AGE_SECONDS = 30;

/**
 * The request a signature is for. Binding all of it means a captured header is good for nothing but
 * the one request it came with: not another body, route, method or subgraph.
 */
export interface SignedTarget {
  method: string;
  /** Path and query string, as sent (`/graphql`, `/hsds/services?page=2`). */
  path: string;
  /** The name of the subgraph that is to accept it (`resources`). */
  audience: string;
  /** The raw body; none (a GET) is the same as empty. */
  body?: string | Uint8Array;
}

function digest(body: string | Uint8Array | undefined): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('hex');
}

function mac(
  secret: string,
  timestamp: number,
  nonce: string,
  target: SignedTarget,
  payload: string,
): string {
  const signed = [
    'v2',
    timestamp,
    nonce,
    target.method.toUpperCase(),
    target.path,
    target.audience,
    digest(target.body),
    payload,
  ].join('\n');
  return createHmac('sha256', secret).update(signed).digest('hex');
}

/** The identity as it travels in its header. */
export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

/**
 * The headers that vouch for one request: the identity and `t=<unix s>,n=<nonce>,v2=<hmac>` over
 * the identity, time, nonce, method, path, audience and body digest.
 */
export function signIdentity(
  identity: Identity,
  secret: string,
  target: SignedTarget,
  now: Date = new Date(),
): Record<string, string> {
  return signEncodedIdentity(encodeIdentity(identity), secret, target, now);
}

/** As signIdentity, for an identity already in its header form. */
export function signEncodedIdentity(
  payload: string,
  secret: string,
  target: SignedTarget,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const nonce = randomBytes(16).toString('base64url');
  return {
    [IDENTITY_HEADER]: payload,
    [SIGNATURE_HEADER]: `t=${timestamp},n=${nonce},v2=${mac(secret, timestamp, nonce, target, payload)}`,
  };
}

/**
 * The nonces of signatures already accepted, each kept until its timestamp leaves the window, so a
 * signature is accepted once. Per process: a subgraph with several replicas is protected per
 * replica. Bounded: when full of live nonces it refuses (fails closed) rather than forget one.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 500_000) {}

  /** False when the nonce was seen before (or the cache is full); records it otherwise. */
  accept(nonce: string, expiresAtMs: number, nowMs: number): boolean {
    this.prune(nowMs);
    if (this.seen.has(nonce) || this.seen.size >= this.capacity) return false;
    this.seen.set(nonce, expiresAtMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Insertion order is nearly expiry order: drop from the oldest until one is still live. */
  private prune(nowMs: number): void {
    for (const [nonce, expiresAt] of this.seen) {
      if (expiresAt > nowMs) break;
      this.seen.delete(nonce);
    }
  }
}

type HeaderValue = string | string[] | undefined;
type HeaderBag = Record<string, HeaderValue> | { get(name: string): string | null | undefined };

function header(headers: HeaderBag, name: string): string | undefined {
  const value =
    typeof headers.get === 'function'
      ? (headers as { get(name: string): string | null | undefined }).get(name)
      : (headers as Record<string, HeaderValue>)[name];
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value ?? undefined;
}

export interface VerifyOptions {
  /** Nonces already accepted by this subgraph; without one, replays within the window pass. */
  replay?: ReplayCache;
  now?: Date;
}

/**
 * Checks the signature on one request and returns the identity it vouches for. Anything missing,
 * stale, replayed, forged, signed for another request or malformed is `UNAUTHENTICATED`: subgraphs
 * answer only requests the gateway (or a sibling subgraph) signed for them.
 */
export function verifyIdentity(
  headers: HeaderBag,
  secret: string,
  target: SignedTarget,
  options: VerifyOptions = {},
): Identity {
  const now = options.now ?? new Date();
  const payload = header(headers, IDENTITY_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  // Made only when refusing: an error captures a stack trace, and most requests are fine.
  const refuse = () =>
    new UnauthenticatedError(
      'This service accepts only requests signed by the gateway; send your request to the gateway.',
    );
  if (!payload || !signature) throw refuse();
  const match = /^t=(\d{1,12}),n=([A-Za-z0-9_-]{16,64}),v2=([0-9a-f]{64})$/.exec(signature);
  if (!match) throw refuse();
  const timestamp = Number(match[1]);
  const nonce = match[2];
  if (Math.abs(now.getTime() / 1000 - timestamp) > MAX_SIGNATURE_AGE_SECONDS) throw refuse();
  const expected = Buffer.from(mac(secret, timestamp, nonce, target, payload), 'hex');
  const given = Buffer.from(match[3], 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refuse();
  const identity = parseIdentity(payload, refuse);
  // Only after the MAC holds: forged requests cannot fill the cache.
  const expiresAtMs = (timestamp + MAX_SIGNATURE_AGE_SECONDS + 1) * 1000;
  if (options.replay && !options.replay.accept(nonce, expiresAtMs, now.getTime())) throw refuse();
  return identity;
}

function parseIdentity(payload: string, refuse: () => Error): Identity {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const value = raw as Partial<Identity> | null;
  if (!value || typeof value !== 'object' || !Array.isArray(value.roles)) throw refuse();
  const roles = value.roles.filter((r): r is Role => KNOWN_ROLES.includes(r));
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  return { sub: str(value.sub), roles, org: str(value.org), peer: str(value.peer) };
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((r) => roles.includes(r));
}

export function isAdmin(identity: Identity): boolean {
  return identity.roles.includes('admin');
}
