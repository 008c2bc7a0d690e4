import type { Server } from 'node:http';
import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import type { Express, Router } from 'express';
import type { GraphQLSchema } from 'graphql';
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

/**
 * Everything the kit needs to run, test and compose one subgraph. `npm start`, `npm run schema`,
 * the containers' entry points and the test harness all work from this one description, so a new
 * subgraph plugs in by exporting one of these and adding it to scripts/subgraphs.ts.
 */
export interface SubgraphDefinition<C extends SubgraphContext = SubgraphContext> {
  name: string;
  defaultPort: number;
  schema(): Promise<GraphQLSchema>;
  /** Connects to the subgraph's own database and migrates it. */
  initOrm(clientUrl: string, logger?: Logger): Promise<MikroORM>;
  /** Adds the subgraph's services and loaders to a request's context. */
  context(base: SubgraphContext, runtime: SubgraphRuntime): C;
  /** Work that lives as long as the service (an outbox indexer...); returns how to stop it. */
  startBackground?(runtime: SubgraphRuntime): Promise<() => Promise<void>>;
  /** Apollo plugins of this subgraph's own (for example, response extensions it must always send). */
  plugins?(runtime: SubgraphRuntime): ApolloServerPlugin<SubgraphContext>[];
  /**
   * HTTP routes of the subgraph's own beside /graphql (the resources subgraph's HSDS API). The kit
   * mounts them behind the gateway's signature check, as /graphql is, and answers their errors in JSON.
   */
  routes?(router: Router, runtime: SubgraphRuntime): void;
}

export async function createDefinedApp<C extends SubgraphContext>(
  definition: SubgraphDefinition<C>,
  runtime: SubgraphRuntime,
  httpServer?: Server,
): Promise<{ app: Express; apollo: ApolloServer<C> }> {
  return createSubgraphApp<C>(
    {
      name: definition.name,
      schema: await definition.schema(),
      orm: runtime.orm,
      identitySecret: runtime.identitySecret,
      logger: runtime.logger,
      production: runtime.production,
      extendContext: (base) => definition.context(base, runtime),
      plugins: definition.plugins?.(runtime),
      routes: definition.routes ? (router) => definition.routes!(router, runtime) : undefined,
    },
    httpServer,
  );
}
