import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { SignJWT } from 'jose';
import { inject } from 'vitest';
import { createGatewayApp } from '../../gateway/app';
import type { GatewayConfig } from '../../gateway/config';
import type { SubgraphContext } from '../../subgraphs/kit/context';
import { ANONYMOUS, type Identity } from '../../subgraphs/kit/identity';
import { createLogger, type Logger } from '../../subgraphs/kit/logger';
import type { MikroORM } from '../../subgraphs/kit/orm';
import { projectRoot } from '../../subgraphs/kit/paths';
import { listen, type RunningServer } from '../../subgraphs/kit/server';
import type { SubgraphDefinition, SubgraphRuntime } from '../../subgraphs/kit/subgraph';
import type { ResourcesOptions, ResourcesServices } from '../../subgraphs/resources/services';
import { resourcesSubgraph } from '../../subgraphs/resources/subgraph';
import { SUBGRAPHS } from '../../scripts/subgraphs';
import { createTestDatabase } from './database';

const silent = createLogger('test', 'silent');

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown>;
    }[];
    /** The response's own extensions (the gateway's re-disclosure notice...). */
    extensions?: Record<string, unknown>;
  };
}

export interface TestSubgraph<S = unknown> {
  name: string;
  /** Its database (shared by its replicas). */
  databaseUrl: string;
  orm: MikroORM;
  identitySecret: string;
  /** Its long-lived services (the search engine, the candidate index...), as its requests see them. */
  services: S;
  /** Runs an operation in-process, as the given identity (subgraph integration tests). */
  execute<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    identity?: Identity,
  ): Promise<GraphQLResponse<T>['body']>;
  listen(): Promise<RunningServer>;
  /** Stops its background work and connections, not its answering (see RunningSubgraph). */
  stopServices(): Promise<void>;
  stop(): Promise<void>;
}

/** @deprecated name kept for the resources tests; any subgraph is a TestSubgraph. */
export type TestResources = TestSubgraph;

export interface StartOptions<O extends object> {
  /** Shared with the gateway and the other subgraphs of a stack; a fresh one by default. */
  identitySecret?: string;
  /** Where the other subgraphs listen, for a subgraph that calls another. */
  subgraphUrls?: Readonly<Record<string, string>>;
  /** The subgraph's own options (search engine, indexer, a directory in place of HTTP...). */
  options?: Partial<O>;
  /** Where it logs (its ORM too); nowhere by default. */
  logger?: Logger;
  /** A database already made (another replica's): both processes then share it. */
  databaseUrl?: string;
  /** The Postgres server its database is made on (with templates: `prepareTemplates`); the run's own by default. */
  postgresUrl?: string;
  /** Run as in production (its own production defaults); development by default. */
  production?: boolean;
}

/** One subgraph on a database of its own, with its long-lived services running. */
export async function startSubgraph<S, O extends object>(
  definition: SubgraphDefinition<S, O>,
  {
    identitySecret = randomBytes(32).toString('hex'),
    subgraphUrls = {},
    options,
    logger = silent,
    postgresUrl = inject('postgresUrl'),
    databaseUrl,
    production = false,
  }: StartOptions<O> = {},
): Promise<TestSubgraph<S>> {
  const url = databaseUrl ?? (await createTestDatabase(postgresUrl, definition.name));
  const orm = await definition.initOrm(url, logger);
  const runtime: SubgraphRuntime = { orm, identitySecret, logger, production, subgraphUrls };
  const running = await definition.start(runtime, options);
  const servers: RunningServer[] = [];
  return {
    name: definition.name,
    databaseUrl: url,
    orm,
    identitySecret,
    services: running.services,
    async execute<T = Record<string, unknown>>(
      query: string,
      variables?: Record<string, unknown>,
      identity: Identity = ANONYMOUS,
    ): Promise<GraphQLResponse<T>['body']> {
      const base: SubgraphContext = {
        identity,
        em: orm.em.fork(),
        requestId: `test-${randomBytes(4).toString('hex')}`,
        logger,
      };
      const response = await running.execute({ query, variables }, base);
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return response.body.singleResult as GraphQLResponse<T>['body'];
    },
    async listen() {
      const server = await listen(running.app, 0, '127.0.0.1');
      servers.push(server);
      return server;
    },
    stopServices: () => running.stopServices(),
    async stop() {
      for (const s of servers) await s.close();
      await running.stop();
      await orm.close(true);
    },
  };
}

/** The resources subgraph on a database of its own. */
export function startResources(
  options: StartOptions<ResourcesOptions> = {},
): Promise<TestSubgraph<ResourcesServices>> {
  return startSubgraph(resourcesSubgraph, options);
}

