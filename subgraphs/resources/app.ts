import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kit/schema';
import { CategoryResolver } from './category/category.resolver';
import type { ResourcesContext } from './context';
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
      // Unpublished listings stay hidden here too, as they are from resource(id).
      Resource: {
        __resolveReference: async (ref: Ref, ctx: ResourcesContext) => {
          const resource = await ctx.loaders.resource.load(ref.id);
          return resource && ctx.resources.isVisible(resource) ? resource : null;
        },
      },
      Location: { __resolveReference: (ref: Ref, ctx: ResourcesContext) => ctx.loaders.location.load(ref.id) },
      Organization: {
        __resolveReference: (ref: Ref, ctx: ResourcesContext) => ctx.loaders.organization.load(ref.id),
      },
    },
  });
  return schema;
}
