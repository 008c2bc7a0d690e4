import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { errorBody } from '../../kit/errors';
import { signedRequest } from '../../kit/server';
import type { SubgraphRuntime } from '../../kit/subgraph';
import { resolveApiKey } from '../api-keys/api-key.service';
import { AuthRefusal } from '../auth-error';
import {
  acceptInvitation,
  confirmPasswordReset,
  requestPasswordReset,
} from '../invitations/invitation.service';
import type { AccountsServices } from '../services';
import {
  endSession,
  resolveSession,
  type IssuedSession,
  type SessionLifetimes,
} from '../sessions/session.service';
import { SESSION_EVENTS_CHANNEL } from '../sessions/session-events';
import { providerSignIn } from '../sign-in/provider-sign-in.service';
import { enrolTotp, recordLockedOut, signIn } from '../sign-in/sign-in.service';

/** The one caller of these routes: the gateway, signing as this service identity. */
export const GATEWAY_SERVICE = 'service:gateway';

const text = (max: number) => z.string().max(max);
const origin = { address: text(100).nullish(), userAgent: text(1000).nullish() };
const secret = z.string().min(1).max(200);

const bodies = {
  signIn: z.strictObject({
    email: text(320),
    password: text(1024),
    code: text(20).nullish(),
    ...origin,
  }),
  provider: z.strictObject({
    email: text(320),
    emailVerified: z.boolean(),
    displayName: text(100).nullish(),
    issuer: text(2000),
    subject: text(1000),
    ...origin,
  }),
  enrol: z.strictObject({ email: text(320), password: text(1024), ...origin }),
  locked: z.strictObject({ email: text(320), address: origin.address }),
  token: z.strictObject({ token: secret }),
  apiKey: z.strictObject({ key: secret }),
  accept: z.strictObject({
    token: secret,
    password: text(1024),
    displayName: text(1000),
    ...origin,
  }),
  reset: z.strictObject({ email: text(320) }),
  sync: z.strictObject({ marker: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
  confirm: z.strictObject({ token: secret, password: text(1024) }),
};

function parse<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
  } catch {
    throw new AuthRefusal(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuthRefusal(
      400,
      'BAD_REQUEST',
      `${issue.path.join('.') || 'body'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

const sessionBody = (session: IssuedSession) => ({
  token: session.token,
  expiresAt: session.expiresAt.toISOString(),
  idleExpiresAt: session.idleExpiresAt.toISOString(),
});

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * What the gateway's /auth routes and its credential check ask of this subgraph, over HTTP signed as
 * `service:gateway` (the kit refuses unsigned requests before these run; other identities get 403).
 * Passwords and secrets arrive in the body, never in a URL or a log.
 */
export function accountRoutes(
  router: Router,
  runtime: SubgraphRuntime,
  services: AccountsServices,
): void {
  const lifetimes: SessionLifetimes = {
    idleHours: services.settings.sessionIdleHours,
    maxDays: services.settings.sessionMaxDays,
  };
  const route = (handler: Handler) => async (req: Request, res: Response) => {
    const { identity, requestId, logger } = signedRequest(res);
    try {
      if (identity.sub !== GATEWAY_SERVICE)
        throw new AuthRefusal(403, 'FORBIDDEN', 'Only the gateway may call this route.');
      await handler(req, res);
    } catch (error) {
      if (!(error instanceof AuthRefusal)) throw error;
      if (error.status >= 500) logger.warn({ code: error.code }, 'auth route refused');
      res.status(error.status).json(errorBody(error.message, error.code, requestId));
    }
  };
  const em = () => runtime.orm.em.fork();

  router.post(
    '/internal/sign-in',
    route(async (req, res) => {
      const body = parse(bodies.signIn, req);
      res.json(sessionBody(await signIn(em(), body, lifetimes, services.totp)));
    }),
  );
  router.post(
    '/internal/oidc/sign-in',
    route(async (req, res) => {
      const body = parse(bodies.provider, req);
      res.json(sessionBody(await providerSignIn(em(), body, lifetimes)));
    }),
  );
  router.post(
    '/internal/totp/enrol',
    route(async (req, res) => {
      const body = parse(bodies.enrol, req);
      res.json(await enrolTotp(em(), body, services.totp));
    }),
  );
  router.post(
    '/internal/sign-in/locked',
    route(async (req, res) => {
      const body = parse(bodies.locked, req);
      await recordLockedOut(em(), body.email, body.address);
      res.status(204).end();
    }),
  );
  router.post(
    '/internal/session',
    route(async (req, res) => {
      const { token } = parse(bodies.token, req);
      const session = await resolveSession(em(), token, lifetimes);
      if (!session)
        throw new AuthRefusal(401, 'SESSION_ENDED', 'Your session has ended; sign in again.');
      res.json({
        identity: session.identity,
        expiresAt: session.expiresAt.toISOString(),
        idleExpiresAt: session.idleExpiresAt.toISOString(),
      });
    }),
  );
  router.post(
    '/internal/sign-out',
    route(async (req, res) => {
      const { token } = parse(bodies.token, req);
      await endSession(em(), token);
      res.status(204).end();
    }),
  );
  router.post(
    '/internal/api-key',
    route(async (req, res) => {
      const { key } = parse(bodies.apiKey, req);
      const resolved = await resolveApiKey(em(), key);
      if (!resolved)
        throw new AuthRefusal(401, 'API_KEY_INVALID', 'The API key is not valid or was revoked.');
      res.json(resolved);
    }),
  );
  router.post(
    '/internal/invitations/accept',
    route(async (req, res) => {
      const body = parse(bodies.accept, req);
      res.json(sessionBody(await acceptInvitation(em(), body, services.settings)));
    }),
  );
  router.post(
    '/internal/password-reset',
    route(async (req, res) => {
      const { email } = parse(bodies.reset, req);
      await requestPasswordReset(em(), email, { ...services, logger: signedRequest(res).logger });
      res.status(202).end();
    }),
  );
  router.post(
    '/internal/password-reset/confirm',
    route(async (req, res) => {
      const body = parse(bodies.confirm, req);
      await confirmPasswordReset(em(), body);
      res.status(204).end();
    }),
  );
  // Long-lived: ended sessions and changed people, for the gateways' session caches.
  router.get(
    '/internal/session-events',
    route((_req, res) => {
      services.sessionEvents.subscribe(res);
      return Promise.resolve();
    }),
  );
  // A marker on the same channel, after whatever committed before it: a gateway that sees it on its
  // stream has every earlier event, so it can drop just what they name (sessions/session-events.ts).
  router.post(
    '/internal/session-events/sync',
    route(async (req, res) => {
      const { marker } = parse(bodies.sync, req);
      await em()
        .getConnection()
        .execute(`select pg_notify(?, ?)`, [SESSION_EVENTS_CHANNEL, `sync:${marker}`]);
      res.status(204).end();
    }),
  );
  router.get(
    '/internal/mail',
    route((_req, res) => {
      const recent = runtime.production ? undefined : services.mailer.recent?.();
      if (!recent) throw new AuthRefusal(404, 'NOT_FOUND', 'There is no development outbox.');
      res.json({ mail: recent });
      return Promise.resolve();
    }),
  );
}
