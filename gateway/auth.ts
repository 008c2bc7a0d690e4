import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { UnauthenticatedError } from '../subgraphs/kit/errors';
import { ANONYMOUS, ROLES, type Identity, type Role } from '../subgraphs/kit/identity';
import { DEFAULT_MAX_TOKEN_HOURS, type AuthConfig } from './config';

export type TokenVerifier = (authorization: string | undefined) => Promise<Identity>;

/** How far the issuer's clock may run ahead of ours, and how late an `exp` still counts. */
export const CLOCK_SKEW_SECONDS = 60;

const isRole = (r: unknown): r is Role =>
  typeof r === 'string' && (ROLES as readonly string[]).includes(r);

/**
 * `roles` means exactly one thing: an array of known roles. A string, a singular `role`, or a role we
 * do not know is refused rather than guessed at, so a token never grants more (or other) than it says.
 */
function rolesFrom(payload: JWTPayload): Role[] {
  if ('role' in payload)
    throw new UnauthenticatedError('The token has a "role" claim; send "roles" as an array.');
  const raw = payload.roles;
  if (!Array.isArray(raw)) throw new UnauthenticatedError('The token\'s "roles" is not an array.');
  if (!raw.every(isRole))
    throw new UnauthenticatedError(`The token names a role other than ${ROLES.join(', ')}.`);
  return [...new Set(raw)];
}

function identityFrom(payload: JWTPayload, maxLifetimeSeconds: number, now: number): Identity {
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);
  const sub = str(payload.sub);
  if (!sub) throw new UnauthenticatedError('The token has no subject (sub).');
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number')
    throw new UnauthenticatedError('The token needs numeric "iat" and "exp" claims.');
  if (iat > now + CLOCK_SKEW_SECONDS)
    throw new UnauthenticatedError('The token was issued in the future.');
  if (exp - iat > maxLifetimeSeconds)
    throw new UnauthenticatedError(
      `The token lives longer than ${maxLifetimeSeconds / 3600} hours; ask for a shorter one.`,
    );
  return { sub, roles: rolesFrom(payload), org: str(payload.org), peer: str(payload.peer) };
}

/**
 * Verifies bearer tokens with jose: HS256 with a shared secret, or a JWKS endpoint, checking issuer and
 * audience whenever they are configured (production requires them). A token must carry `sub`, `iat`
 * and `exp`, live no longer than the configured maximum and not be issued in the future. No header
 * means anonymous; a header that does not verify is UNAUTHENTICATED, never anonymous.
 */
export function createTokenVerifier(auth: AuthConfig): TokenVerifier {
  const key = auth.jwksUrl
    ? createRemoteJWKSet(new URL(auth.jwksUrl))
    : new TextEncoder().encode(auth.jwtSecret ?? '');
  const maxLifetimeSeconds = (auth.maxTokenHours ?? DEFAULT_MAX_TOKEN_HOURS) * 3600;
  const options = {
    issuer: auth.issuer,
    audience: auth.audience,
    algorithms: auth.jwksUrl ? ['RS256', 'PS256', 'ES256', 'EdDSA'] : ['HS256'],
    clockTolerance: CLOCK_SKEW_SECONDS,
    maxTokenAge: maxLifetimeSeconds,
    requiredClaims: [
      'exp',
      'iat',
      ...(auth.issuer ? ['iss'] : []),
      ...(auth.audience ? ['aud'] : []),
    ],
  };
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization.trim());
    if (!match)
      throw new UnauthenticatedError('Send the token as "Authorization: Bearer <token>".');
    try {
      const { payload } = await jwtVerify(
        match[1],
        key as Parameters<typeof jwtVerify>[1],
        options,
      );
      return identityFrom(payload, maxLifetimeSeconds, Math.floor(Date.now() / 1000));
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new UnauthenticatedError(
        expired ? 'The token has expired; sign in again.' : 'The token is not valid.',
      );
    }
  };
}
