import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { useFreshDatabases } from '../test/hsds-database';
import { hsdsSpecDir } from '../test/hsds-paths';
import { query } from '../sql';
import { exportHsds } from './export';
import { importHsds } from './import';
import { memoryInput } from './sources';

const spec = hsdsSpecDir();
const database = useFreshDatabases();

type Doc = Record<string, unknown>;
type Link = { id: string; location_id?: string; location?: { id: string } };

async function exported(db: Knex, id: string): Promise<Doc> {
  const folder = mkdtempSync(join(tmpdir(), 'hsds-round-trip-'));
  await exportHsds(db, folder);
  const services = readFileSync(join(folder, 'services.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Doc);
  const found = services.find((s) => s.id === id);
  if (!found) throw new Error(`service ${id} was not exported`);
  return found;
}

const links = (doc: Doc) =>
  (doc.service_at_locations as Link[]).map((l) => ({
    id: l.id,
    location: l.location_id ?? l.location?.id,
  }));
const languages = (doc: Doc) =>
  (doc.languages as Doc[]).map(({ code, name, note }) => ({ code, name, note }));

describe.skipIf(!spec)('an HSDS document imported and exported again', () => {
  const example = () =>
    JSON.parse(readFileSync(join(spec ?? '', 'examples', 'service_full.json'), 'utf8')) as Doc & {
      id: string;
    };

  it('keeps its service_at_location ids, its languages and its last_modified', async () => {
    const db = await database();
    const original = example();
    // The feed's own link ids, also on a link that says nothing else, and a language HSDS allows by 639-3.
    const [first] = original.service_at_locations as Doc[];
    const bare = {
      id: '0f5c3c1e-7d0a-4b8e-9a51-6f1d2a3b4c5d',
      location_id: '8b1d0c35-2c6e-4f59-a1d2-33b3e5f7a9c1',
    };
    const location = { ...(first.location as Doc), id: bare.location_id, name: 'Second site' };
    const doc = {
      ...original,
      service_at_locations: [first, { ...bare, location }],
      languages: [...(original.languages as Doc[]), { id: 'l-hmn', code: 'hmn', name: 'Hmong' }],
    };
    const result = await importHsds(db, memoryInput([doc], 'service_full.json'));
    expect(result.problems).toEqual([]);

    const back = await exported(db, original.id);
    expect(links(back).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      links(doc).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(languages(back)).toEqual(languages(doc));
    expect(back.last_modified).toBe(original.last_modified);

    // Once edited here, the listing's last change is ours, not the feed's.
    await query(
      db,
      `update resource set name = 'Counselling (edited)', updated_at = now() where id = ?`,
      [original.id],
    );
    const edited = await exported(db, original.id);
    expect(edited.last_modified).not.toBe(original.last_modified);
    expect(Date.parse(edited.last_modified as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('keeps each site’s capacity (service_capacity) of a listing offered at several sites', async () => {
    const db = await database();
    const original = example();
    const [first] = original.service_at_locations as Doc[];
    const firstLocation = (first.location as Doc).id as string;
    const second = {
      id: '5c1f2e3d-4b5a-4c6d-8e7f-901a2b3c4d5e',
      location_id: '2a7e4c1b-9d3f-4e5a-b6c7-d8e9f0a1b2c3',
    };
    const third = {
      id: '6d2a3f4e-5c6b-4d7e-9f80-a12b3c4d5e6f',
      location_id: '3b8f5d2c-ae40-4f6b-87d8-e9f0a1b2c3d4',
    };
    const site = (link: { location_id: string }, name: string) => ({
      ...link,
      location: { ...(first.location as Doc), id: link.location_id, name },
    });
    const doc = {
      ...original,
      service_at_locations: [first, site(second, 'Second site'), site(third, 'Third site')],
      capacities: [
        // Tied by location, by service_at_location, and one for a site the listing is not at.
        {
          id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
          service_id: original.id,
          location_id: firstLocation,
          unit: { name: 'beds' },
          available: 3,
          maximum: 20,
          updated: '2026-11-30T18:00:00.000Z',
        },
        {
          id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
          service_id: original.id,
          service_at_location_id: second.id,
          unit: { name: 'beds' },
          available: 0,
          maximum: 12,
          updated: '2026-12-01T06:00:00.000Z',
        },
        {
          service_id: original.id,
          location_id: '9c9c9c9c-9c9c-4c9c-8c9c-9c9c9c9c9c9c',
          unit: { name: 'beds' },
          available: 5,
        },
      ],
    };
    const result = await importHsds(db, memoryInput([doc], 'shelter.json'));
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => w.field)).toContain('capacities[2].location_id');

    const stored = await query(
      db,
      `select location_id::text as location, available, maximum from service_capacity
       where resource_id = ? order by available desc`,
      [original.id],
    );
    expect(stored).toEqual([
      { location: firstLocation, available: 3, maximum: 20 },
      { location: second.location_id, available: 0, maximum: 12 },
    ]);
    const [total] = await query(
      db,
      'select capacity_available, capacity_maximum from resource where id = ?',
      [original.id],
    );
    expect(total).toEqual({ capacity_available: 3, capacity_maximum: 32 });

    const back = await exported(db, original.id);
    // HSDS 3.0 has no service_capacity: each count rides on its service_at_location, as an
    // attribute whose value is the HSDS 3.1 service_capacity.
    const counts = (back.service_at_locations as (Doc & { attributes?: Doc[] })[])
      .flatMap((link) =>
        (link.attributes ?? [])
          .filter((a) => (a.taxonomy_term as Doc | undefined)?.code === 'capacity')
          .map((a) => ({ link, c: JSON.parse(a.value as string) as Doc })),
      )
      .map(({ link, c }) => ({
        id: c.id,
        at: link.id,
        location: link.location_id,
        unit: (c.unit as Doc).name,
        available: c.available,
        maximum: c.maximum,
        updated: c.updated,
      }))
      .sort((a, b) => (b.available as number) - (a.available as number));
    expect(counts).toEqual([
      {
        id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
        at: first.id,
        location: firstLocation,
        unit: 'beds',
        available: 3,
        maximum: 20,
        updated: '2026-11-30T18:00:00.000Z',
      },
      {
        id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
        at: second.id,
        location: second.location_id,
        unit: 'beds',
        available: 0,
        maximum: 12,
        updated: '2026-12-01T06:00:00.000Z',
      },
    ]);

    // The export imported again: the same counts at the same sites, nothing moved to the first site.
    await query(db, 'update service_capacity set available = 9 where resource_id = ?', [
      original.id,
    ]);
    const again = await importHsds(db, memoryInput([back], 'export.json'));
    expect(again.problems).toEqual([]);
    const restored = await query(
      db,
      'select location_id::text as location, available from service_capacity where resource_id = ? order by available desc',
      [original.id],
    );
    expect(restored).toEqual([
      { location: firstLocation, available: 3 },
      { location: second.location_id, available: 0 },
    ]);
  });
});
