import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { ErrorCode, errorBody } from '../subgraphs/kit/errors';
import type { Logger } from '../subgraphs/kit/logger';
import { AccountsRefusal, type AccountsClient, type IssuedSession } from './auth-accounts';
import type { SignInLimits } from './auth-limits';
import {
  clearSessionCookie,
  csrfProblem,
  readCookie,
  setSessionCookie,
  type SessionCookie,
} from './auth-session';
import { bodyErrors, onlyMethods } from './http-hygiene';
import { requestAddress } from './limits';

/** No sign-in body needs more: a password is at most 128 characters, a token 100. */
const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

const email = z.string().min(1).max(320);
const password = z.string().min(1).max(1024);
const token = z.string().min(1).max(200);
const BODIES = {
  signIn: z.strictObject({ email, password, code: z.string().min(1).max(20).optional() }),
  enrol: z.strictObject({ email, password }),
  accept: z.strictObject({ token, password, displayName: z.string().max(1000) }),
  reset: z.strictObject({ email }),
  confirm: z.strictObject({ token, password }),
};

export interface AuthRoutesOptions {
  accounts: AccountsClient;
  cookie: SessionCookie;
  limits: SignInLimits;
  allowedOrigins: readonly string[];
  production: boolean;
  logger: Logger;
}

class RouteRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

function parse<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  if (!req.is('application/json'))
    throw new RouteRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.join('.') || 'body';
  throw new RouteRefusal(400, ErrorCode.BAD_USER_INPUT, `${where}: ${issue.message}`);
}

/** Answers after the password held: asking for the second factor is not a failed attempt. */
const ASKED_FOR_SECOND_FACTOR = ['SECOND_FACTOR_REQUIRED', 'TOTP_ENROLMENT_REQUIRED'];

const lockedOut = (seconds: number) =>
  new RouteRefusal(
    429,
    ErrorCode.RATE_LIMITED,
    `Too many attempts; try again in ${Math.ceil(seconds / 60)} minute(s).`,
    seconds,
  );

