import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import * as oidc from 'openid-client';
import { ErrorCode, errorBody } from '../subgraphs/kit/errors';
import type { Logger } from '../subgraphs/kit/logger';
import { AccountsRefusal, type AccountsClient } from './auth-accounts';
import { readCookie, setSessionCookie, type SessionCookie } from './auth-session';
import type { OidcConfig } from './config';
import { onlyMethods } from './http-hygiene';
import { requestAddress } from './limits';

/** How long a person has at the provider between /start and /callback. */
const FLOW_MINUTES = 10;
const FLOW_PATH = '/auth/oidc';
/** Where a browser lands after a refusal, with `?error=<code>` (the web app's sign-in screen). */
export const SIGN_IN_PAGE = '/sign-in';

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  /** Where in the app to land after signing in (`?next=` of /start: a path of this origin). */
  next?: string;
  /** Epoch milliseconds. */
  expires: number;
}

/** A path of this origin to land on: "/inbox?x=1" yes; "//evil.example", "https://…" never. */
export function landingPath(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > 500) return undefined;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return undefined;
  return next;
}

/** Why a single sign-on ended without a session; `status` and `code` are what the browser gets. */
class OidcRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const providerDown = () =>
  new OidcRefusal(
    503,
    ErrorCode.SERVICE_UNAVAILABLE,
    'The identity provider did not answer; try again shortly.',
  );

/** The flow's secrets travel in an HttpOnly cookie, signed so a browser cannot forge one. */
function flowSealer(identitySecret: string) {
  const key = Buffer.from(hkdfSync('sha256', identitySecret, 'gateway', 'oidc-flow-cookie', 32));
  const mac = (data: string) => createHmac('sha256', key).update(data).digest('base64url');
  return {
    seal: (flow: Flow) => {
      const data = Buffer.from(JSON.stringify(flow)).toString('base64url');
      return `${data}.${mac(data)}`;
    },
    open: (value: string | undefined): Flow | null => {
      const [data, signature] = (value ?? '').split('.');
      if (!data || !signature) return null;
      const expected = Buffer.from(mac(data));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      const flow = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as Flow;
      return flow.expires > Date.now() ? flow : null;
    },
  };
}

export interface OidcRoutesOptions {
  config: OidcConfig;
  accounts: AccountsClient;
  cookie: SessionCookie;
  identitySecret: string;
  production: boolean;
  logger: Logger;
  /** Where the browser lands after signing in; the web app's home by default. */
  landing?: string;
}

/**
 * Single sign-on with a county's OpenID provider (authorization code flow, PKCE S256, state and
 * nonce). The provider vouches for a verified email; the accounts subgraph maps it to a person who
 * already has an account or an invitation (never a new one) and opens the same session a password
 * sign-in opens.
 */
