import { describe, expect, it } from 'vitest';
import { IsOptional } from 'class-validator';
import { isUuid } from './ids';
import { validateArgument } from './validation';
import {
  IsLanguageCode,
  IsLanguageCodes,
  IsNotBlank,
  IsPhone,
  isPhoneNumber,
  languageName,
} from './validators';

describe('phone numbers', () => {
  it.each([
    '(510) 555-0142',
    '510.555.0142',
    '510-555-0142',
    '555-0142',
    '+1 510 555 0142',
    '+44 20 7946 0958',
    '+52 55 1234 5678',
    '+63 2 8123 4567',
    '+84 28 3822 1234',
    '(510) 555-0142 ext. 12',
    '510-555-0142 x204',
    '+1 510 555 0142 #7',
    '+44 20 7946 0958, extension 3312',
  ])('accepts %s', (phone) => {
    expect(isPhoneNumber(phone)).toBe(true);
  });

  it.each([
    ['too few digits to dial', '555-01'],
    ['more digits than any country uses (E.164: 15)', '+1 510 555 0142 1234 5678'],
    ['words', 'call the front desk'],
    ['a note after the number', '510-555-0142 ask for Ana'],
    ['a plus in the middle', '510+555+0142'],
    ['an extension too long to be one', '510-555-0142 x1234567'],
    ['an extension with no number', 'ext. 12'],
    ['an empty string', ''],
  ])('refuses %s', (_why, phone) => {
    expect(isPhoneNumber(phone)).toBe(false);
  });
});

class Profile {
  phone?: string | null;
  languages?: string[];
  preferredLanguage?: string | null;
  name?: string;
}

// Applied by hand: test files are compiled without the project's decorator settings.
const rules: [keyof Profile, PropertyDecorator][] = [
  ['phone', IsPhone()],
  ['languages', IsLanguageCodes()],
  ['preferredLanguage', IsLanguageCode()],
  ['name', IsNotBlank()],
];
for (const [field, rule] of rules) {
  IsOptional()(Profile.prototype, field);
  rule(Profile.prototype, field);
}

const profile = (fields: Partial<Profile>) => Object.assign(new Profile(), fields);

describe('input rules, as a client meets them', () => {
  it('passes a profile written the way people write things', async () => {
    await expect(
      validateArgument(
        profile({
          phone: '+52 55 1234 5678 ext. 4',
          languages: ['es', 'en'],
          preferredLanguage: 'vi',
          name: 'Ana',
        }),
      ),
    ).resolves.toBeUndefined();
  });

  it('accepts every ISO 639-1 and 639-3 code, the same in every subgraph', async () => {
    await expect(
      validateArgument(
        profile({ languages: ['hmn', 'mix', 'ase', 'yue', 'spa', 'es'], preferredLanguage: 'trs' }),
      ),
    ).resolves.toBeUndefined();
  });

  it('lets optional fields be left out or cleared', async () => {
    await expect(
      validateArgument(profile({ phone: null, preferredLanguage: null })),
    ).resolves.toBeUndefined();
  });

  it.each([
    ['phone', { phone: 'call me' }, /phone number/],
    ['languages', { languages: ['es', 'Spanish'] }, /ISO 639-1 or ISO 639-3 language codes/],
    ['preferredLanguage', { preferredLanguage: 'xx' }, /an ISO 639-1 or ISO 639-3 language code/],
    ['name', { name: '   ' }, /must not be blank/],
  ])('names the field %s in BAD_USER_INPUT', async (field, fields, message) => {
    const error = await validateArgument(profile(fields as Partial<Profile>)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
    expect((error as Error).message).toMatch(message);
  });

  it('reads a language code as its English name', () => {
    expect(languageName('es')).toBe('Spanish');
    expect(languageName('TL')).toBe('Tagalog');
    expect(languageName('hmn')).toBe('Hmong');
    expect(languageName('xx')).toBe('xx');
  });
});

describe('ids', () => {
  it('knows a UUID in either case', () => {
    expect(isUuid('1c4f6c84-a4a1-4f5a-9a4e-0b0f3b0e6a5d')).toBe(true);
    expect(isUuid('1C4F6C84-A4A1-4F5A-9A4E-0B0F3B0E6A5D')).toBe(true);
  });

  it.each([
    ['not-a-uuid'],
    [''],
    [null],
    [undefined],
    [42],
    ["1c4f6c84-a4a1-4f5a-9a4e-0b0f3b0e6a5d' or 1=1"],
  ])('refuses %j, which could name no row', (id) => {
    expect(isUuid(id)).toBe(false);
  });
});