/**
 * The sign-in routes: JSON in, 204/202 or a JSON error with a code out. Every POST here must pass
 * the CSRF check (custom header, same origin), including sign-in itself, so no other site can sign
 * a browser into an account of its choosing.
 */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { accounts, cookie, limits } = options;
  const router = express.Router();
  const origin = (req: Request) => ({
    address: requestAddress(req),
    userAgent: req.get('user-agent')?.slice(0, 400),
  });
  const startSession = (res: Response, session: IssuedSession) => {
    setSessionCookie(res, cookie, session.token, new Date(session.expiresAt));
    res.status(204).end();
  };
  type Handler = (req: Request, res: Response) => Promise<void>;
  const post = (path: string, handler: Handler) => {
    router.post(path, async (req, res) => {
      const requestId = req.hub!.requestId;
      try {
        const problem = csrfProblem(req, options.allowedOrigins);
        if (problem) throw new RouteRefusal(403, ErrorCode.FORBIDDEN, problem);
        await handler(req, res);
      } catch (error) {
        if (error instanceof RouteRefusal || error instanceof AccountsRefusal) {
          if (error instanceof RouteRefusal && error.retryAfter)
            res.setHeader('Retry-After', String(error.retryAfter));
          const extra =
            error instanceof RouteRefusal && error.retryAfter
              ? { retryAfterSeconds: error.retryAfter }
              : {};
          res.status(error.status).json(errorBody(error.message, error.code, requestId, extra));
          return;
        }
        // The accounts subgraph did not answer: nothing happened, and the client may retry.
        res
          .status(503)
          .json(
            errorBody(
              'Signing in is not available right now; try again shortly.',
              ErrorCode.SERVICE_UNAVAILABLE,
              requestId,
            ),
          );
      }
    });
    router.all(path, onlyMethods('POST'));
  };

  router.use(express.json({ limit: AUTH_BODY_LIMIT_BYTES }));
  router.use(bodyErrors(AUTH_BODY_LIMIT_BYTES));

  post('/sign-in', async (req, res) => {
    const body = parse(BODIES.signIn, req);
    const { address, userAgent } = origin(req);
    const wait = await limits.retryAfter(body.email, address);
    if (wait > 0) {
      // Recorded like every attempt; a record that cannot be written does not unlock anything.
      await accounts.lockedOut({ email: body.email, address }).catch(() => undefined);
      throw lockedOut(wait);
    }
    try {
      const session = await accounts.signIn({ ...body, address, userAgent });
      await limits.succeeded(body.email);
      startSession(res, session);
    } catch (error) {
      // A wrong authenticator code counts like a wrong password: guessing codes is limited too.
      if (error instanceof AccountsRefusal && !ASKED_FOR_SECOND_FACTOR.includes(error.code))
        await limits.failed(body.email, address);
      throw error;
    }
  });

  // Setting up an authenticator app: the password again, the secret once (README: Second factor).
  post('/totp/enrol', async (req, res) => {
    const body = parse(BODIES.enrol, req);
    const address = requestAddress(req);
    const wait = await limits.retryAfter(body.email, address);
    if (wait > 0) throw lockedOut(wait);
    try {
      const enrolment = await accounts.enrolTotp({ ...body, address });
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).json(enrolment);
    } catch (error) {
      if (error instanceof AccountsRefusal && error.code === 'INVALID_CREDENTIALS')
        await limits.failed(body.email, address);
      throw error;
    }
  });

  post('/sign-out', async (req, res) => {
    const token = readCookie(req.headers.cookie, cookie.name);
    if (token) await accounts.signOut(token);
    clearSessionCookie(res, cookie);
    res.status(204).end();
  });

  post('/invitations/accept', async (req, res) => {
    const body = parse(BODIES.accept, req);
    const { address, userAgent } = origin(req);
    const wait = await limits.retryAfter(null, address);
    if (wait > 0) throw lockedOut(wait);
    try {
      startSession(res, await accounts.acceptInvitation({ ...body, address, userAgent }));
    } catch (error) {
      // Guessing invitation tokens counts against the address; a weak password does not.
      if (error instanceof AccountsRefusal && error.code.startsWith('INVITATION_'))
        await limits.failed(null, address);
      throw error;
    }
  });

  post('/password-reset', async (req, res) => {
    const body = parse(BODIES.reset, req);
    const wait = await limits.resetRetryAfter(requestAddress(req));
    if (wait > 0) throw lockedOut(wait);
    // The same answer whether or not the email has an account, and whether or not it was sent.
    if (await limits.resetAllowed(body.email)) await accounts.requestPasswordReset(body.email);
    res.status(202).end();
  });

  post('/password-reset/confirm', async (req, res) => {
    const body = parse(BODIES.confirm, req);
    const address = requestAddress(req);
    const wait = await limits.retryAfter(null, address);
    if (wait > 0) throw lockedOut(wait);
    try {
      await accounts.confirmPasswordReset(body);
    } catch (error) {
      if (error instanceof AccountsRefusal && error.code.startsWith('RESET_'))
        await limits.failed(null, address);
      throw error;
    }
    clearSessionCookie(res, cookie);
    res.status(204).end();
  });

  return router;
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * Development only: the mail the accounts subgraph would have sent (invitations, password resets),
 * newest first, so `npm start` needs no mail server. Absent in production.
 */
export function devMailPage(accounts: AccountsClient): express.RequestHandler {
  return async (req, res) => {
    try {
      const mail = await accounts.mail();
      const items = mail
        .map(
          (m) =>
            `<article><h2>${escapeHtml(m.subject)}</h2><p>To ${escapeHtml(m.to)}, ${escapeHtml(m.at)}</p><pre>${escapeHtml(m.text)}</pre></article>`,
        )
        .join('\n');
      res
        .type('html')
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Development mail</title></head><body><h1>Development mail</h1>${items || '<p>No mail yet.</p>'}</body></html>`,
        );
    } catch {
      res
        .status(503)
        .json(
          errorBody(
            'The accounts service did not answer.',
            ErrorCode.SERVICE_UNAVAILABLE,
            req.hub!.requestId,
          ),
        );
    }
  };
}
