import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../test/support/database';
import { importHsds } from '../subgraphs/resources/hsds/import';
import { memoryInput, openInput } from '../subgraphs/resources/hsds/sources';
import { initResourcesOrm } from '../subgraphs/resources/orm';
import { query } from '../subgraphs/resources/sql';
import { one, snapshot, useFreshDatabases } from '../subgraphs/resources/test/hsds-database';
import { hsdsSpecDir } from '../subgraphs/resources/test/hsds-paths';
import { importSampleIfEmpty } from './import-sample';
import { sampleDirectory } from './sample-directory';
import { generateDocuments } from './sample-hsds';

const spec = hsdsSpecDir();
const examples = spec ? join(spec, 'examples') : '';
const SERVICE = 'ac148810-d857-441c-9679-408f346de14b';

const database = useFreshDatabases();

describe('import', () => {
  it('updates in place on re-import: nothing duplicates, nothing changes', async () => {
    const db = await database();
    const docs = [...generateDocuments({ seed: 3 })];
    const first = await importHsds(db, memoryInput(docs));
    expect(first.problems).toEqual([]);
    expect(first.counts.services.created).toBeGreaterThan(50);
    // Search hears of every listing written, through its outbox.
    const outbox = async () =>
      (await one(db, `select count(*)::int as n from search_outbox where kind = 'resource'`))
        .n as number;
    expect(await outbox()).toBeGreaterThanOrEqual(first.counts.services.created);
    const queued = await outbox();
    const before = await snapshot(db);
    const versions = await one(db, 'select sum(version)::int as v from resource');
    const again = await importHsds(db, memoryInput(docs), { batchSize: 7 });
    expect(again.counts.services).toEqual({
      created: 0,
      updated: 0,
      unchanged: first.counts.services.created,
      skipped: 0,
    });
    expect(again.counts.organizations.created + again.counts.organizations.updated).toBe(0);
    expect(again.counts.locations.created + again.counts.locations.updated).toBe(0);
    expect(await snapshot(db)).toEqual(before);
    expect(await one(db, 'select sum(version)::int as v from resource')).toEqual(versions);
    expect(await outbox()).toBe(queued);
    if (spec) {
      await importHsds(db, await openInput(join(examples, 'service_full.json')));
      const csv = await importHsds(db, await openInput(join(examples, 'csv')));
      expect(csv.counts.services.created).toBe(0);
      expect(
        (await one(db, 'select count(*)::int as n from resource where id = ?', [SERVICE])).n,
      ).toBe(1);
    }
  });

  it('reports a corrupt record (file, record id, field, reason), skips it and loads the rest', async () => {
    const db = await database();
    const [org] = [...generateDocuments({ seed: 5, resources: 3 })] as Record<string, unknown>[];
    const services = org.services as Record<string, unknown>[];
    expect(services).toHaveLength(3);
    const bad = { ...services[1], minimum_age: 'twelve' };
    const noName = { ...services[2], name: '   ' };
    const lines = [
      JSON.stringify({ ...org, services: [services[0]] }),
      JSON.stringify({ ...bad, organization_id: org.id }),
      '{ this is not json',
      JSON.stringify({ ...noName, organization_id: org.id }),
      JSON.stringify({
        ...services[2],
        id: 'c0ffee00-0000-4000-8000-000000000001',
        organization_id: org.id,
        service_at_locations: [],
      }),
    ];
    const dir = mkdtempSync(join(tmpdir(), 'hsds-corrupt-'));
    writeFileSync(join(dir, 'listings.ndjson'), `${lines.join('\n')}\n`);
    const result = await importHsds(db, await openInput(join(dir, 'listings.ndjson')));
    expect(result.counts.services).toMatchObject({ created: 2, skipped: 2 });
    expect(result.problems).toEqual([
      {
        file: 'listings.ndjson:2',
        recordId: services[1].id,
        field: 'service.minimum_age',
        reason: expect.stringMatching(/whole number .*"twelve"/) as unknown,
      },
      {
        file: 'listings.ndjson:3',
        recordId: null,
        field: '(document)',
        reason: expect.stringMatching(/^not JSON/) as unknown,
      },
      {
        file: 'listings.ndjson:4',
        recordId: services[2].id,
        field: 'service.name',
        reason: 'required, and missing or blank',
      },
    ]);
    const ids = (await query(db, 'select id from resource order by name')).map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(services[1].id);
  });

  it('keeps every ISO 639-1 and 639-3 language, one code per language, and warns of the rest', async () => {
    const db = await database();
    const [org] = [...generateDocuments({ seed: 7, resources: 2 })] as Record<string, unknown>[];
    const [first, second] = org.services as Record<string, unknown>[];
    const languages = [
      { code: 'hmn' },
      { code: 'spa', name: 'Spanish' },
      { code: 'es-MX' },
      { code: 'yue' },
      { name: 'Tagalog' },
      { code: 'xx-YY', name: 'Elvish' },
    ];
    const result = await importHsds(
      db,
      memoryInput([{ ...org, services: [{ ...first, languages }, second] }], 'langs.json'),
    );
    expect(result.counts.services.created).toBe(2);
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        recordId: first.id,
        field: expect.stringContaining('languages') as unknown,
        reason: expect.stringContaining('xx-YY') as unknown,
      }),
    ]);
    const row = await one(db, 'select languages from resource where id = ?', [first.id]);
    expect(row.languages).toEqual(['hmn', 'es', 'yue', 'tl']);
  });

  it('loads a location without coordinates with null latitude and longitude', async () => {
    const db = await database();
    const [org] = [...generateDocuments({ seed: 9, resources: 1 })] as Record<string, unknown>[];
    const locations = (org.locations as Record<string, unknown>[]).map(
      ({ latitude: _a, longitude: _b, ...rest }) => rest,
    );
    const result = await importHsds(db, memoryInput([{ ...org, locations }]));
    expect(result.problems).toEqual([]);
    const rows = await query(db, 'select latitude, longitude from location');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toEqual({ latitude: null, longitude: null });
  });

  it('reports each service and location of an organization that cannot load', async () => {
    const db = await database();
    const [org] = [...generateDocuments({ seed: 13, resources: 2 })] as Record<string, unknown>[];
    const result = await importHsds(db, memoryInput([{ ...org, name: '' }], 'org.json'));
    expect(result.problems[0]).toEqual({
      file: 'org.json:1',
      recordId: org.id,
      field: 'organization.name',
      reason: 'required, and missing or blank',
    });
    expect(result.counts.services.skipped).toBe(2);
    expect(result.counts.locations.skipped).toBe((org.locations as unknown[]).length);
    expect((await one(db, 'select count(*)::int as n from resource')).n).toBe(0);
  });

  it('skips a service whose organization is nowhere, and says which', async () => {
    const db = await database();
    const [org] = [...generateDocuments({ seed: 11, resources: 1 })] as Record<string, unknown>[];
    const [service] = org.services as Record<string, unknown>[];
    const result = await importHsds(
      db,
      memoryInput(
        [{ ...service, organization_id: '00000000-0000-4000-8000-00000000dead' }],
        'orphan.json',
      ),
    );
    expect(result.counts.services.skipped).toBe(1);
    expect(result.problems).toEqual([
      {
        file: 'orphan.json:1',
        recordId: service.id,
        field: 'service.organization_id',
        reason: expect.stringContaining('00000000-0000-4000-8000-00000000dead') as unknown,
      },
    ]);
  });
});

describe('npm start on an empty database', () => {
  it('loads the sample directory through the HSDS importer, once', async () => {
    const orm = await initResourcesOrm(await createTestDatabase(inject('postgresUrl')));
    try {
      const sample = sampleDirectory({ seed: 1 });
      const loaded = await importSampleIfEmpty(orm);
      expect(loaded).toEqual({
        organizations: sample.length,
        resources: sample.flatMap((o) => o.resources).length,
        locations: sample.flatMap((o) => o.locations).length,
      });
      expect(await importSampleIfEmpty(orm)).toBeNull();
    } finally {
      await orm.close(true);
    }
  });
});
