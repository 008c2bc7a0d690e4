import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { UnauthenticatedError } from '../subgraphs/kit/errors';
import { ANONYMOUS, ROLES, type Identity, type Role } from '../subgraphs/kit/identity';
import type { AuthConfig } from './config';

export type TokenVerifier = (authorization: string | undefined) => Promise<Identity>;

function identityFrom(payload: JWTPayload): Identity {
  const raw = payload.roles ?? payload.role;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const roles = list.filter((r): r is Role => (ROLES as readonly string[]).includes(String(r)));
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);
  if (!str(payload.sub)) throw new UnauthenticatedError('The token has no subject (sub).');
  return { sub: str(payload.sub), roles, org: str(payload.org), peer: str(payload.peer) };
}

/**
 * Verifies bearer tokens with jose: HS256 with a shared secret, or a JWKS endpoint with issuer and
 * audience. No header means anonymous; a header that does not verify is UNAUTHENTICATED, never anonymous.
 */
export function createTokenVerifier(auth: AuthConfig): TokenVerifier {
  const key = auth.jwksUrl
    ? createRemoteJWKSet(new URL(auth.jwksUrl))
    : new TextEncoder().encode(auth.jwtSecret ?? '');
  const options = {
    issuer: auth.issuer,
    audience: auth.audience,
    algorithms: auth.jwksUrl ? ['RS256', 'PS256', 'ES256', 'EdDSA'] : ['HS256'],
    clockTolerance: 30,
    requiredClaims: ['exp'],
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
      return identityFrom(payload);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new UnauthenticatedError(
        expired ? 'The token has expired; sign in again.' : 'The token is not valid.',
      );
    }
  };
}
