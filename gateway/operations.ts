import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { buildSchema, GraphQLError, OperationTypeNode } from 'graphql';
import { BadUserInputError, GatewayErrorCode } from '../subgraphs/kit/errors';
import { argumentProblem } from './arguments';

/** Apollo Server's message for a persisted query whose sha256Hash is not its query's. */
const HASH_MISMATCH = 'provided sha does not match query';

function refuse(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/**
 * What the gateway refuses about an operation as a whole, before planning, as a 400 with a code:
 * no operation to run (several without operationName, or an unknown operationName), a subscription
 * (the supergraph has none and the gateway cannot run one), and NUL or a lone surrogate in any
 * argument or a date its scalar refuses (BAD_USER_INPUT naming the argument; the subgraphs refuse them
 * too, but without that name). Apollo Server's own refusals that
 * carry no code (a persisted query's hash or version) get one, so they are not masked as internal.
 */
export function operationChecks<C extends BaseContext>(
  supergraphSdl: string,
): ApolloServerPlugin<C> {
  // The argument types, from the supergraph itself: the gateway's own schema object is built by
  // Apollo's copy of graphql, which the type checks here may not be (a test runner loads two).
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, request, document }) {
          if (!operation) {
            throw refuse(
              request.operationName
                ? `The query has no operation named ${JSON.stringify(request.operationName)}.`
                : 'The query has several operations: name the one to run in operationName.',
              GatewayErrorCode.OPERATION_RESOLUTION_FAILURE,
            );
          }
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
            throw refuse(
              'Subscriptions are not supported: send a query or a mutation.',
              GatewayErrorCode.OPERATION_NOT_SUPPORTED,
            );
          }
          const problem = argumentProblem(schema, document, request.variables ?? {});
          if (problem) throw new BadUserInputError(problem.message, problem.field);
          return Promise.resolve();
        },
        didEncounterErrors({ errors }) {
          for (const error of errors) {
            // Errors the gateway's executor returns need not be GraphQLErrors with extensions.
            const extensions = error.extensions as Record<string, unknown> | undefined;
            if (!extensions || extensions.code !== undefined) continue;
            const status = (extensions.http as { status?: unknown } | undefined)?.status;
            if (error.message === HASH_MISMATCH) {
              extensions.code = GatewayErrorCode.PERSISTED_QUERY_HASH_MISMATCH;
            } else if (typeof status === 'number' && status >= 400 && status < 500) {
              extensions.code = GatewayErrorCode.BAD_REQUEST;
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
