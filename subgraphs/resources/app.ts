import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { MikroORM } from '../kit/orm';
import type { Logger } from '../kit/logger';
import { buildFederatedSchema } from '../kit/schema';
import { createSubgraphApp } from '../kit/server';
import { CategoryResolver } from './category/category.resolver';
import type { ResourcesContext } from './context';
import { resourcesContext } from './context';
import { LocationResolver } from './location/location.resolver';
import { OrganizationResolver } from './organization/organization.resolver';
import { ListingReportResolver } from './report/listing-report.resolver';
import { ResourceResolver } from './resource/resource.resolver';

type Ref = { id: string };

let schema: Promise<GraphQLSchema> | undefined;

/** The resources subgraph schema (built once per process; type-graphql metadata is global). */
export function resourcesSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({
    resolvers: [ResourceResolver, LocationResolver, OrganizationResolver, CategoryResolver, ListingReportResolver],
    referenceResolvers: {
      Resource: { __resolveReference: (ref: Ref, ctx: ResourcesContext) => ctx.loaders.resource.load(ref.id) },
      Location: { __resolveReference: (ref: Ref, ctx: ResourcesContext) => ctx.loaders.location.load(ref.id) },
      Organization: {
        __resolveReference: (ref: Ref, ctx: ResourcesContext) => ctx.loaders.organization.load(ref.id),
      },
    },
  });
  return schema;
}

export interface ResourcesAppOptions {
  orm: MikroORM;
  identitySecret: string;
  logger: Logger;
  production: boolean;
}

export async function createResourcesApp(options: ResourcesAppOptions, httpServer?: Server) {
  return createSubgraphApp<ResourcesContext>(
    {
      name: 'resources',
      schema: await resourcesSchema(),
      orm: options.orm,
      identitySecret: options.identitySecret,
      logger: options.logger,
      production: options.production,
      extendContext: resourcesContext,
    },
    httpServer,
  );
}
