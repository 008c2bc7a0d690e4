import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import type { GraphQLSchema } from 'graphql';
import { requestIdFrom, type SubgraphContext } from './context';
import { CLIENT_ERROR_CODES, ErrorCode, errorBody, internalErrorBody, restError } from './errors';
import { maskErrors } from './masking';
import { noServiceSdl } from './service-sdl';
import { REQUEST_ID_HEADER, ReplayCache, verifyIdentity, type Identity } from './identity';
import type { Logger } from './logger';
import { rejectUnsafeText } from './unsafe-text';
import { formatUnavailable, isUnavailable, UNAVAILABLE_MESSAGE } from './unavailable';

export interface SubgraphServerOptions<C extends SubgraphContext> {
  name: string;
  schema: GraphQLSchema;
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
  production: boolean;
  /** Adds this subgraph's own things (data loaders, services) to the per-request context. */
  extendContext?: (base: SubgraphContext) => C;
  /** Largest request body; the gateway enforces its own limit first. */
  bodyLimit?: string;
  /** The subgraph's own plugins, after the kit's. */
  plugins?: ApolloServerPlugin<C>[];
  /**
   * HTTP routes beside /graphql (a REST API...). They see only requests the gateway signed, like
   * /graphql; `signedRequest(res)` gives the caller's identity and request id.
   */
  routes?: (router: Router) => void;
}

/** What the kit knows of a signed request on a subgraph's own routes. */
export interface SignedRequest {
  identity: Identity;
  requestId: string;
  logger: Logger;
}

export function signedRequest(res: Response): SignedRequest {
  const state = res.locals.signed as SignedRequest | undefined;
  if (!state) throw new Error('signedRequest() outside the routes the kit mounts');
  return state;
}

export interface RunningServer {
  url: string;
  /** The address it is bound to, as the socket reports it (127.0.0.1, 0.0.0.0...). */
  host: string;
  port: number;
  close(): Promise<void>;
}

/** An Express app serving one subgraph at /graphql, plus /healthz, which needs no signature. */
export async function createSubgraphApp<C extends SubgraphContext>(
  options: SubgraphServerOptions<C>,
  httpServer?: Server,
): Promise<{ app: Express; apollo: ApolloServer<C> }> {
  const plugins: ApolloServerPlugin<C>[] = [
    maskErrors<C>(options.logger),
    ApolloServerPluginInlineTraceDisabled(),
    // No schema here sets cache hints and nothing caches by them: the default plugin's per-field
    // hook would cost CPU on every field of every answer for nothing.
    ApolloServerPluginCacheControlDisabled(),
    clientErrorsKeepStatus200<C>(),
    // The subgraph does not trust the gateway to have refused them.
    rejectUnsafeText<C>(),
    ...(options.plugins ?? []),
  ];
  if (httpServer) plugins.push(ApolloServerPluginDrainHttpServer({ httpServer }));
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: options.production,
    // The database going away is not our fault nor the client's: SERVICE_UNAVAILABLE (retry).
    formatError: formatUnavailable,
    validationRules: options.production ? [noServiceSdl] : [],
    plugins,
    // Whoever runs it stops it on a signal, in order (work, then answering, then the database).
    // Apollo's own handler stopped it at once and then raised the signal again, which killed the
    // process before the rest of that stop had run.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // One per subgraph process: each signature is accepted once, on /graphql or a route alike.
  const replay = new ReplayCache();
  const verify = (req: IncomingMessage & { method: string; originalUrl: string }) =>
    verifyIdentity(
      req.headers,
      options.identitySecret,
      {
        method: req.method,
        path: req.originalUrl,
        audience: options.name,
        body: rawBodies.get(req),
      },
      { replay },
    );
  app.get('/healthz', async (_req, res) => {
    try {
      await options.orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', service: options.name });
    } catch (error) {
      options.logger.error({ err: error }, 'health check failed');
      res.status(503).json({ status: 'unavailable', service: options.name });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '4mb', verify: keepRawBody }),
    expressMiddleware(apollo, {
      // Not async: a throw here (401) reaches Apollo exactly as a rejection would.
      context: ({ req }) => {
        const requestId = requestIdFrom(req.headers['x-request-id']);
        const logger = options.logger.child({ requestId });
        // Throws UNAUTHENTICATED (401) before anything runs when the gateway did not sign it.
        const identity = verify(req);
        const base: SubgraphContext = { identity, em: options.orm.em.fork(), requestId, logger };
        return Promise.resolve(options.extendContext ? options.extendContext(base) : (base as C));
      },
    }),
  );
  if (options.routes) app.use(signedRoutes(options, verify));
  // A body the parser refuses is answered in JSON, never with Express's HTML page and stack trace.
  app.use(((error, _req, res, next) => {
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
    res.status(status).json({
      errors: [
        { message: 'The request body could not be read.', extensions: { code: 'BAD_REQUEST' } },
      ],
    });
  }) as ErrorRequestHandler);
  return { app, apollo };
}

