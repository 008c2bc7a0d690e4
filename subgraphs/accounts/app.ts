import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kit/schema';
import { AccountResolver } from './users/account.resolver';

let schema: Promise<GraphQLSchema> | undefined;

/** The accounts subgraph schema (built once per process; type-graphql metadata is global). */
export function accountsSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({ resolvers: [AccountResolver] });
  return schema;
}
