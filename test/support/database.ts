import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres server URL (its `postgres` database) that test files create databases on. */
    postgresUrl: string;
  }
}

export const templateDatabase = (subgraph: string) => `${subgraph}_template`;

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
