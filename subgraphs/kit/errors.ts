import { GraphQLError } from 'graphql';

/** The stable error codes clients may rely on (DESIGN: Reliability and bad input). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes of requests refused as a whole (Apollo Server's where it has one), before any field runs. */
export const GatewayErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  OPERATION_NOT_SUPPORTED: 'OPERATION_NOT_SUPPORTED',
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
} as const;

/** Codes that describe the client's request and so are safe to show as they are. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.RATE_LIMITED,
  // Not the client's doing, but what they need to know: nothing happened, and a retry may work.
  ErrorCode.SERVICE_UNAVAILABLE,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ...Object.values(GatewayErrorCode),
  'PAYLOAD_TOO_LARGE',
]);

abstract class AppError extends GraphQLError {
  constructor(
    message: string,
    code: ErrorCode,
    status: number,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra, http: { status } } });
  }
}

/** The client sent something we cannot accept; `field` is the input path, e.g. `input.latitude`. */
export class BadUserInputError extends AppError {
  constructor(message: string, field?: string) {
    super(
      field ? `${field}: ${message}` : message,
      ErrorCode.BAD_USER_INPUT,
      400,
      field ? { field } : {},
    );
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'You must sign in to do this.') {
    super(message, ErrorCode.UNAUTHENTICATED, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this.') {
    super(message, ErrorCode.FORBIDDEN, 200);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(`${what} ${JSON.stringify(id)} was not found.`, ErrorCode.NOT_FOUND, 200, { id });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, currentVersion?: number) {
    super(message, ErrorCode.CONFLICT, 200, currentVersion === undefined ? {} : { currentVersion });
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} s.`, ErrorCode.RATE_LIMITED, 429, {
      retryAfterSeconds,
    });
  }
}

/**
 * Something this service depends on did not answer; nothing was written and the client may retry.
 * Status 200 like the others a subgraph sends through the gateway, which drops the message of a
 * subgraph's non-2xx answer.
 */
export class ServiceUnavailableError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, ErrorCode.SERVICE_UNAVAILABLE, 200);
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The body every non-GraphQL endpoint (the gateway's refusals, REST routes) answers errors with. */
export function errorBody(
  message: string,
  code: string,
  requestId: string,
  extra: Record<string, unknown> = {},
) {
  return { errors: [{ message, extensions: { code, requestId, ...extra } }] };
}

/** What a client is told of a failure of ours: only the id to report, never the cause. */
export const internalErrorMessage = (requestId: string | undefined) =>
  `Something went wrong on our side. If it keeps happening, report request id ${requestId ?? 'unknown'}.`;

/** The JSON body of an HTTP 500. */
export const internalErrorBody = (requestId: string) =>
  errorBody(internalErrorMessage(requestId), ErrorCode.INTERNAL_SERVER_ERROR, requestId);

const HTTP_STATUS: Readonly<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/**
 * A client error of ours (BadUserInputError, NotFoundError...) as a REST answer: its HTTP status and
 * body, with the extensions it carries (`field`, `id`) but not GraphQL's `http`. Null for anything else.
 */
export function restError(
  error: unknown,
  requestId: string,
): { status: number; body: ReturnType<typeof errorBody> } | null {
  if (!(error instanceof AppError)) return null;
  const { code, http: _http, ...extra } = error.extensions as { code: string; http?: unknown };
  const status = HTTP_STATUS[code];
  return status ? { status, body: errorBody(error.message, code, requestId, extra) } : null;
}
