import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { Express, Router } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Env } from './config';
import type { SubgraphContext } from './context';
import type { Logger } from './logger';
import type { MikroORM } from './orm';
import { createSubgraphApp } from './server';

export interface SubgraphRuntime {
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
  production: boolean;
  /** Where the other subgraphs listen, by name, when the runner knows (npm start, the test stack). */
  subgraphUrls?: Readonly<Record<string, string>>;
}

/** A subgraph's long-lived services, built once at start, and how to close them at stop. */
export interface Started<S> {
  services: S;
  stop?(): Promise<void>;
}

/**
 * How one subgraph is made, written once in its subgraph.ts. `C` is its request context, `S` the
 * services that live as long as the process (a search engine and its indexer, an in-memory index, an
 * HTTP client that batches across requests), `O` what a runner may choose (tests, a container's
 * environment). Nothing of a running subgraph lives at module level: two of them in one process
 * (the test suite) share nothing but their code.
 */
export interface SubgraphSpec<C extends SubgraphContext, S, O extends object> {
  name: string;
  defaultPort: number;
  schema(): Promise<GraphQLSchema>;
  /** Connects to the subgraph's own database and migrates it. */
  initOrm(clientUrl: string, logger?: Logger): Promise<MikroORM>;
  /** Its own settings in a process environment, for its container's entry point (runSubgraph). */
  optionsFromEnv?(env: Env): Partial<O>;
  /** Builds the long-lived services once, at start; `stop` closes them at stop. */
  start(runtime: SubgraphRuntime, options: Partial<O>): Promise<Started<S>>;
  /** A request's context: the kit's base (identity, entity manager...) and the services. */
  context(base: SubgraphContext, services: S): C;
  /** Apollo plugins of this subgraph's own (for example, response extensions it must always send). */
  plugins?(services: S): ApolloServerPlugin<C>[];
  /**
   * HTTP routes of the subgraph's own beside /graphql (the resources subgraph's HSDS API). The kit
   * mounts them behind the gateway's signature check, as /graphql is, and answers their errors in JSON.
   */
  routes?(router: Router, runtime: SubgraphRuntime, services: S): void;
}

/** One subgraph running: its app (not yet listening), its services, and how to stop both. */
export interface RunningSubgraph<S = unknown> {
  name: string;
  /** The definition that started it (see SubgraphDefinition.servicesOf). */
  definition: SubgraphDefinition;
  app: Express;
  services: S;
  /** Runs an operation in-process, with the context a request with `base` would get (tests). */
  execute(
    request: { query: string; variables?: Record<string, unknown> },
    base: SubgraphContext,
  ): Promise<GraphQLResponse>;
  /**
   * Stops its services (outboxes, clocks, listeners, mail connections), not Apollo. A runner of
   * several subgraphs, once no request can reach them, stops every one's services before any stops
   * answering: one's background work may call another (referrals' mail asks accounts for
   * addresses). Runs once; `stop` runs it too.
   */
  stopServices(): Promise<void>;
  /** Stops the services, then Apollo. Listening servers and the ORM belong to whoever made them. */
  stop(): Promise<void>;
}

/**
 * A subgraph as `npm start`, `npm run schema`, its container and the tests see it. Its context type
 * stays inside (defineSubgraph), so a list of different subgraphs needs no cast.
 */
export interface SubgraphDefinition<S = unknown, O extends object = object> {
  readonly name: string;
  readonly defaultPort: number;
  schema(): Promise<GraphQLSchema>;
  initOrm(clientUrl: string, logger?: Logger): Promise<MikroORM>;
  /** Its own settings in a process environment (none when it has none). */
  optionsFromEnv(env: Env): Partial<O>;
  /** Builds the services once, then the app whose every request's context gets them. */
  start(runtime: SubgraphRuntime, options?: Partial<O>): Promise<RunningSubgraph<S>>;
  /** The services of a subgraph this definition started, for a runner holding several kinds of them. */
  servicesOf(running: RunningSubgraph): S;
}

export function defineSubgraph<
  C extends SubgraphContext,
  S,
  O extends object = Record<never, never>,
>(spec: SubgraphSpec<C, S, O>): SubgraphDefinition<S, O> {
  const definition: SubgraphDefinition<S, O> = {
    name: spec.name,
    defaultPort: spec.defaultPort,
    schema: () => spec.schema(),
    initOrm: (clientUrl, logger) => spec.initOrm(clientUrl, logger),
    optionsFromEnv: (env) => spec.optionsFromEnv?.(env) ?? {},
    async start(runtime, options = {}) {
      const started = await spec.start(runtime, options);
      const { services } = started;
      let stopping: Promise<void> | undefined;
      const stopServices = () => (stopping ??= Promise.resolve(started.stop?.()));
      try {
        const { app, apollo } = await createSubgraphApp<C>({
          name: spec.name,
          schema: await spec.schema(),
          orm: runtime.orm,
          identitySecret: runtime.identitySecret,
          logger: runtime.logger,
          production: runtime.production,
          extendContext: (base) => spec.context(base, services),
          plugins: spec.plugins?.(services),
          routes: spec.routes ? (router) => spec.routes!(router, runtime, services) : undefined,
        });
        return {
          name: spec.name,
          definition,
          app,
          services,
          execute: (request, base) =>
            apollo.executeOperation(request, { contextValue: spec.context(base, services) }),
          stopServices,
          async stop() {
            await stopServices();
            await apollo.stop();
          },
        };
      } catch (error) {
        await stopServices();
        throw error;
      }
    },
    servicesOf(running) {
      if (running.definition !== definition)
        throw new Error(`${running.name} was not started as ${spec.name}`);
      // Sound: only this definition's start() puts itself in `definition`, beside its own services.
      return running.services as S;
    },
  };
  return definition;
}
