import { z } from 'zod';
import {
  commonEnv,
  ConfigError,
  databaseUrlFor,
  host,
  identitySecretFrom,
  parseEnv,
  port,
  type Env,
  type LogLevel,
} from './config';

export interface SubgraphConfig {
  readonly production: boolean;
  readonly logLevel: LogLevel;
  readonly port: number;
  /** The address it listens on: loopback unless `HOST` says otherwise (0.0.0.0 in a container). */
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly identitySecret: string;
  readonly dataDir: string;
}

/**
 * A subgraph's settings: `<NAME>_PORT`, `HOST` (where it listens: 127.0.0.1 unless a container says
 * 0.0.0.0, since only the gateway should reach it), `<NAME>_DATABASE_URL` (or `DATABASE_URL`'s server), the
 * identity-signing secret. In production every secret and URL must be given explicitly.
 */
export function subgraphConfig(name: string, defaultPort: number, env: Env): SubgraphConfig {
  const portKey = `${name.toUpperCase()}_PORT`;
  const schema = z.object({ ...commonEnv, HOST: host('127.0.0.1'), [portKey]: port(defaultPort) });
  const parsed = parseEnv(name, schema, env) as z.infer<z.ZodObject<typeof commonEnv>> & {
    HOST: string;
  } & Record<string, number>;
  const production = parsed.NODE_ENV === 'production';
  const databaseUrl = databaseUrlFor(name, env);
  const identitySecret = identitySecretFrom(parsed);
  const missing: string[] = [];
  if (!identitySecret) missing.push('IDENTITY_SIGNING_SECRET: required in production');
  if (production && !databaseUrl) {
    missing.push(`${name.toUpperCase()}_DATABASE_URL or DATABASE_URL: required in production`);
  }
  if (missing.length) throw new ConfigError(name, missing);
  return Object.freeze({
    production,
    logLevel: parsed.LOG_LEVEL,
    port: parsed[portKey],
    host: parsed.HOST,
    databaseUrl,
    identitySecret: identitySecret!,
    dataDir: parsed.DATA_DIR,
  });
}
