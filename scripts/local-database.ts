import { resolve } from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { databaseUrlFor, type Env } from '../subgraphs/kit/config';
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

async function reachable(url: string): Promise<boolean> {
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    return false;
  }
}

const INIT = { resources: initResourcesOrm, peers: initPeersOrm, accounts: initAccountsOrm };

/**
 * A subgraph's database as the services find it: <NAME>_DATABASE_URL or DATABASE_URL, else the
 * embedded Postgres of `npm start` (used while it runs, started for the duration otherwise).
 * Migrates it first, so a command works on a fresh machine.
 */
export async function openLocalDatabase(
  subgraph: keyof typeof INIT,
  env: Env = process.env,
): Promise<LocalDatabase> {
  const config = startConfig(env);
  let url = databaseUrlFor(subgraph, env);
  let server: EmbeddedServer | undefined;
  if (!url) {
    // npm start's embedded server uses these development credentials (subgraphs/kit/postgres.ts).
    const running = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPostgresPort}`;
    if (await reachable(`${running}/postgres`)) url = `${running}/${subgraph}`;
    else {
      server = await startEmbeddedPostgres({
        dataDir: resolve(config.dataDir, 'postgres'),
        port: config.embeddedPostgresPort,
      });
      url = server.urlFor(subgraph);
    }
  }
  try {
    await ensureDatabase(url);
    const orm = await INIT[subgraph](url);
    const shown = new URL(url);
    if (shown.password) shown.password = '***';
    return {
      orm,
      where: shown.toString(),
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

/** The resources database (see `openLocalDatabase`), as the knex the HSDS import and export run on. */
export async function connectResources(
  env: Env = process.env,
): Promise<LocalDatabase & { knex: Knex }> {
  const db = await openLocalDatabase('resources', env);
  return { ...db, knex: db.orm.em.getConnection().getKnex() };
}
