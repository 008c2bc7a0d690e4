import { describe, expect, it } from 'vitest';
import { createListing } from '../../../test/support/fixtures';
import { expectData, expectError, partnerOf, useResources } from './harness';

const UPDATE_LANGUAGES = `mutation($id: ID!, $languages: [String!]) {
  updateResource(id: $id, expectedVersion: 1, input: { languages: $languages }) {
    languages
    spokenLanguages { code iso6393 name nameEs macrolanguage }
  }
}`;

interface NamedLanguage {
  code: string;
  iso6393: string;
  name: string;
  nameEs: string;
  macrolanguage: string | null;
}

interface UpdateData {
  updateResource: { languages: string[]; spokenLanguages: NamedLanguage[] };
}

describe('languages as California speaks them', () => {
  const resources = useResources();

  it('keeps ISO 639-1 and 639-3 codes, one per language, and names each in English and Spanish', async () => {
    const { resource, organization } = await createListing(resources().orm);
    const body = await resources().execute<UpdateData>(
      UPDATE_LANGUAGES,
      { id: resource.id, languages: ['spa', 'es', 'hmn', 'yue', 'ase', 'tgl'] },
      partnerOf(organization.id),
    );
    const { updateResource } = expectData(body);
    expect(updateResource.languages).toEqual(['es', 'hmn', 'yue', 'ase', 'tl']);
    expect(updateResource.spokenLanguages).toEqual([
      { code: 'es', iso6393: 'spa', name: 'Spanish', nameEs: 'español', macrolanguage: null },
      { code: 'hmn', iso6393: 'hmn', name: 'Hmong', nameEs: 'hmong', macrolanguage: null },
      { code: 'yue', iso6393: 'yue', name: 'Cantonese', nameEs: 'cantonés', macrolanguage: 'zh' },
      {
        code: 'ase',
        iso6393: 'ase',
        name: 'American Sign Language',
        nameEs: 'lengua de señas americana',
        macrolanguage: null,
      },
      { code: 'tl', iso6393: 'tgl', name: 'Tagalog', nameEs: 'tagalo', macrolanguage: null },
    ]);
  });

  it('refuses a code that is no language as BAD_USER_INPUT naming the field', async () => {
    const { resource, organization } = await createListing(resources().orm);
    const body = await resources().execute(
      UPDATE_LANGUAGES,
      { id: resource.id, languages: ['es', 'xx'] },
      partnerOf(organization.id),
    );
    const error = expectError(body, 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('languages');
    expect(error.message).toMatch(/^languages: .*ISO 639-1 or ISO 639-3/);
  });

  it('names codes for a screen (facets, pickers), and says which code is unknown', async () => {
    const named = await resources().execute<{ languages: NamedLanguage[] }>(
      '{ languages(codes: ["zho", "cmn", "pa", "fa"]) { code name nameEs macrolanguage } }',
    );
    expect(expectData(named).languages).toEqual([
      { code: 'zh', name: 'Chinese', nameEs: 'chino', macrolanguage: null },
      { code: 'cmn', name: 'Mandarin Chinese', nameEs: 'chino mandarín', macrolanguage: 'zh' },
      { code: 'pa', name: 'Punjabi', nameEs: 'punyabí', macrolanguage: null },
      { code: 'fa', name: 'Persian', nameEs: 'persa', macrolanguage: null },
    ]);
    const bad = await resources().execute('{ languages(codes: ["es", "klingonese"]) { code } }');
    const error = expectError(bad, 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('codes');
    expect(error.message).toContain('"klingonese"');
  });
});
