import { Client } from 'pg';
import { createTestDatabase } from '../../test/support/database';

/** A connected client on a fresh migrated resources database (tests only). */
export async function freshDatabase(serverUrl: string): Promise<Client> {
  const client = new Client({ connectionString: await createTestDatabase(serverUrl) });
  await client.connect();
  return client;
}

/** The model's columns of every listing row, for comparing two databases. */
export async function snapshot(db: Client): Promise<Record<string, unknown[]>> {
  const strip = (rows: Record<string, unknown>[]) =>
    rows.map(({ created_at: _c, updated_at: _u, version: _v, hsds: _h, ...rest }) => rest);
  return {
    organization: strip((await db.query('select * from organization order by id')).rows),
    location: strip((await db.query('select * from location order by id')).rows),
    resource: strip((await db.query('select * from resource order by id')).rows),
    links: (await db.query('select * from resource_location order by resource_id, location_id')).rows,
    category: strip((await db.query('select * from category order by id')).rows),
  };
}
