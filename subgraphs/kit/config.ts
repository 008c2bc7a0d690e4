import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

export type Env = Record<string, string | undefined>;

/** A service cannot start; the message lists every setting that is wrong or missing, at once. */
export class ConfigError extends Error {
  constructor(service: string, problems: string[]) {
    super(`${service} cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses `env` with `schema`, collecting every problem before failing once. */
export function parseEnv<S extends z.ZodType>(service: string, schema: S, env: Env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      service,
      result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  return result.data;
}

export const nodeEnv = z.enum(['development', 'production', 'test']).default('development');
export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');
export type LogLevel = z.infer<typeof logLevel>;
export const port = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);
/** An address to listen on: an IP address or a host name. */
export const host = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:-]+$/, 'must be an IP address or a host name')
    .default(fallback);
const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));
export const optionalString = optional;
export const optionalUrl = optional.pipe(z.url().optional());

/** Secrets that development generates once under the data folder, so tokens and services agree. */
export interface DevSecrets {
  jwtSecret: string;
  identitySecret: string;
}

export function devSecretsPath(dataDir: string): string {
  return resolve(dataDir, 'secrets.json');
}

export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = devSecretsPath(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  mkdirSync(dirname(file), { recursive: true });
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    identitySecret: randomBytes(32).toString('base64url'),
  };
  try {
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process wrote them first: use theirs so everyone agrees.
    if ((error as { code?: string }).code === 'EEXIST') return loadOrCreateDevSecrets(dataDir);
    throw error;
  }
  chmodSync(file, 0o600);
  return secrets;
}

/**
 * The identity-signing secret shared by the gateway and subgraphs: explicit, or in development the
 * generated one. Returns undefined in production when it is missing, so the caller can list it.
 */
export function identitySecretFrom(env: {
  NODE_ENV: string;
  IDENTITY_SIGNING_SECRET?: string;
  DATA_DIR: string;
}): string | undefined {
  if (env.IDENTITY_SIGNING_SECRET) return env.IDENTITY_SIGNING_SECRET;
  if (env.NODE_ENV === 'production') return undefined;
  return loadOrCreateDevSecrets(env.DATA_DIR).identitySecret;
}

/**
 * The database a subgraph uses: its own URL (`RESOURCES_DATABASE_URL`), or the database named for it
 * on the server of `DATABASE_URL`, so that subgraphs never share tables.
 */
export function databaseUrlFor(name: string, env: Env): string | undefined {
  const own = env[`${name.toUpperCase()}_DATABASE_URL`]?.trim();
  if (own) return own;
  const shared = env.DATABASE_URL?.trim();
  if (!shared) return undefined;
  const url = new URL(shared);
  url.pathname = `/${name}`;
  return url.toString();
}

export const commonEnv = {
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  DATA_DIR: z.string().default('.data'),
  IDENTITY_SIGNING_SECRET: optionalString.pipe(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
};
