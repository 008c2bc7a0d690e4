import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres server URL (its `postgres` database) that test files create databases on. */
    postgresUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'resources_template';

/** A fresh, migrated resources database of its own for one test file (a copy of the template). */
export async function createTestDatabase(serverUrl: string): Promise<string> {
  const name = `resources_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
