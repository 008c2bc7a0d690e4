import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { validateArgument } from './validation';

const FEDERATION_IMPORTS = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@provides',
  '@inaccessible',
];

/** A class, abstract or not: resolvers, and the object and interface types they define. */
export type SchemaClass = abstract new (...args: never[]) => unknown;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<SchemaClass>;
  orphanedTypes?: SchemaClass[];
  /** `__resolveReference` per entity type name, for `_entities`. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql builds and prints the
 * schema with its directives (`@key`), and `buildSubgraphSchema` adds `_entities` and `_service`.
 */
export async function buildFederatedSchema(
  options: FederatedSchemaOptions,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    skipCheck: true,
    validateFn: (value) => validateArgument(value),
  });
  const link = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ${JSON.stringify(FEDERATION_IMPORTS)})`;
  const typeDefs = parse(`${link}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, fields] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fields as object) };
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
