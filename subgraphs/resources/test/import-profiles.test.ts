import { describe, expect, it } from 'vitest';
import { importHsds } from '../hsds/import';
import { loadProfile, parseProfile, ProfileError } from '../hsds/profile';
import { memoryInput } from '../hsds/sources';
import { expectData, partnerOf, storedResource, useResources } from './harness';

const api = useResources();
const knex = () => api().orm.em.getConnection().getKnex();

const ORG = '6c1b2e3f-0000-4000-8000-000000000001';
const SHELTER = '6c1b2e3f-0000-4000-8000-000000000011';
const CLINIC = '6c1b2e3f-0000-4000-8000-000000000012';
const OTHER_ORG = '6c1b2e3f-0000-4000-8000-000000000002';
const OTHER = '6c1b2e3f-0000-4000-8000-000000000021';

const profile = parseProfile(
  {
    source: 'valley-211',
    name: 'Valley County 211',
    crosswalks: ['AIRS/211 LA County Taxonomy'],
    defaults: { acceptsReferrals: true, populations: ['PEOPLE_LEAVING_JAIL'] },
  },
  'test profile',
);

const airs = (code: string) => ({
  id: `t-${code}`,
  link_type: 'taxonomy',
  taxonomy_term_id: `airs-${code}`,
  taxonomy_term: { id: `airs-${code}`, code, name: code, taxonomy: 'AIRS' },
});

function feed(shelterPhone: string, shelterDescription: string) {
  return {
    id: ORG,
    name: 'Valley Shelter Network',
    description: 'Beds in the valley.',
    services: [
      {
        id: SHELTER,
        name: 'Valley Winter Shelter',
        description: shelterDescription,
        phones: [{ id: 'p1', number: shelterPhone }],
        attributes: [airs('BH-1800.8500')],
      },
      {
        id: CLINIC,
        name: 'Valley Clinic',
        description: 'Walk-in care.',
        attributes: [airs('LV-1600')],
      },
    ],
  };
}

interface Row {
  source: string | null;
  phone: string;
  description: string;
  accepts_referrals: boolean;
  populations: string[];
  capacity_available: number | null;
  name: string;
}

describe('import profiles', () => {
  it('keeps the source on each record, fills in its defaults, and a re-import changes only what the feed still owns', async () => {
    const first = await importHsds(knex(), memoryInput([feed('555-0100', 'Open at 6 pm.')]), {
      profile,
    });
    expect(first.problems).toEqual([]);
    const shelter = await storedResource<Row>(api(), SHELTER);
    expect(shelter).toMatchObject({
      source: 'valley-211',
      phone: '555-0100',
      accepts_referrals: true,
      populations: ['PEOPLE_LEAVING_JAIL'],
    });
    // Another feed's listing (imported without this profile) under another organization.
    await importHsds(
      knex(),
      memoryInput([{ id: OTHER_ORG, name: 'Elsewhere', services: [{ id: OTHER, name: 'Kept' }] }]),
    );

    // The partner fixes the phone and sets beds in the app.
    const partner = partnerOf(ORG);
    const version = (await storedResource<{ version: number }>(api(), SHELTER)).version;
    expectData(
      await api().execute(
        'mutation($id: ID!, $v: Int!) { updateResource(id: $id, expectedVersion: $v, input: { phone: "555-0199" }) { id } }',
        { id: SHELTER, v: version },
        partner,
      ),
    );
    const edited = (await storedResource<{ version: number }>(api(), SHELTER)).version;
    expectData(
      await api().execute(
        'mutation($id: ID!, $v: Int!) { updateCapacity(id: $id, input: { unit: "beds", available: 4, maximum: 30 }, expectedVersion: $v) { id } }',
        { id: SHELTER, v: edited },
        partner,
      ),
    );

    // The feed sends its old phone again, a new description, and (by mistake) the other feed's listing.
    const again = await importHsds(
      knex(),
      memoryInput([
        feed('555-0100', 'Open at 5 pm.'),
        {
          id: OTHER_ORG,
          name: 'Renamed by the wrong feed',
          services: [{ id: OTHER, name: 'Overwritten' }],
        },
      ]),
      { profile },
    );
    expect(again.problems).toEqual([]);
    const after = await storedResource<Row>(api(), SHELTER);
    expect(after).toMatchObject({
      phone: '555-0199',
      description: 'Open at 5 pm.',
      capacity_available: 4,
      source: 'valley-211',
    });
    expect((await storedResource<Row>(api(), OTHER)).name).toBe('Kept');
    expect(
      again.warnings.filter((w) => w.field.endsWith('.source')).map((w) => w.recordId),
    ).toEqual([OTHER_ORG, OTHER]);
    // Nothing new from the feed: the third run changes nothing.
    const third = await importHsds(knex(), memoryInput([feed('555-0100', 'Open at 5 pm.')]), {
      profile,
    });
    expect(third.counts.services).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('loads a shipped profile by name and refuses a profile it cannot use, saying which field', async () => {
    expect((await loadProfile('county-211')).source).toBe('county-211');
    await expect(loadProfile('no-such-profile')).rejects.toThrow(/no such profile/);
    expect(() =>
      parseProfile({ source: 'x', name: 'X', defaults: { populations: ['ALIENS'] } }, 'bad.json'),
    ).toThrow(ProfileError);
    expect(() =>
      parseProfile({ source: 'x', name: 'X', crosswalks: ['ICD-10'] }, 'bad.json'),
    ).toThrow(/crosswalks: ICD-10 unknown/);
  });
});
