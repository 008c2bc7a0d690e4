import { z } from 'zod';
import { databaseUrlFor, nodeEnv, parseEnv, port, type Env } from '../subgraphs/kit/config';

export interface StartConfig {
  readonly dataDir: string;
  readonly embeddedPostgresPort: number;
  /** Set when the caller brought their own Postgres; otherwise npm start runs an embedded one. */
  readonly resourcesDatabaseUrl: string | undefined;
  readonly seed: boolean;
  readonly production: boolean;
}

const schema = z.object({
  NODE_ENV: nodeEnv,
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_POSTGRES_PORT: port(54329),
  SEED_WHEN_EMPTY: z.enum(['true', 'false']).default('true'),
});

/** Settings of `npm start` itself; each service still reads its own. */
export function startConfig(env: Env): StartConfig {
  const p = parseEnv('npm start', schema, env);
  return Object.freeze({
    dataDir: p.DATA_DIR,
    embeddedPostgresPort: p.EMBEDDED_POSTGRES_PORT,
    resourcesDatabaseUrl: databaseUrlFor('resources', env),
    seed: p.SEED_WHEN_EMPTY === 'true',
    production: p.NODE_ENV === 'production',
  });
}
