import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { requestIdFrom } from '../subgraphs/kit/context';
import { ErrorCode, RateLimitedError, UnauthenticatedError } from '../subgraphs/kit/errors';
import { ANONYMOUS, REQUEST_ID_HEADER, signIdentity, type Identity } from '../subgraphs/kit/identity';
import type { Logger } from '../subgraphs/kit/logger';
import { maskErrors } from '../subgraphs/kit/masking';
import { createTokenVerifier } from './auth';
import type { GatewayConfig } from './config';

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  logger: Logger;
}

interface RequestState {
  identity: Identity;
  requestId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    hub?: RequestState;
  }
}

/** Sends each subgraph the caller's identity, signed, and the request id. */
class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly secret: string) {
    super({ url });
  }

  override willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & {}>[0]) {
    const headers = signIdentity(context?.identity ?? ANONYMOUS, this.secret);
    for (const [name, value] of Object.entries(headers)) request.http?.headers.set(name, value);
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

function subgraphEndpoints(supergraphSdl: string, overrides: Record<string, string>): Record<string, string> {
  const endpoints: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    endpoints[match[1]!] = overrides[match[1]!] ?? match[2]!;
  }
  return endpoints;
}

function graphqlErrorBody(message: string, code: string, requestId: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, requestId, ...extra } }] };
}

export interface GatewayApp {
  app: Express;
  apollo: ApolloServer<GatewayContext>;
  subgraphs: Record<string, string>;
}

/** The gateway: token verification, rate limits, GraphQL limits, masking, and the federated API. */
export async function createGatewayApp(config: GatewayConfig, logger: Logger, httpServer?: Server): Promise<GatewayApp> {
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const subgraphs = subgraphEndpoints(supergraphSdl, config.subgraphUrls);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SignedDataSource(subgraphs[name] ?? url!, config.identitySecret),
  });
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth, ignoreIntrospection: false, flattenFragments: true },
    maxAliases: { n: config.limits.maxAliases },
    costLimit: { maxCost: config.limits.maxCost, ignoreIntrospection: false },
    maxTokens: { n: config.limits.maxTokens },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules: armor.validationRules,
    plugins: [
      ...(armor.plugins as never[]),
      maskErrors<GatewayContext>(logger),
      ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []),
    ],
  });
  await apollo.start();

  const verify = createTokenVerifier(config.auth);
  const perUser = new RateLimiterMemory({ points: config.rateLimit.perUserPerMinute, duration: 60 });
  const perAddress = new RateLimiterMemory({ points: config.rateLimit.perAddressPerMinute, duration: 60 });

  const identify: RequestHandler = async (req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    try {
      req.hub = { requestId, identity: await verify(req.headers.authorization) };
      next();
    } catch (error) {
      const message = error instanceof UnauthenticatedError ? error.message : 'The token is not valid.';
      res.status(401).json(graphqlErrorBody(message, ErrorCode.UNAUTHENTICATED, requestId));
    }
  };

  const rateLimit: RequestHandler = async (req, res, next) => {
    const { identity, requestId } = req.hub!;
    try {
      await perAddress.consume(`ip:${req.ip ?? 'unknown'}`);
      if (identity.sub) await perUser.consume(`user:${identity.sub}`);
      next();
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) return next(error);
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      const limited = new RateLimitedError(seconds);
      res.setHeader('Retry-After', String(seconds));
      res.status(429).json(graphqlErrorBody(limited.message, ErrorCode.RATE_LIMITED, requestId, { retryAfterSeconds: seconds }));
    }
  };

  const bodyErrors: ErrorRequestHandler = (error, req, res, next) => {
    const requestId = req.hub?.requestId ?? requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      const mb = (config.limits.bodyLimitBytes / 1024 / 1024).toFixed(1);
      res.status(413).json(graphqlErrorBody(`The request body is larger than ${mb} MB.`, 'PAYLOAD_TOO_LARGE', requestId));
    } else if (type === 'entity.parse.failed') {
      res.status(400).json(graphqlErrorBody('The request body is not valid JSON.', 'BAD_REQUEST', requestId));
    } else {
      next(error);
    }
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(subgraphs).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(2000) });
          return [name, response.ok ? 'ok' : `status ${response.status}`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const ready = checks.every(([, status]) => status === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', subgraphs: Object.fromEntries(checks) });
  });
  app.use(
    '/graphql',
    identify,
    rateLimit,
    express.json({ limit: config.limits.bodyLimitBytes }),
    bodyErrors,
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        identity: req.hub!.identity,
        requestId: req.hub!.requestId,
        logger: logger.child({ requestId: req.hub!.requestId }),
      }),
    }),
  );
  return { app, apollo, subgraphs };
}
