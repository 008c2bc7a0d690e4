import { knex, type Knex } from '@mikro-orm/postgresql';
import { afterEach, inject } from 'vitest';
import { createTestDatabase } from '../../../test/support/database';
import { query } from '../sql';

/** A fresh migrated resources database (tests only), as the knex the HSDS import and export run on. */
export async function freshDatabase(serverUrl: string): Promise<Knex> {
  return knex({
    client: 'pg',
    connection: await createTestDatabase(serverUrl),
    pool: { min: 0, max: 2 },
  });
}

/** Fresh databases for a test file's tests, each closed after the test that asked for it. */
export function useFreshDatabases(): () => Promise<Knex> {
  const open: Knex[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
  });
  return async () => {
    const db = await freshDatabase(inject('postgresUrl'));
    open.push(db);
    return db;
  };
}

/** The first row a statement returns, for assertions (a row type when a test needs one). */
export async function one<T = Record<string, unknown>>(
  db: Knex,
  text: string,
  params: unknown[] = [],
): Promise<T> {
  return (await query<T>(db, text, params))[0];
}

/** The model's columns of every listing row, for comparing two databases. */
export async function snapshot(db: Knex): Promise<Record<string, unknown[]>> {
  // When each row was written differs between two databases; the feed's last_modified of a listing
  // an export wrote is that export's clock.
  const strip = (rows: Record<string, unknown>[]) =>
    rows.map(
      ({
        created_at: _c,
        updated_at: _u,
        imported_at: _i,
        source_modified_at: _m,
        version: _v,
        hsds: _h,
        ...rest
      }) => rest,
    );
  return {
    organization: strip(await query(db, 'select * from organization order by id')),
    location: strip(await query(db, 'select * from location order by id')),
    resource: strip(await query(db, 'select * from resource order by id')),
    links: await query(db, 'select * from resource_location order by resource_id, location_id'),
    category: strip(await query(db, 'select * from category order by id')),
  };
}
