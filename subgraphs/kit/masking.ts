import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES, ErrorCode, internalErrorMessage } from './errors';
import type { Logger } from './logger';

interface WithRequestId {
  requestId?: string;
  logger?: Logger;
}

function isClientError(error: GraphQLFormattedError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && CLIENT_ERROR_CODES.has(code);
}

/**
 * Unexpected errors reach the client only as a message with the request id; the full error is
 * logged under that id. Errors that describe the client's own request pass through unchanged.
 */
export function maskErrors<C extends BaseContext>(logger: Logger): ApolloServerPlugin<C> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors({ errors, contextValue }) {
          const ctx = contextValue as WithRequestId;
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) continue;
            (ctx.logger ?? logger).error(
              { err: error.originalError ?? error, path: error.path, requestId: ctx.requestId },
              'unexpected error',
            );
          }
          return Promise.resolve();
        },
        willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) {
            return Promise.resolve();
          }
          const requestId = (contextValue as WithRequestId).requestId;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) =>
            isClientError(error)
              ? { ...error, extensions: { ...error.extensions, requestId } }
              : {
                  message: internalErrorMessage(requestId),
                  path: error.path,
                  extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
                },
          );
          return Promise.resolve();
        },
      });
    },
  };
}
