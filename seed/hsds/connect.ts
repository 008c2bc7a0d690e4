import { resolve } from 'node:path';
import { Client } from 'pg';
import { startConfig } from '../../scripts/start-config';
import type { Env } from '../../subgraphs/kit/config';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from '../../subgraphs/kit/postgres';
import { initResourcesOrm } from '../../subgraphs/resources/orm';

export interface ResourcesConnection {
  client: Client;
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

/**
 * The resources database as the services find it: RESOURCES_DATABASE_URL or DATABASE_URL, else the
 * embedded Postgres of `npm start` (used while it runs, started for the duration otherwise).
 * Migrates it first, so an import works on a fresh machine.
 */
export async function connectResources(env: Env = process.env): Promise<ResourcesConnection> {
  const config = startConfig(env);
  let url = config.resourcesDatabaseUrl;
  let server: EmbeddedServer | undefined;
  if (!url) {
    // npm start's embedded server uses these development credentials (subgraphs/kit/postgres.ts).
    const running = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPostgresPort}`;
    if (await reachable(`${running}/postgres`)) url = `${running}/resources`;
    else {
      server = await startEmbeddedPostgres({ dataDir: resolve(config.dataDir, 'postgres'), port: config.embeddedPostgresPort });
      url = server.urlFor('resources');
    }
  }
  await ensureDatabase(url);
  const orm = await initResourcesOrm(url);
  await orm.close(true);
  const client = new Client({ connectionString: url });
  await client.connect();
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  return {
    client,
    where: shown.toString(),
    async close() {
      await client.end();
      await server?.stop();
    },
  };
}
