import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, type Server } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express, { type Express, type RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import nodeFetch from 'node-fetch';
import { requestIdFrom } from '../subgraphs/kit/context';
import { ErrorCode } from '../subgraphs/kit/errors';
import { formatUnavailable } from '../subgraphs/kit/unavailable';
import {
  ANONYMOUS,
  encodeIdentity,
  IDENTITY_HEADER,
  REQUEST_ID_HEADER,
  signEncodedIdentity,
  type Identity,
} from '../subgraphs/kit/identity';
import type { Logger } from '../subgraphs/kit/logger';
import { maskErrors } from '../subgraphs/kit/masking';
import { CLIENT_IDLE_SOCKET_MS } from '../subgraphs/kit/server';
import { createTokenVerifier } from './auth';
import { fhirOutcomes, fhirProxy } from './fhir-proxy';
import { accountsClient } from './auth-accounts';
import { createSignInLimits } from './auth-limits';
import { oidcRoutes } from './auth-oidc';
import { authRoutes, devMailPage } from './auth-routes';
import { apiKeyRestScope, apiKeyScopes, type ScopedContext } from './auth-scopes';
import { createIdentify, sessionCookie } from './auth-session';
import { cachedSessions } from './auth-session-cache';
import { hsdsCors, hsdsProxy } from './hsds-proxy';
import { operationChecks } from './operations';
import {
  bodyErrors,
  jsonErrors,
  notFound,
  onlyMethods,
  readiness,
  securityHeaders,
  whenToken,
} from './http-hygiene';
import { createRateLimits, requestAddress, type WorkContext } from './limits';
import { serveWebApp } from './web-app';
import type { GatewayConfig } from './config';

export interface GatewayContext extends WorkContext, ScopedContext {
  identity: Identity;
  requestId: string;
  logger: Logger;
  /** Notices subgraphs attach to what they disclose (42 CFR Part 2 re-disclosure), for the client. */
  notices?: Set<string>;
}

/** Subgraph response extensions the client must receive (the gateway drops all others). */
const FORWARDED_NOTICE = 'redisclosureNotice';

interface RequestState {
  identity: Identity;
  requestId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    hub?: RequestState;
  }
}

/** How the data source makes its HTTP requests. */
type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * Sends each subgraph the caller's identity, signed for that one request, and the request id.
 * The body exists only once the data source serializes it, just before the fetch: so
 * willSendRequest puts the identity in its header, and the fetcher signs what is actually sent.
 */
class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    name: string,
    secret: string,
    private readonly onMutation?: () => Promise<void>,
  ) {
    // node-fetch (what the gateway itself builds its requests with) over a keep-alive agent: about
    // half the CPU per subgraph call of Node's own fetch, whose web streams cost more than the
    // HTTP itself, and far less than the default make-fetch-happen with its cache layers.
    const agent = url.startsWith('https:')
      ? new HttpsAgent({ keepAlive: true, timeout: CLIENT_IDLE_SOCKET_MS })
      : new HttpAgent({ keepAlive: true, timeout: CLIENT_IDLE_SOCKET_MS });
    const fetcher: Fetcher = (input, init) => {
      const headers = new nodeFetch.Headers(init?.headers);
      const target = new URL(input);
      const signed = signEncodedIdentity(
        headers.get(IDENTITY_HEADER) ?? encodeIdentity(ANONYMOUS),
        secret,
        {
          method: init?.method ?? 'GET',
          path: `${target.pathname}${target.search}`,
          audience: name,
          body: typeof init?.body === 'string' ? init.body : undefined,
        },
      );
      for (const [header, value] of Object.entries(signed)) headers.set(header, value);
      return nodeFetch(input, { ...init, headers, agent });
    };
    super({ url, fetcher });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const { request } = options;
    // Health checks and schema loads carry no caller: they go as anonymous.
    const context = 'incomingRequestContext' in options ? options.context : undefined;
    request.http?.headers.set(IDENTITY_HEADER, encodeIdentity(context?.identity ?? ANONYMOUS));
    if (context?.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }

  override async didReceiveResponse({
    request,
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    if (this.onMutation && request.query?.trimStart().startsWith('mutation'))
      await this.onMutation();
    const notice: unknown = response.extensions?.[FORWARDED_NOTICE];
    if (typeof notice === 'string') context.notices?.add(notice);
    return response;
  }

  /**
   * Subgraphs answer 200 for the client's mistakes, so a non-2xx answer is our failure (a wrong
   * secret, a crash): no code, so it is logged and masked, and the subgraph's URL and body stay here.
   */
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ) {
    const body = await this.parseBody(response).catch(() => undefined);
    return new GraphQLError(
      `Subgraph ${this.url} answered ${response.status}: ${JSON.stringify(body)?.slice(0, 1000)}`,
    );
  }
}

