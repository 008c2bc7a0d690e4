import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from '../../subgraphs/kit/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres server URL (its `postgres` database) that test files create databases on. */
    postgresUrl: string;
  }
}

export const templateDatabase = (subgraph: string) => `${subgraph}_template`;

/** On a Postgres server, per subgraph a migrated template database that test databases copy. */
export async function prepareTemplates(serverUrl: string): Promise<void> {
  await import('reflect-metadata');
  const { SUBGRAPHS } = await import('../../scripts/subgraphs.js');
  for (const { definition } of SUBGRAPHS) {
    const template = new URL(serverUrl);
    template.pathname = `/${templateDatabase(definition.name)}`;
    await ensureDatabase(template.toString());
    const orm = await definition.initOrm(template.toString());
    await orm.close(true);
  }
}

/** A fresh, migrated database of its own for one test file (a copy of the subgraph's template). */
export async function createTestDatabase(
  serverUrl: string,
  subgraph = 'resources',
): Promise<string> {
  const name = `${subgraph}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${templateDatabase(subgraph)}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, empty database on the test server (for what makes its own tables: the rate limits). */
export async function createEmptyDatabase(serverUrl: string, prefix: string): Promise<string> {
  const url = new URL(serverUrl);
  url.pathname = `/${prefix}_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(url.toString());
  return url.toString();
}
