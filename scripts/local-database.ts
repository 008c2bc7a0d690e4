import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ConfigError, databaseUrlFor, type Env } from '../subgraphs/kit/config';
import type { MikroORM } from '../subgraphs/kit/orm';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../subgraphs/kit/postgres';
import { initAccountsOrm } from '../subgraphs/accounts/orm';
import { initPeersOrm } from '../subgraphs/peers/orm';
import { initResourcesOrm } from '../subgraphs/resources/orm';
import { startConfig } from './start-config';

export interface LocalDatabase {
  orm: MikroORM;
  /** The URL, password hidden, to say where the data went. */
  where: string;
  close(): Promise<void>;
}

/** The data folder of the Postgres answering at `url`, or null when nothing answers there. */
async function servedFolder(url: string): Promise<string | null> {
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await probe.connect();
  } catch {
    return null;
  }
  try {
    const result = await probe.query<{ data_directory: string }>('show data_directory');
    return result.rows[0].data_directory;
  } finally {
    await probe.end();
  }
}

const INIT = { resources: initResourcesOrm, peers: initPeersOrm, accounts: initAccountsOrm };

export interface OpenOptions {
  /**
   * When `npm start` has never made its embedded Postgres in the data folder: `refuse` (the default:
   * a command must not quietly work on a new, empty database) or `create` (for commands that put data
   * in, such as `seed`; it says so).
   */
  whenMissing?: 'refuse' | 'create';
}

/**
 * A subgraph's database as the services find it: <NAME>_DATABASE_URL or DATABASE_URL, else the
 * embedded Postgres of `npm start` with the same DATA_DIR and EMBEDDED_POSTGRES_PORT (used while it
 * runs, started for the duration otherwise). Migrates it first. Refuses a Postgres on that port that
 * serves another data folder, and a data folder holding no Postgres unless told to create one.
 */
export async function openLocalDatabase(
  subgraph: keyof typeof INIT,
  env: Env = process.env,
  options: OpenOptions = {},
): Promise<LocalDatabase> {
  const config = startConfig(env);
  let url = databaseUrlFor(subgraph, env);
  let server: EmbeddedServer | undefined;
  let note = '';
  if (!url) {
    const folder = resolve(config.dataDir, 'postgres');
    // npm start's embedded server uses these development credentials (subgraphs/kit/postgres.ts).
    const running = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPostgresPort}`;
    const served = await servedFolder(`${running}/postgres`);
    if (served !== null && resolve(served) !== folder)
      throw new ConfigError('This command', [
        `the Postgres on port ${config.embeddedPostgresPort} keeps its data in ${served}, ` +
          `not in ${folder} (DATA_DIR=${config.dataDir}). Run the command with the DATA_DIR ` +
          `that npm start uses, or another EMBEDDED_POSTGRES_PORT.`,
      ]);
    const fresh = !existsSync(resolve(folder, 'PG_VERSION'));
    if (served === null && fresh && options.whenMissing !== 'create')
      throw new ConfigError('This command', [
        `there is no database in ${folder} (DATA_DIR=${config.dataDir}): \`npm start\` creates ` +
          `it there. Use the DATA_DIR npm start uses, or set DATABASE_URL to your Postgres.`,
      ]);
    if (served !== null) url = `${running}/${subgraph}`;
    else {
      if (fresh) console.error(`No database in ${folder} yet: creating a new one there.`);
      server = await startEmbeddedPostgres({ dataDir: folder, port: config.embeddedPostgresPort });
      url = server.urlFor(subgraph);
    }
    note = ` (embedded, data in ${folder}${served !== null ? ', npm start is running' : ''})`;
  }
  try {
    await ensureDatabase(url);
    const orm = await INIT[subgraph](url);
    const shown = new URL(url);
    if (shown.password) shown.password = '***';
    return {
      orm,
      where: `${shown.toString()}${note}`,
      async close() {
        await orm.close(true);
        await server?.stop();
      },
    };
  } catch (error) {
    await server?.stop();
    throw error;
  }
}

/**
 * Stops a command that reads the directory (reindex, export) from working on one that holds no
 * listing, which is what a wrong DATA_DIR or DATABASE_URL looks like, unless `--allow-empty`.
 */
export async function refuseEmptyDirectory(
  knex: Knex,
  where: string,
  allowEmpty: boolean,
): Promise<void> {
  if (allowEmpty) return;
  const result = await knex.raw<{ rows: { any: boolean }[] }>(
    'select exists (select 1 from resource) as any',
  );
  if (!result.rows[0].any)
    throw new ConfigError('This command', [
      `the directory in ${where} holds no listing. If that is the database you meant, ` +
        `add --allow-empty; otherwise use the DATA_DIR or DATABASE_URL that npm start uses.`,
    ]);
}

/** The resources database (see `openLocalDatabase`), as the knex the HSDS import and export run on. */
export async function connectResources(
  env: Env = process.env,
  options: OpenOptions = {},
): Promise<LocalDatabase & { knex: Knex }> {
  const db = await openLocalDatabase('resources', env, options);
  return { ...db, knex: db.orm.em.getConnection().getKnex() };
}