export interface TestStack {
  /** Every subgraph, by name. */
  subgraphs: Record<string, TestSubgraph>;
  subgraphUrls: Record<string, string>;
  resources: TestSubgraph;
  resourcesUrl: string;
  gatewayUrl: string;
  /**
   * Another gateway with the same settings over replica `replica`'s subgraphs, or the `urls` given
   * (a subgraph running as a process of its own); stopped with the stack. Its URL.
   */
  startGateway(replica?: number, urls?: Readonly<Record<string, string>>): Promise<string>;
  /** Each replica's subgraphs, by name (see `StackOptions.replicas`). */
  replicas: Record<string, TestSubgraph>[];
  jwtSecret: string;
  token(
    claims: { sub?: string; roles: string[]; org?: string; peer?: string },
    expiresIn?: string,
  ): Promise<string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export type GatewayOverrides = Partial<Omit<GatewayConfig, 'limits' | 'rateLimit'>> & {
  limits?: Partial<GatewayConfig['limits']>;
  rateLimit?: Partial<GatewayConfig['rateLimit']>;
};

export interface StackOptions {
  /** Where the gateway and every subgraph log (their ORMs too); nowhere by default. */
  logger?: Logger;
  /** A subgraph's own options, by subgraph name (the accounts subgraph's mail server...). */
  subgraphOptions?: Readonly<Record<string, object>>;
  /** The Postgres server of every subgraph's database (see `StartOptions.postgresUrl`). */
  postgresUrl?: string;
  /**
   * How many processes of each subgraph, sharing its database (1 by default). Replica i is
   * `replicas[i]`; `startGateway(i)` starts a gateway over it. `subgraphs` is replica 0.
   */
  replicas?: number;
  /** Every subgraph as in production; the gateway follows `overrides.production`. */
  production?: boolean;
}

/** Gateway + every subgraph + real Postgres, listening on free ports, as a client would meet them. */
export async function startStack(
  overrides: GatewayOverrides = {},
  {
    logger = silent,
    subgraphOptions = {},
    postgresUrl,
    replicas: count = 1,
    production = false,
  }: StackOptions = {},
): Promise<TestStack> {
  const identitySecret = randomBytes(32).toString('hex');
  const replicas: { subgraphs: Record<string, TestSubgraph>; urls: Record<string, string> }[] = [];
  for (let i = 0; i < count; i++) replicas.push({ subgraphs: {}, urls: {} });
  for (const { definition } of SUBGRAPHS) {
    for (const [i, replica] of replicas.entries()) {
      const subgraph = await startSubgraph(definition, {
        identitySecret,
        subgraphUrls: replica.urls,
        logger,
        options: subgraphOptions[definition.name],
        postgresUrl,
        databaseUrl: i === 0 ? undefined : replicas[0].subgraphs[definition.name].databaseUrl,
        production,
      });
      replica.subgraphs[definition.name] = subgraph;
      replica.urls[definition.name] = (await subgraph.listen()).url.replace(
        'localhost',
        '127.0.0.1',
      );
    }
  }
  const { subgraphs, urls: subgraphUrls } = replicas[0];
  const jwtSecret = randomBytes(32).toString('hex');
  const config: GatewayConfig = {
    production: false,
    logLevel: 'silent',
    port: 0,
    supergraphPath: resolve(projectRoot(), 'schema', 'supergraph.graphql'),
    identitySecret,
    auth: { jwtSecret },
    subgraphUrls,
    trustProxy: false,
    ...overrides,
    limits: {
      maxDepth: 10,
      maxAliases: 15,
      maxCost: 5000,
      maxTokens: 3000,
      bodyLimitBytes: 2 * 1024 * 1024,
      ...overrides.limits,
    },
    rateLimit: { perUserPerMinute: 10_000, perAddressPerMinute: 10_000, ...overrides.rateLimit },
  };
  const gateways: { stop(): Promise<void> }[] = [];
  const startGateway = async (replica = 0, urls: Readonly<Record<string, string>> = {}) => {
    const gateway = await createGatewayApp(
      { ...config, subgraphUrls: { ...replicas[replica].urls, ...urls } },
      logger,
    );
    const server = await listen(gateway.app, 0, '127.0.0.1');
    gateways.push({
      async stop() {
        await gateway.apollo.stop();
        await server.close();
      },
    });
    return server.url.replace('localhost', '127.0.0.1');
  };
  const gatewayUrl = await startGateway();
  return {
    subgraphs,
    subgraphUrls,
    resources: subgraphs.resources,
    resourcesUrl: subgraphUrls.resources,
    gatewayUrl,
    startGateway,
    jwtSecret,
    token: ({ sub, roles, org, peer }, expiresIn = '1h') =>
      new SignJWT({ roles, org, peer })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub ?? `user-${randomBytes(4).toString('hex')}`)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(new TextEncoder().encode(jwtSecret)),
    async gql<T = Record<string, unknown>>(
      query: string,
      variables?: Record<string, unknown>,
      token?: string,
      headers: Record<string, string> = {},
    ): Promise<GraphQLResponse<T>> {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        body: (await response.json()) as GraphQLResponse<T>['body'],
      };
    },
    replicas: replicas.map((replica) => replica.subgraphs),
    async stop() {
      for (const gateway of gateways) await gateway.stop();
      // Every subgraph's background work first: referrals' mail calls accounts, for one.
      const subgraphs = replicas.flatMap((replica) => Object.values(replica.subgraphs));
      for (const subgraph of subgraphs) await subgraph.stopServices();
      for (const subgraph of subgraphs) await subgraph.stop();
    },
  };
}
