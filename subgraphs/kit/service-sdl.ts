import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * In production no operation may select `Query._service` (the subgraph's SDL, for composition
 * tooling): the supergraph is composed offline from the code (`npm run schema`) and the gateway
 * reads that file, so nothing needs a running subgraph's SDL, and no one else should read it. Any
 * alias or fragment is caught, since the rule looks at the field, not the response key.
 */
export const noServiceSdl: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '_service' || context.getParentType()?.name !== 'Query') return;
    context.reportError(
      new GraphQLError(
        '_service is not served in production: the supergraph is composed from the code (npm run schema).',
        { nodes: [node] },
      ),
    );
  },
});
