import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kit/schema';
import { CategoryResolver } from './category/category.resolver';
import type { ResourcesContext } from './context';
import { DuplicateResolver } from './duplicates/duplicate.resolver';
import { LanguageResolver, ResourceLanguageResolver } from './language/language.resolver';
import { LocationResolver } from './location/location.resolver';
import { OrganizationResolver } from './organization/organization.resolver';
import { ListingReportResolver } from './report/listing-report.resolver';
import { ResourceResolver } from './resource/resource.resolver';
import { SearchHitResolver, SearchResolver } from './search/search.resolver';

type Ref = { id: string };

let schema: Promise<GraphQLSchema> | undefined;

/** The resources subgraph schema (built once per process; type-graphql metadata is global). */
export function resourcesSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({
    resolvers: [
      ResourceResolver,
      LocationResolver,
      OrganizationResolver,
      CategoryResolver,
      ListingReportResolver,
      DuplicateResolver,
      SearchResolver,
      SearchHitResolver,
      LanguageResolver,
      ResourceLanguageResolver,
    ],
    referenceResolvers: {
      // A reference another subgraph holds (a saved list, a referral) shows a listing only to a
      // reader who may see it (ResourceService.referenced); `_entities` is not part of the gateway's
      // API: only the gateway's query planner reaches it, and subgraphs asking as a service.
      Resource: {
        __resolveReference: async (ref: Ref, ctx: ResourcesContext) => {
          // A merged listing's id answers with the listing it was merged into.
          const found = await ctx.loaders.resource.load(ref.id);
          const current = found?.mergedInto
            ? await ctx.loaders.resource.load(found.mergedInto)
            : found;
          return ctx.resources.referenced(current);
        },
      },
      Location: {
        __resolveReference: (ref: Ref, ctx: ResourcesContext) => ctx.loaders.location.load(ref.id),
      },
      Organization: {
        __resolveReference: (ref: Ref, ctx: ResourcesContext) =>
          ctx.loaders.organization.load(ref.id),
      },
    },
  });
  return schema;
}
