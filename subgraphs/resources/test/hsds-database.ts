import { knex, type Knex } from '@mikro-orm/postgresql';
import { createTestDatabase } from '../../../test/support/database';
import { query } from '../sql';

/** A fresh migrated resources database (tests only), as the knex the HSDS import and export run on. */
export async function freshDatabase(serverUrl: string): Promise<Knex> {
  return knex({ client: 'pg', connection: await createTestDatabase(serverUrl), pool: { min: 0, max: 2 } });
}

/** The model's columns of every listing row, for comparing two databases. */
export async function snapshot(db: Knex): Promise<Record<string, unknown[]>> {
  const strip = (rows: Record<string, unknown>[]) =>
    rows.map(({ created_at: _c, updated_at: _u, version: _v, hsds: _h, ...rest }) => rest);
  return {
    organization: strip(await query(db, 'select * from organization order by id')),
    location: strip(await query(db, 'select * from location order by id')),
    resource: strip(await query(db, 'select * from resource order by id')),
    links: await query(db, 'select * from resource_location order by resource_id, location_id'),
    category: strip(await query(db, 'select * from category order by id')),
  };
}