export function oidcRoutes(options: OidcRoutesOptions): Router {
  const { config, accounts, cookie, logger } = options;
  const router = express.Router();
  const flows = flowSealer(options.identitySecret);
  const flowCookie = options.production ? '__Host-hub_oidc' : 'hub_oidc';
  const flowCookieOptions = {
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level navigation, which carries Lax cookies.
    sameSite: 'lax' as const,
    secure: options.production,
    path: options.production ? '/' : FLOW_PATH,
  };

  // Discovered once; a failed discovery is retried on the next sign-in.
  let discovered: Promise<oidc.Configuration> | undefined;
  const provider = () => {
    discovered ??= oidc
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, {
        // Development and tests may run a provider on plain HTTP; production never.
        execute: options.production ? [] : [oidc.allowInsecureRequests],
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        logger.warn({ err: error }, 'identity provider discovery failed');
        throw providerDown();
      });
    return discovered;
  };

  const fail = (req: Request, res: Response, error: unknown) => {
    const refusal =
      error instanceof OidcRefusal || error instanceof AccountsRefusal
        ? error
        : new OidcRefusal(
            503,
            ErrorCode.SERVICE_UNAVAILABLE,
            'Signing in is not available right now; try again shortly.',
          );
    // A browser that navigated here lands on the app's sign-in screen, which explains the code; a
    // client that asks for JSON (or for anything) gets the error body.
    if (req.accepts(['json', 'html']) === 'html')
      return res.redirect(303, `${SIGN_IN_PAGE}?error=${encodeURIComponent(refusal.code)}`);
    res.status(refusal.status).json(errorBody(refusal.message, refusal.code, req.hub!.requestId));
  };

  router.get('/start', async (req, res) => {
    try {
      const server = await provider();
      const redirectUri =
        config.redirectUri ?? `${req.protocol}://${req.get('host')}${FLOW_PATH}/callback`;
      const flow: Flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
        redirectUri,
        next: landingPath(req.query.next),
        expires: Date.now() + FLOW_MINUTES * 60_000,
      };
      const target = oidc.buildAuthorizationUrl(server, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      res.cookie(flowCookie, flows.seal(flow), {
        ...flowCookieOptions,
        maxAge: FLOW_MINUTES * 60_000,
      });
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, target.href);
    } catch (error) {
      fail(req, res, error);
    }
  });
  router.all('/start', onlyMethods('GET'));

  router.get('/callback', async (req, res) => {
    // One use: the flow cookie goes whatever happens next.
    res.clearCookie(flowCookie, flowCookieOptions);
    res.setHeader('Cache-Control', 'no-store');
    try {
      const flow = flows.open(readCookie(req.headers.cookie, flowCookie));
      const state = typeof req.query.state === 'string' ? req.query.state : undefined;
      if (!flow || !state || state !== flow.state)
        throw new OidcRefusal(
          400,
          'OIDC_STATE_MISMATCH',
          'This sign-in did not start here or took too long; start again.',
        );
      if (typeof req.query.error === 'string')
        throw new OidcRefusal(
          401,
          'OIDC_REFUSED_BY_PROVIDER',
          'The identity provider did not sign you in.',
        );
      const server = await provider();
      const current = new URL(flow.redirectUri);
      current.search = new URL(req.originalUrl, 'http://callback').search;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(server, current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw refusalOf(error, logger);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcRefusal(401, 'OIDC_FAILED', 'The provider sent no ID token.');
      let claims: Record<string, unknown> = { ...idClaims };
      if (claims.email === undefined) {
        try {
          claims = await oidc.fetchUserInfo(server, tokens.access_token, idClaims.sub);
        } catch (error) {
          throw refusalOf(error, logger);
        }
      }
      if (typeof claims.email !== 'string' || !claims.email)
        throw new OidcRefusal(
          403,
          'OIDC_NO_EMAIL',
          'The identity provider did not share your email address.',
        );
      const session = await accounts.providerSignIn({
        email: claims.email,
        emailVerified: claims.email_verified === true,
        displayName: typeof claims.name === 'string' ? claims.name.slice(0, 100) : undefined,
        issuer: config.issuer,
        subject: idClaims.sub,
        address: requestAddress(req),
        userAgent: req.get('user-agent')?.slice(0, 400),
      });
      setSessionCookie(res, cookie, session.token, new Date(session.expiresAt));
      res.redirect(303, landingPath(flow.next) ?? options.landing ?? '/');
    } catch (error) {
      fail(req, res, error);
    }
  });
  router.all('/callback', onlyMethods('GET'));
  return router;
}

/** The provider refused the code (or answered nonsense): 401; it could not be reached: 503. */
function refusalOf(error: unknown, logger: Logger): OidcRefusal {
  if (
    error instanceof oidc.ResponseBodyError ||
    error instanceof oidc.AuthorizationResponseError ||
    (error instanceof oidc.ClientError && error.code?.startsWith('OAUTH_') === true)
  ) {
    logger.warn({ err: error }, 'identity provider refused the sign-in');
    return new OidcRefusal(
      401,
      'OIDC_FAILED',
      'The identity provider did not confirm the sign-in.',
    );
  }
  logger.warn({ err: error }, 'identity provider unreachable');
  return providerDown();
}
