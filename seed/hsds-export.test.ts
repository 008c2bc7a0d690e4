import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportHsds } from '../subgraphs/resources/hsds/export';
import { importHsds } from '../subgraphs/resources/hsds/import';
import { memoryInput, openInput } from '../subgraphs/resources/hsds/sources';
import { query } from '../subgraphs/resources/sql';
import { snapshot, useFreshDatabases } from '../subgraphs/resources/test/hsds-database';
import { hsdsSpecDir } from '../subgraphs/resources/test/hsds-paths';
import { describeErrors, hsdsValidators } from '../subgraphs/resources/test/hsds-schemas';
import { generateDocuments } from './sample-hsds';

const spec = hsdsSpecDir();
if (!spec)
  console.warn(
    'HSDS export tests skipped: ../shared/hsds-3.0 (the official schemas and examples) is not there.',
  );
const examples = spec ? join(spec, 'examples') : '';

const database = useFreshDatabases();

/** A directory holding the official examples (JSON and CSV) and a generated sample with every kind of field. */
async function loadEverything(db: Knex): Promise<void> {
  for (const name of ['organization_full.json', 'service_full.json', 'taxonomy_term.json', 'csv']) {
    expect((await importHsds(db, await openInput(join(examples, name)))).problems).toEqual([]);
  }
  expect((await importHsds(db, memoryInput(generateDocuments({ seed: 4 })))).problems).toEqual([]);
}

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe.skipIf(!spec)('HSDS export', () => {
  // Compiling the official schemas takes seconds: once, outside the tests' time limit.
  let validators: ReturnType<typeof hsdsValidators>;
  beforeAll(() => {
    validators = hsdsValidators(spec!);
    for (const kind of Object.keys(validators) as (keyof typeof validators)[]) validators[kind]({});
  });

  it('writes documents that validate against the official compiled schemas (closed objects, formats checked)', async () => {
    const db = await database();
    await loadEverything(db);
    const folder = mkdtempSync(join(tmpdir(), 'hsds-export-'));
    const counts = await exportHsds(db, folder);
    const checks: [string, keyof typeof validators, number][] = [
      ['services.ndjson', 'service', counts.services],
      ['organizations.ndjson', 'organization', counts.organizations],
      ['taxonomy_terms.ndjson', 'taxonomyTerm', counts.taxonomyTerms],
    ];
    for (const [file, kind, expected] of checks) {
      const docs = lines(join(folder, file));
      expect(docs.length, file).toBe(expected);
      expect(docs.length, file).toBeGreaterThan(0);
      for (const doc of docs) {
        const valid = validators[kind](doc);
        expect(valid, `${file} ${String(doc.id)}: ${describeErrors(validators[kind])}`).toBe(true);
      }
    }
    // The validator does reject what breaks the schema: a sanity check of the check.
    const [service] = lines(join(folder, 'services.ndjson'));
    expect(validators.service({ ...service, not_in_hsds: 1 })).toBe(false);
    expect(validators.service({ ...service, url: 'not a uri' })).toBe(false);
  });

  it('round-trips: import the examples, export, import the export elsewhere: every field the model holds is the same', async () => {
    const source = await database();
    await loadEverything(source);
    const folder = mkdtempSync(join(tmpdir(), 'hsds-roundtrip-'));
    await exportHsds(source, folder);
    const target = await database();
    const result = await importHsds(target, await openInput(folder));
    expect(result.problems).toEqual([]);
    const [before, after] = [await snapshot(source), await snapshot(target)];
    expect(after.resource.length).toBeGreaterThan(50);
    expect(after).toEqual(before);
    // What the model has no column for comes back too.
    const [service] = await query<{ hsds: unknown }>(
      target,
      `select hsds from resource where id = 'ac148810-d857-441c-9679-408f346de14b'`,
    );
    expect(service.hsds).toMatchObject({
      wait_time: 'wait_time',
      cost_options: [expect.objectContaining({ amount: 35 })],
    });
  });
});
