import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { one, useFreshDatabases } from '../test/hsds-database';
import { hsdsSpecDir } from '../test/hsds-paths';
import { importHsds } from './import';
import { query } from '../sql';
import { openInput } from './sources';

const spec = hsdsSpecDir();
const examples = spec ? join(spec, 'examples') : '';
const SERVICE = 'ac148810-d857-441c-9679-408f346de14b';
const ORGANIZATION = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
const LOCATION = '3a19ff88-4620-4d17-9830-ac1d859eb5d5';

const database = useFreshDatabases();

/** The columns of a `resource` row these tests look into. */
interface ServiceRow {
  required_documents: string[];
  last_verified_at: Date;
  category_ids: string[];
  hsds: { cost_options: unknown[] };
}
interface LocationRow {
  schedule: { weekly: unknown[] };
}

describe.skipIf(!spec)('import of the official HSDS 3.0 examples', () => {
  it('loads every JSON example, each record where its id says', async () => {
    const db = await database();
    const files = readdirSync(examples)
      .filter((n) => n.endsWith('.json'))
      .sort((a, b) => Number(b === 'service_full.json') - Number(a === 'service_full.json'));
    expect(files.length).toBe(13);
    for (const name of files) {
      const result = await importHsds(db, await openInput(join(examples, name)));
      expect(result.problems, name).toEqual([]);
    }
    // Each document is the truth for the records it holds: the full service document last.
    await importHsds(db, await openInput(join(examples, 'service_full.json')));
    const [service] = await query<ServiceRow>(db, 'select * from resource where id = ?', [SERVICE]);
    expect(service).toMatchObject({
      name: 'Community Counselling',
      alternate_name: 'MyCity Counselling Services',
      status: 'ACTIVE',
      organization_id: ORGANIZATION,
      minimum_age: 12,
      maximum_age: 100,
      languages: ['ur'],
      url: 'http://example.com/counselling',
      email: 'email@example.com',
      phone: '+44 1234 234567',
    });
    expect(service.required_documents[0]).toMatch(/^Any official identification document/);
    expect(service.last_verified_at.toISOString()).toBe('2005-01-01T00:00:00.000Z');
    expect(service.category_ids).toEqual(['3f7b145d-84af-42d7-8fae-eaca714b02b2']);
    expect(service.hsds).toMatchObject({
      wait_time: 'wait_time',
      interpretation_services: expect.stringContaining('Urdu') as unknown,
    });
    const [location] = await query<LocationRow>(db, 'select * from location where id = ?', [
      LOCATION,
    ]);
    // latitude 100 / longitude 101 are not positions on Earth: loaded, not findable by distance.
    expect(location).toMatchObject({
      name: 'MyCity Civic Center',
      latitude: null,
      longitude: null,
      organization_id: ORGANIZATION,
      time_zone: 'America/Los_Angeles',
    });
    expect(location.schedule.weekly).toEqual([
      { day: 'THURSDAY', opensAt: '10:00', closesAt: '18:00' },
      { day: 'FRIDAY', opensAt: '10:00', closesAt: '18:00' },
    ]);
    expect(
      await one(
        db,
        'select count(*)::int as n from resource_location where resource_id = ? and location_id = ?',
        [SERVICE, LOCATION],
      ),
    ).toEqual({ n: 1 });
    expect(
      await one(db, 'select name from category where id = ?', [
        '3f7b145d-84af-42d7-8fae-eaca714b02b2',
      ]),
    ).toEqual({ name: 'name' });
  });

  it('loads the CSV tabular data package', async () => {
    const db = await database();
    const result = await importHsds(db, await openInput(join(examples, 'csv')));
    expect(result.problems).toEqual([]);
    expect(result.counts.services.created).toBe(1);
    expect(result.counts.organizations.created).toBe(1);
    expect(result.counts.locations.created).toBe(1);
    const [service] = await query<ServiceRow>(db, 'select * from resource where id = ?', [SERVICE]);
    expect(service).toMatchObject({
      name: 'Community Counselling',
      minimum_age: 12,
      maximum_age: 100,
      languages: ['ur'],
      organization_id: ORGANIZATION,
    });
    expect(service.hsds.cost_options[0]).toMatchObject({
      option: 'Under 18s and Over 60s',
      amount: 35,
    });
    // The package's location names an organization it does not contain: filed under the service's, and said so.
    expect(await one(db, 'select organization_id from location where id = ?', [LOCATION])).toEqual({
      organization_id: ORGANIZATION,
    });
    expect(result.warnings.map((w) => w.field)).toContain('organization_id');
  });
});
