import { z } from 'zod';
import { commonEnv, ConfigError, databaseUrlFor, identitySecretFrom, parseEnv, port, type Env } from '../kit/config';

export interface ResourcesConfig {
  readonly production: boolean;
  readonly logLevel: string;
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly identitySecret: string;
  readonly dataDir: string;
}

const schema = z.object({ ...commonEnv, RESOURCES_PORT: port(4001) });

/** Reads this service's settings; in production every secret and URL must be given explicitly. */
export function resourcesConfig(env: Env): ResourcesConfig {
  const parsed = parseEnv('resources', schema, env);
  const production = parsed.NODE_ENV === 'production';
  const databaseUrl = databaseUrlFor('resources', env);
  const identitySecret = identitySecretFrom(parsed);
  const missing: string[] = [];
  if (!identitySecret) missing.push('IDENTITY_SIGNING_SECRET: required in production');
  if (production && !databaseUrl) missing.push('RESOURCES_DATABASE_URL or DATABASE_URL: required in production');
  if (missing.length) throw new ConfigError('resources', missing);
  return Object.freeze({
    production,
    logLevel: parsed.LOG_LEVEL,
    port: parsed.RESOURCES_PORT,
    databaseUrl,
    identitySecret: identitySecret!,
    dataDir: parsed.DATA_DIR,
  });
}
