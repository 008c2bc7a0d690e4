import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/**
 * Keys that hold a person's details, a request's values or a statement's parameters. Nothing logs
 * them today; if someone ever does, they leave no trace (DESIGN: logs never hold personal data).
 */
const PERSONAL = [
  'person',
  'displayName',
  'contact',
  'notes',
  'note',
  'reason',
  'purpose',
  'disclosingParty',
  'informationDescription',
  'representativeRelationship',
  'input',
  'variables',
  'sql',
  'query',
  'params',
  'parameters',
  'bindings',
  'detail',
];

const REDACTED = [
  'req.headers.authorization',
  'headers.authorization',
  ...PERSONAL,
  ...PERSONAL.map((key) => `*.${key}`),
];

/**
 * A database error as it may be logged: its class, SQLSTATE and the schema objects it names. Its
 * message is never logged: the driver's inlines the whole statement with its values, and the
 * server's `detail` quotes the row (a NUL byte in a note once put a person's name and health in the
 * log). The stack keeps only its frames, since its first line repeats the message.
 */
function databaseErrorSummary(error: Error & Record<string, unknown>): Record<string, unknown> {
  const text = (key: string) => (typeof error[key] === 'string' ? error[key] : undefined);
  return {
    type: error.name,
    message: `${error.name} (SQLSTATE ${text('code') ?? text('sqlState') ?? 'unknown'})`,
    code: text('code') ?? text('sqlState'),
    table: text('table'),
    constraint: text('constraint'),
    column: text('column'),
    stack: frames(error.stack),
  };
}

const frames = (stack: string | undefined) =>
  stack
    ?.split('\n')
    .filter((line) => line.trim().startsWith('at '))
    .join('\n');

/** Postgres's own error, or MikroORM's or a query builder's wrapping of one. */
function isDatabaseError(error: Error & Record<string, unknown>): boolean {
  return (
    (typeof error.severity === 'string' && typeof error.routine === 'string') ||
    ['sql', 'sqlState', 'sqlMessage', 'query', 'params', 'bindings'].some((key) => key in error)
  );
}

/**
 * What a log line says of an error: its class, message, code and stack, and its cause the same way.
 * A whitelist, not pino's default of every own property: a GraphQL error's source, a driver error's
 * parameters or an HTTP client's request body never reach the log.
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const error = value as Error & Record<string, unknown>;
  if (isDatabaseError(error)) return databaseErrorSummary(error);
  const code =
    typeof error.code === 'string'
      ? error.code
      : (error.extensions as { code?: unknown } | undefined)?.code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    stack: error.stack,
    ...(error.cause !== undefined && depth < 5
      ? { cause: serializeError(error.cause, depth + 1) }
      : {}),
  };
}

export interface LoggerOptions {
  /** Where the lines go; standard output when omitted (tests give a stream that keeps them). */
  destination?: DestinationStream;
}

export function createLogger(
  name: string,
  level: LevelWithSilent = 'info',
  { destination }: LoggerOptions = {},
): Logger {
  return pino(
    {
      name,
      level,
      base: { service: name },
      redact: { paths: REDACTED, remove: true },
      serializers: { err: (error: unknown) => serializeError(error) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
