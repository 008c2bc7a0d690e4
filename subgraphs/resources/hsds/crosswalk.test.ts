import { describe, expect, it } from 'vitest';
import { one, useFreshDatabases } from '../test/hsds-database';
import { Crosswalk, CROSSWALK_TABLES, defaultCrosswalk } from './crosswalk';
import { importHsds } from './import';
import { memoryInput } from './sources';

const database = useFreshDatabases();

const ORG = '5b0a1d2e-0000-4000-8000-000000000001';
const SHELTER = '5b0a1d2e-0000-4000-8000-000000000011';
const PANTRY = '5b0a1d2e-0000-4000-8000-000000000012';
const KENNEL = '5b0a1d2e-0000-4000-8000-000000000013';
const GROOMING = '5b0a1d2e-0000-4000-8000-000000000014';

const airs = (code: string, name: string) => ({
  id: `airs-${code}`,
  code,
  name,
  description: name,
  taxonomy: 'AIRS/211 LA County',
});

function service(id: string, name: string, terms: Record<string, unknown>[]) {
  return {
    id,
    name,
    status: 'active',
    attributes: terms.map((t, i) => ({
      id: `${id}-a${i}`,
      link_type: 'taxonomy',
      taxonomy_term_id: t.id,
      taxonomy_term: t,
    })),
  };
}

/** A county 211 feed as such feeds arrive: AIRS codes, one Open Eligibility term, two codes we do not map. */
const feed = {
  id: ORG,
  name: 'Valley Community Services',
  description: 'Shelter and food in the valley.',
  services: [
    service(SHELTER, 'Winter Shelter', [airs('BH-1800.8500-100', 'Overnight Shelter')]),
    service(PANTRY, 'Thursday Pantry', [
      { id: 'oe-food-pantry', name: 'Food Pantry', taxonomy: 'Open Eligibility' },
    ]),
    service(KENNEL, 'Pet Boarding', [airs('PD-7600.0600', 'Animal Shelters')]),
    service(GROOMING, 'Pet Grooming', [airs('PD-7600.0600', 'Animal Shelters')]),
  ],
};

interface CategoryRow {
  category_ids: string[];
}

describe('taxonomy crosswalks', () => {
  it('maps a code through the nearest code above it in the table, and knows only our categories', () => {
    const crosswalk = defaultCrosswalk();
    expect(crosswalk.map(airs('BH-1800.8500-100', 'x'))?.categoryId).toBe('emergency-shelter');
    expect(crosswalk.map(airs('BD-1800.2000', 'Food Pantries'))?.categoryId).toBe('food-pantry');
    expect(crosswalk.map(airs('RX-8450.1150', 'x'))?.categoryId).toBe('substance-use-treatment');
    expect(crosswalk.map(airs('RP-1500.1400-800', 'x'))?.categoryId).toBe('crisis');
    // Not under BD-1800.2000 just because it starts with the same characters.
    expect(crosswalk.map(airs('BD-1800.20001', 'x'))?.categoryId ?? null).not.toBe('food-pantry');
    // An AIRS-shaped code without a taxonomy name is still recognised; another taxonomy's is not.
    expect(crosswalk.map({ code: 'LV-1600', name: 'Dental Care' })?.source).toMatch(/AIRS/);
    expect(crosswalk.map({ code: 'dental', name: 'Dental', taxonomy: 'Ours' })).toBeNull();
    expect(
      crosswalk.map({ code: 'human_services:food:food_pantry', taxonomy: 'openeligibility' })
        ?.categoryId,
    ).toBe('food-pantry');
    expect(
      () =>
        new Crosswalk([
          { ...CROSSWALK_TABLES[0], terms: [{ code: 'BH', category: 'no-such-category' }] },
        ]),
    ).toThrow(/no-such-category/);
  });

  it('gives imported listings our categories, reports unmapped terms with counts and listings left with none', async () => {
    const db = await database();
    const result = await importHsds(db, memoryInput([feed], '211-feed.json'));
    expect(result.problems).toEqual([]);
    const categories = async (id: string) =>
      (await one<CategoryRow>(db, 'select category_ids from resource where id = ?', [id]))
        .category_ids;
    expect(await categories(SHELTER)).toEqual(['emergency-shelter']);
    expect(await categories(PANTRY)).toEqual(['food-pantry']);
    expect(result.unmappedTerms).toEqual([
      {
        source: 'AIRS/211 LA County Taxonomy',
        code: 'PD-7600.0600',
        name: 'Animal Shelters',
        count: 2,
      },
    ]);
    const warned = (id: string) =>
      result.warnings.filter((w) => w.recordId === id).map((w) => w.field);
    expect(warned(KENNEL)).toEqual(['attributes[0].taxonomy_term', 'categories']);
    expect(
      result.warnings.find((w) => w.recordId === KENNEL && w.field === 'categories')?.reason,
    ).toMatch(/invisible to every category filter/);
    expect(warned(SHELTER)).toEqual([]);
    // A mapped term is ours now: no stray category is created for it.
    expect(await one(db, 'select count(*)::int as n from category where hsds is not null')).toEqual(
      { n: 1 },
    );
  });

  it('takes unknown terms and language codes as warnings on their record and field, and loads the rest of the file', async () => {
    const db = await database();
    const bad = {
      ...service(KENNEL, 'Pet Boarding', [airs('ZZ-9999.9999', 'Nothing we know')]),
      languages: [
        { id: 'l1', code: 'es' },
        { id: 'l2', code: 'xx-YY', name: 'Elvish' },
      ],
    };
    const result = await importHsds(
      db,
      memoryInput([{ ...feed, services: [feed.services[0], bad, feed.services[1]] }], 'mixed.json'),
    );
    expect(result.problems).toEqual([]);
    expect(result.counts.services.created).toBe(3);
    expect(result.warnings.filter((w) => w.recordId === KENNEL)).toEqual([
      expect.objectContaining({
        file: 'mixed.json:1',
        field: 'languages',
        reason: expect.stringContaining('xx-YY') as unknown,
      }),
      expect.objectContaining({
        field: 'attributes[0].taxonomy_term',
        reason: expect.stringContaining('ZZ-9999.9999') as unknown,
      }),
      expect.objectContaining({ field: 'categories' }),
    ]);
    expect(await one(db, 'select languages from resource where id = ?', [KENNEL])).toEqual({
      languages: ['es'],
    });
  });
});
