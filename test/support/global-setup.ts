import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from '../../subgraphs/kit/postgres';
import { TEMPLATE_DATABASE } from './database';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

let server: EmbeddedServer | undefined;
let dir: string | undefined;

/**
 * One real Postgres for the whole run (or TEST_DATABASE_URL's server), and a migrated template
 * database that each test file clones in a few milliseconds.
 */
export async function setup(project: TestProject): Promise<void> {
  let base = process.env.TEST_DATABASE_URL;
  if (!base) {
    dir = mkdtempSync(join(tmpdir(), 'hub-test-pg-'));
    chmodSync(dir, 0o755); // Postgres runs as its own user when we are root.
    server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), persistent: false });
    base = server.urlFor('postgres');
  }
  const template = new URL(base);
  template.pathname = `/${TEMPLATE_DATABASE}`;
  await ensureDatabase(template.toString());
  await import('reflect-metadata');
  const { initResourcesOrm } = await import('../../subgraphs/resources/orm');
  const orm = await initResourcesOrm(template.toString());
  await orm.close(true);
  project.provide('postgresUrl', base);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
