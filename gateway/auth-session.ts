import type { Request, RequestHandler, Response } from 'express';
import { ErrorCode, errorBody, UnauthenticatedError } from '../subgraphs/kit/errors';
import type { Identity } from '../subgraphs/kit/identity';
import { AccountsRefusal, type AccountsClient } from './auth-accounts';
import type { TokenVerifier } from './auth';

/** How the caller proved who they are. An API key's scopes limit its mutations (auth-scopes.ts). */
export type Credential =
  { kind: 'anonymous' | 'token' | 'session' } | { kind: 'apiKey'; scopes: readonly string[] };

declare module 'express-serve-static-core' {
  interface Request {
    hubCredential?: Credential;
  }
}

/** API keys are sent as bearer tokens and told apart by their prefix (a JWT never starts so). */
export const API_KEY_PATTERN = /^Bearer\s+(rrh_[A-Za-z0-9_-]{20,100})$/i;
const SESSION_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The header a browser must send with every state-changing request that its session cookie
 * authenticates. Another site cannot add a custom header to a cross-origin request without a CORS
 * preflight, which this gateway never grants for /graphql or /auth; the Origin check refuses what
 * remains (an old browser, a misconfigured proxy).
 */
export const CSRF_HEADER = 'x-hub-csrf';

export interface SessionCookie {
  /** `__Host-` in production: the browser then insists on Secure, Path=/ and no Domain. */
  name: string;
  secure: boolean;
}

export const sessionCookie = (production: boolean): SessionCookie =>
  production
    ? { name: '__Host-hub_session', secure: true }
    : { name: 'hub_session', secure: false };

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function setSessionCookie(
  res: Response,
  cookie: SessionCookie,
  token: string,
  expiresAt: Date,
) {
  res.cookie(cookie.name, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(res: Response, cookie: SessionCookie) {
  res.clearCookie(cookie.name, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure,
    path: '/',
  });
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** Why a state-changing browser request is refused as a possible cross-site forgery, or null. */
export function csrfProblem(req: Request, allowedOrigins: readonly string[]): string | null {
  if (SAFE_METHODS.includes(req.method)) return null;
  if (!req.headers[CSRF_HEADER])
    return `Send the header "${CSRF_HEADER}: 1" with requests signed in by cookie.`;
  const origin = req.headers.origin;
  if (
    origin &&
    origin !== `${req.protocol}://${req.get('host')}` &&
    !allowedOrigins.includes(origin)
  )
    return 'This request came from another site.';
  return null;
}

const refuse = (res: Response, status: number, message: string, code: string, requestId: string) =>
  void res.status(status).json(errorBody(message, code, requestId));

export interface IdentifyOptions {
  verify: TokenVerifier;
  accounts: AccountsClient;
  cookie: SessionCookie;
  allowedOrigins: readonly string[];
}

/**
 * Turns the request's credential into the identity the subgraphs receive: a bearer JWT (as before),
 * an API key (`Authorization: Bearer rrh_...`), or a session cookie. Nothing sent means anonymous;
 * a credential that does not hold is 401, never anonymous; and when the accounts subgraph cannot
 * say whether a key or cookie holds, the answer is 503: it fails closed.
 */
export function createIdentify(options: IdentifyOptions): RequestHandler {
  const { verify, accounts, cookie } = options;
  return async (req, res, next) => {
    const { requestId } = req.hub!;
    const unavailable = () =>
      refuse(
        res,
        503,
        'Signing in is not available right now; try again shortly.',
        ErrorCode.SERVICE_UNAVAILABLE,
        requestId,
      );
    const set = (identity: Identity, credential: Credential) => {
      req.hub!.identity = identity;
      req.hubCredential = credential;
      next();
    };
    const authorization = req.headers.authorization;
    if (authorization) {
      const key = API_KEY_PATTERN.exec(authorization.trim())?.[1];
      if (key) {
        try {
          const found = await accounts.apiKey(key);
          return set(found.identity, { kind: 'apiKey', scopes: found.scopes });
        } catch (error) {
          if (!(error instanceof AccountsRefusal)) return unavailable();
          return refuse(
            res,
            401,
            'The API key is not valid or was revoked.',
            ErrorCode.UNAUTHENTICATED,
            requestId,
          );
        }
      }
      try {
        return set(await verify(authorization), { kind: 'token' });
      } catch (error) {
        const message =
          error instanceof UnauthenticatedError ? error.message : 'The token is not valid.';
        return refuse(res, 401, message, ErrorCode.UNAUTHENTICATED, requestId);
      }
    }
    const token = readCookie(req.headers.cookie, cookie.name);
    if (token === undefined) return set(req.hub!.identity, { kind: 'anonymous' });
    const problem = csrfProblem(req, options.allowedOrigins);
    if (problem) return refuse(res, 403, problem, ErrorCode.FORBIDDEN, requestId);
    const ended = () => {
      clearSessionCookie(res, cookie);
      refuse(
        res,
        401,
        'Your session has ended; sign in again.',
        ErrorCode.UNAUTHENTICATED,
        requestId,
      );
    };
    if (!SESSION_TOKEN.test(token)) return ended();
    try {
      const session = await accounts.session(token);
      return set(session.identity, { kind: 'session' });
    } catch (error) {
      if (error instanceof AccountsRefusal) return ended();
      return unavailable();
    }
  };
}
