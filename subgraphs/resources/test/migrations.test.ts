import { randomBytes, randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ormConfig } from '../../kit/orm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';

const opened: MikroORM[] = [];
afterAll(async () => {
  for (const orm of opened) await orm.close(true);
});

/** An empty database, migrated by the resources migrations before `name` (or by all of them). */
async function migrated(url: string, before?: string): Promise<MikroORM> {
  const count = before ? MIGRATIONS.findIndex((m) => m.name === before) : MIGRATIONS.length;
  expect(count).toBeGreaterThan(0);
  const orm = await MikroORM.init(
    ormConfig({ clientUrl: url, entities: ENTITIES, migrations: MIGRATIONS.slice(0, count) }),
  );
  opened.push(orm);
  await orm.getMigrator().up();
  return orm;
}

async function emptyDatabase(): Promise<string> {
  const server = inject('postgresUrl');
  const name = `resources_migration_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('the beds-per-site migration', () => {
  it("moves each listing's count to its site (the first of several), keeps every total, and makes search per site", async () => {
    const url = await emptyDatabase();
    const before = await migrated(url, 'Migration20261202150000SiteCapacity');
    const sql = before.em.getConnection();
    const org = randomUUID();
    const [main, annex, other] = [randomUUID(), randomUUID(), randomUUID()];
    const [oneSite, twoSites, noSite, uncounted] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    await sql.execute(
      `insert into organization (id, name, created_at, updated_at) values (?, 'Harbor Collective', now(), now())`,
      [org],
    );
    // The main site is the oldest; the annex came a year later.
    for (const [id, name, created] of [
      [main, 'Main', '2024-01-01'],
      [annex, 'Annex', '2025-01-01'],
      [other, 'Other', '2024-06-01'],
    ]) {
      await sql.execute(
        `insert into location (id, organization_id, name, latitude, longitude, time_zone, schedule, created_at, updated_at)
         values (?, ?, ?, 37.8, -122.27, 'America/Los_Angeles', '{"weekly":[],"closures":[]}', ?, now())`,
        [id, org, name, created],
      );
    }
    const listing = (id: string, name: string, capacity: [number, number | null] | null) =>
      sql.execute(
        `insert into resource (id, organization_id, name, capacity_unit, capacity_available, capacity_maximum,
           capacity_updated_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, now(), now())`,
        [
          id,
          org,
          name,
          capacity ? 'beds' : null,
          capacity?.[0] ?? null,
          capacity?.[1] ?? null,
          capacity ? '2026-12-01T20:00:00Z' : null,
        ],
      );
    await listing(oneSite, 'One Site Shelter', [4, 10]);
    await listing(twoSites, 'Two Site Shelter', [17, 30]);
    await listing(noSite, 'Phone Line', [2, null]);
    await listing(uncounted, 'Pantry', null);
    await sql.execute(
      `insert into resource_location (resource_id, location_id) values (?, ?), (?, ?), (?, ?), (?, ?)`,
      [oneSite, other, twoSites, annex, twoSites, main, uncounted, main],
    );

    const after = await migrated(url);
    const rows = (q: string, p: unknown[] = []) =>
      after.em.getConnection().execute<Record<string, unknown>[]>(q, p);
    expect(
      await rows(
        `select r.name, sc.location_id, sc.unit, sc.available, sc.maximum, sc.updated_at = '2026-12-01T20:00:00Z'::timestamptz as kept_updated_at
         from service_capacity sc join resource r on r.id = sc.resource_id order by r.name`,
      ),
    ).toEqual([
      {
        name: 'One Site Shelter',
        location_id: other,
        unit: 'beds',
        available: 4,
        maximum: 10,
        kept_updated_at: true,
      },
      {
        name: 'Two Site Shelter',
        location_id: main,
        unit: 'beds',
        available: 17,
        maximum: 30,
        kept_updated_at: true,
      },
    ]);
    // Totals are unchanged; the listing offered at no place keeps its count.
    expect(
      await rows(`select name, capacity_available, capacity_maximum from resource order by name`),
    ).toEqual([
      { name: 'One Site Shelter', capacity_available: 4, capacity_maximum: 10 },
      { name: 'Pantry', capacity_available: null, capacity_maximum: null },
      { name: 'Phone Line', capacity_available: 2, capacity_maximum: null },
      { name: 'Two Site Shelter', capacity_available: 17, capacity_maximum: 30 },
    ]);
    // Search sees beds where they are: the annex no longer shows the main site's 17.
    expect(
      await rows(
        `select location_id, capacity_available from search_source where resource_id = ? order by location_id = ? desc`,
        [twoSites, main],
      ),
    ).toEqual([
      { location_id: main, capacity_available: 17 },
      { location_id: annex, capacity_available: null },
    ]);
    expect(
      await rows(`select capacity_available from search_source where resource_id = ?`, [noSite]),
    ).toEqual([{ capacity_available: 2 }]);
    // Documents built before the migration are rebuilt.
    expect(await rows(`select kind from search_outbox`)).toEqual([{ kind: 'all' }]);
    // A site's count goes when the listing stops being offered there.
    await rows(`delete from resource_location where resource_id = ? and location_id = ?`, [
      twoSites,
      main,
    ]);
    expect(
      await rows(`select count(*)::int as n from service_capacity where resource_id = ?`, [
        twoSites,
      ]),
    ).toEqual([{ n: 0 }]);
  });
});