/** The bytes each request's body was parsed from: the signature covers their digest. */
const rawBodies = new WeakMap<IncomingMessage, Buffer>();
const keepRawBody = (req: IncomingMessage, _res: unknown, body: Buffer) =>
  void rawBodies.set(req, body);

/**
 * The subgraph's own routes behind the same check as /graphql: unsigned requests get UNAUTHENTICATED
 * (401) before any route runs. Errors they throw are answered in JSON: ours with their code and
 * status, anything else logged and masked as a 500 with the request id.
 */
function signedRoutes<C extends SubgraphContext>(
  options: SubgraphServerOptions<C>,
  verify: (req: Request) => Identity,
): Router {
  const router = express.Router();
  const signed: RequestHandler = (req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    try {
      const identity = verify(req);
      res.locals.signed = {
        identity,
        requestId,
        logger: options.logger.child({ requestId }),
      } satisfies SignedRequest;
      next();
    } catch (error) {
      const refused = restError(error, requestId);
      if (!refused) return next(error);
      res.status(refused.status).json(refused.body);
    }
  };
  // Whatever body a route gets is read before the check, so the signature covers it too.
  router.use(
    express.raw({ type: () => true, limit: options.bodyLimit ?? '4mb', verify: keepRawBody }),
    signed,
  );
  options.routes!(router);
  router.use(((error, req, res, next) => {
    if (res.headersSent) return next(error);
    const requestId =
      (res.locals.signed as SignedRequest | undefined)?.requestId ??
      requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    const known = restError(error, requestId);
    if (known) return void res.status(known.status).json(known.body);
    if (isUnavailable(error)) {
      options.logger.warn({ err: error, requestId, path: req.path }, 'database unavailable');
      return void res
        .status(503)
        .set('retry-after', '5')
        .json(errorBody(UNAVAILABLE_MESSAGE, ErrorCode.SERVICE_UNAVAILABLE, requestId));
    }
    options.logger.error({ err: error, requestId, path: req.path }, 'unexpected error');
    res.status(500).json(internalErrorBody(requestId));
  }) as ErrorRequestHandler);
  return router;
}

/**
 * Errors raised while executing (BAD_USER_INPUT 400, UNAUTHENTICATED 401...), and the client's
 * mistakes refused before (a value a scalar of ours refuses, a NUL), must not change the HTTP status:
 * the gateway treats a non-2xx subgraph answer as a failed fetch and drops its errors and data, so the
 * client would get INTERNAL_SERVER_ERROR in place of the code. Our own failures keep their status.
 */
function clientErrorsKeepStatus200<C extends SubgraphContext>(): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const { data, errors } = response.body.singleResult;
          const clientsOnly =
            !!errors?.length &&
            errors.every((e) => {
              const code = e.extensions?.code;
              return typeof code === 'string' && CLIENT_ERROR_CODES.has(code);
            });
          if (data !== undefined || clientsOnly) response.http.status = 200;
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * How long our HTTP clients keep an idle keep-alive connection, and how long our servers do. A
 * client that reuses a connection at the moment the server closes it gets ECONNRESET, and the
 * request is lost as an internal error; so servers wait longer than clients, and the client side
 * always closes an idle connection first.
 */
export const CLIENT_IDLE_SOCKET_MS = 60_000;
export const SERVER_KEEP_ALIVE_MS = CLIENT_IDLE_SOCKET_MS + 5_000;

/** Listens on `host` (loopback unless told otherwise); the URL names a host that reaches it. */
export async function listen(
  app: Express,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;
  server.headersTimeout = SERVER_KEEP_ALIVE_MS + 1_000;
  const { address, port: actual } = server.address() as AddressInfo;
  const wildcard = address === '0.0.0.0' || address === '::';
  const urlHost = wildcard ? 'localhost' : address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${urlHost}:${actual}/graphql`,
    host: address,
    port: actual,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
