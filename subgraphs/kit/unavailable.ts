import type { GraphQLFormattedError } from 'graphql';
import { CLIENT_ERROR_CODES, ErrorCode } from './errors';

/**
 * Is this error a database (or another service's connection) that is not answering, rather than a
 * fault of ours? Then the client is told SERVICE_UNAVAILABLE (nothing happened; try again shortly)
 * instead of an internal error, and the service recovers by itself when the database is back.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

/** Postgres SQLSTATEs of a server going away or not taking connections (class 08, 57P01–57P03). */
const POSTGRES_STATES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

/** Messages of `pg` and knex for a connection lost or never made (they carry no code). */
const MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error/,
  /Timeout acquiring a connection/,
  /^Client was closed and is not queryable/,
];

export function isUnavailable(error: unknown): boolean {
  for (let at = error, depth = 0; at && depth < 8; depth++) {
    if (typeof at !== 'object') return false;
    const { code, message, cause, originalError } = at as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_STATES.has(code)))
      return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
    if (at instanceof AggregateError && at.errors.some((e) => isUnavailable(e))) return true;
    at = originalError ?? cause;
  }
  return false;
}

export const UNAVAILABLE_MESSAGE =
  'A database or service this needs is not answering just now. Try again in a moment.';

/**
 * Apollo Server's `formatError`: an error of something not answering becomes SERVICE_UNAVAILABLE
 * (the client retries; with an idempotency key a retried write is never made twice).
 */
export function formatUnavailable(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  // An error that already says what happened (our own SERVICE_UNAVAILABLE naming the service, a
  // client error) keeps its words; only an unexpected one is recognised here.
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
  return isUnavailable(error)
    ? {
        message: UNAVAILABLE_MESSAGE,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      }
    : formatted;
}
