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
});
