import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthenticatedError } from './errors';

export const ROLES = ['peer', 'discharge_planner', 'partner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

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

/** How far a signature's timestamp may be from the subgraph's clock. */
export const MAX_SIGNATURE_AGE_SECONDS = 60;

function mac(secret: string, timestamp: number, payload: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
}

/** The headers the gateway adds to every subgraph request: identity and `t=<unix s>,v1=<hmac>`. */
export function signIdentity(
  identity: Identity,
  secret: string,
  now: Date = new Date(),
): Record<string, string> {
  const payload = Buffer.from(JSON.stringify(identity)).toString('base64url');
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [IDENTITY_HEADER]: payload,
    [SIGNATURE_HEADER]: `t=${timestamp},v1=${mac(secret, timestamp, payload)}`,
  };
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

/**
 * Checks the gateway's signature and returns the identity it vouches for. Anything missing, stale,
 * forged or malformed is `UNAUTHENTICATED`: subgraphs answer only requests the gateway signed.
 */
export function verifyIdentity(
  headers: HeaderBag,
  secret: string,
  now: Date = new Date(),
): Identity {
  const payload = header(headers, IDENTITY_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  // Made only when refusing: an error captures a stack trace, and most requests are fine.
  const refuse = () =>
    new UnauthenticatedError(
      'This service accepts only requests signed by the gateway; send your request to the gateway.',
    );
  if (!payload || !signature) throw refuse();
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(signature);
  if (!match) throw refuse();
  const timestamp = Number(match[1]);
  if (Math.abs(now.getTime() / 1000 - timestamp) > MAX_SIGNATURE_AGE_SECONDS) throw refuse();
  const expected = Buffer.from(mac(secret, timestamp, payload), 'hex');
  const given = Buffer.from(match[2], 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refuse();
  return parseIdentity(payload, refuse);
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
  const roles = value.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  return { sub: str(value.sub), roles, org: str(value.org), peer: str(value.peer) };
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((r) => roles.includes(r));
}

export function isAdmin(identity: Identity): boolean {
  return identity.roles.includes('admin');
}