function subgraphEndpoints(
  supergraphSdl: string,
  overrides: Record<string, string>,
): Record<string, string> {
  const endpoints: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    endpoints[match[1]] = overrides[match[1]] ?? match[2];
  }
  return endpoints;
}

export interface GatewayApp {
  app: Express;
  apollo: ApolloServer<GatewayContext>;
  subgraphs: Record<string, string>;
}

/** The gateway: token verification, rate limits, GraphQL limits, masking, and the federated API. */
export async function createGatewayApp(
  config: GatewayConfig,
  logger: Logger,
  httpServer?: Server,
): Promise<GatewayApp> {
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const subgraphs = subgraphEndpoints(supergraphSdl, config.subgraphUrls);
  // A bearer JWT, an API key or a session cookie: one identity (auth-session.ts); session lookups
  // cached, and forgotten when the accounts subgraph says so (auth-session-cache.ts).
  const sessions = cachedSessions({
    accounts: accountsClient({
      url: subgraphs.accounts,
      identitySecret: config.identitySecret,
      logger,
    }),
    url: subgraphs.accounts,
    identitySecret: config.identitySecret,
    logger,
  });
  // Unless APOLLO_TELEMETRY_DISABLED is set, the Apollo Gateway reports usage to Apollo every hour
  // and, to describe its host, probes the cloud metadata addresses of AWS, GCP, Azure and Alibaba
  // (logging 403s and timeouts where there is no cloud). A county's gateway sends nothing it was
  // not asked to: off unless the operator sets APOLLO_TELEMETRY_DISABLED=false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SignedDataSource(
        subgraphs[name] ?? url!,
        name,
        config.identitySecret,
        // A change to people made through this gateway holds here on the very next request, and
        // drops only the cached sessions and keys it concerns.
        name === 'accounts' ? () => sessions.settle() : undefined,
      ),
  });
  const armor = new ApolloArmor({
    // Development serves introspection (IDEs, codegen), whose standard query is deeper and costlier
    // than any limit fit for data; production refuses introspection outright and limits everything.
    maxDepth: {
      n: config.limits.maxDepth,
      ignoreIntrospection: !config.production,
      flattenFragments: true,
    },
    maxAliases: { n: config.limits.maxAliases },
    costLimit: { maxCost: config.limits.maxCost, ignoreIntrospection: !config.production },
    // Armor's token check re-parses in a plugin, where any syntax error becomes a 500; graphql-js
    // counts tokens in Apollo's own parse instead (parseOptions below), which answers 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  const limits = await createRateLimits(config.rateLimit, {
    logger,
    production: config.production,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    // A subgraph that does not answer (restarting, killed) is SERVICE_UNAVAILABLE: retry.
    formatError: formatUnavailable,
    allowBatchedHttpRequests: false,
    // Its runner stops it on a signal (see the subgraphs' server): Apollo's own handler re-raised
    // the signal once stopped, killing the process mid-stop.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      operationChecks<GatewayContext>(supergraphSdl),
      limits.workPlugin<GatewayContext>(),
      apiKeyScopes<GatewayContext>(),
      maskErrors<GatewayContext>(logger),
      // No answer is cached by hint: skip the default plugin's work on every request.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page runs inline and CDN scripts that the Content Security Policy (rightly)
      // refuses; development tools reach /graphql with introspection instead.
      ApolloServerPluginLandingPageDisabled(),
      {
        // A response that discloses a person's details carries the notice whatever the client selected.
        requestDidStart() {
          return Promise.resolve({
            willSendResponse({ response, contextValue }) {
              if (contextValue.notices?.size && response.body.kind === 'single') {
                response.body.singleResult.extensions = {
                  ...response.body.singleResult.extensions,
                  [FORWARDED_NOTICE]: [...contextValue.notices].join('\n\n'),
                };
              }
              return Promise.resolve();
            },
          });
        },
      },
      {
        // Nothing answered but "a database is not answering": the whole request is 503 (retry),
        // not a 200 with errors, so proxies, clients and monitors see an outage as one.
        requestDidStart() {
          return Promise.resolve({
            willSendResponse({ response }) {
              if (response.body.kind !== 'single') return Promise.resolve();
              const { data, errors } = response.body.singleResult;
              const unavailable =
                !!errors?.length &&
                errors.every((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE);
              const nothing = !data || Object.values(data).every((value) => value === null);
              if (unavailable && nothing) {
                response.http.status = 503;
                response.http.headers.set('retry-after', '5');
              }
              return Promise.resolve();
            },
          });
        },
      },
      ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []),
      {
        // The session event stream lives as long as the gateway.
        serverWillStart: () =>
          Promise.resolve({ serverWillStop: () => Promise.resolve(sessions.stop()) }),
      },
    ],
  });
  await apollo.start();

  const verify = createTokenVerifier(config.auth);
  const requestState: RequestHandler = (req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    req.hub = { requestId, identity: ANONYMOUS };
    next();
  };

  const accounts = sessions.accounts;
  const cookie = sessionCookie(config.production);
  const allowedOrigins = config.allowedOrigins ?? [];
  const identify = createIdentify({ verify, accounts, cookie, allowedOrigins });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(
    securityHeaders(
      config.production,
      config.map ? [new URL(config.map.tileUrl.replace(/[{}]/g, '')).origin] : [],
    ),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.all('/healthz', onlyMethods('GET', 'HEAD'));
  // A token is checked (and token guessing limited) only when sent: it shows an admin the detail.
  app.get(
    '/readyz',
    requestState,
    whenToken(limits.perAddressRequests),
    identify,
    readiness(subgraphs),
  );
  app.all('/readyz', onlyMethods('GET', 'HEAD'));
  app.use(
    '/graphql',
    requestState,
    onlyMethods('GET', 'POST'),
    // Per address before the token is checked, so guessing tokens is limited too; per user after.
    limits.perAddressRequests,
    identify,
    limits.perUserRequests,
    express.json({ limit: config.limits.bodyLimitBytes }),
    bodyErrors(config.limits.bodyLimitBytes),
    expressMiddleware(apollo, {
      context: ({ req }) =>
        Promise.resolve({
          identity: req.hub!.identity,
          requestId: req.hub!.requestId,
          apiKeyScopes: req.hubCredential?.kind === 'apiKey' ? req.hubCredential.scopes : undefined,
          address: requestAddress(req),
          logger: logger.child({ requestId: req.hub!.requestId }),
          notices: new Set<string>(),
        }),
    }),
  );
  // The HSDS 3.0 REST API: the resources subgraph's, behind the same token check and limits.
  app.use(
    '/hsds',
    hsdsCors,
    requestState,
    limits.perAddressRequests,
    identify,
    limits.perUserRequests,
    hsdsProxy({ resourcesUrl: subgraphs.resources, identitySecret: config.identitySecret, logger }),
  );
  // Single sign-on with a county's identity provider, when one is configured (auth-oidc.ts).
  if (config.oidc)
    app.use(
      '/auth/oidc',
      requestState,
      limits.perAddressRequests,
      oidcRoutes({
        config: config.oidc,
        accounts,
        cookie,
        identitySecret: config.identitySecret,
        production: config.production,
        logger,
      }),
    );
  // What the sign-in screen offers: single sign-on only when a provider is configured.
  app.get('/auth/config', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ oidc: !!config.oidc });
  });
  // Sign-in routes (same origin as the web app), and development's outbox of unsent mail.
  app.use(
    '/auth',
    requestState,
    limits.perAddressRequests,
    authRoutes({
      accounts,
      cookie,
      limits: await createSignInLimits(config.signIn, limits.counter),
      allowedOrigins,
      production: config.production,
      logger,
    }),
  );
  if (!config.production) app.get('/dev/mail', requestState, devMailPage(accounts));
  // FHIR R4 REST (the referrals subgraph's), behind the same token check and limits; no CORS.
  app.use(
    '/fhir',
    fhirOutcomes,
    requestState,
    limits.perAddressRequests,
    identify,
    apiKeyRestScope('referrals:answer'),
    limits.perUserRequests,
    fhirProxy({
      referralsUrl: subgraphs.referrals,
      identitySecret: config.identitySecret,
      logger,
      bodyLimitBytes: config.limits.bodyLimitBytes,
    }),
  );
  // The web app (web/dist, when built): static files and its screens' addresses.
  serveWebApp(app, undefined, config.map);
  app.use(notFound);
  app.use(jsonErrors(logger));
  return { app, apollo, subgraphs };
}
