import { GraphQLError } from 'graphql';

/** The stable error codes clients may rely on (DESIGN: Reliability and bad input). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes that describe the client's request and so are safe to show as they are. */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.RATE_LIMITED,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
]);

abstract class AppError extends GraphQLError {
  constructor(message: string, code: ErrorCode, status: number, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra, http: { status } } });
  }
}

/** The client sent something we cannot accept; `field` is the input path, e.g. `input.latitude`. */
export class BadUserInputError extends AppError {
  constructor(message: string, field?: string) {
    super(field ? `${field}: ${message}` : message, ErrorCode.BAD_USER_INPUT, 400, field ? { field } : {});
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
    super(
      `Too many requests; try again in ${retryAfterSeconds} s.`,
      ErrorCode.RATE_LIMITED,
      429,
      { retryAfterSeconds },
    );
  }
}

export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}
