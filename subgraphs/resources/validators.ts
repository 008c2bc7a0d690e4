import type { ValidationOptions } from 'class-validator';
import { validatorDecorator } from '../kit/validators';
import { isLanguageCode } from './language/languages';
import { isValidTimeZone } from './location/schedule';

/** Limits on free text, so one field cannot hold a megabyte. */
export const LIMITS = {
  name: 200,
  shortText: 500,
  longText: 10_000,
  listItems: 50,
} as const;

export const IsTimeZone = (options?: ValidationOptions) =>
  validatorDecorator(
    'isTimeZone',
    (v) => typeof v === 'string' && isValidTimeZone(v),
    'must be an IANA time zone such as "America/Los_Angeles"',
    options,
  );

/**
 * ISO 639-1 or ISO 639-3 codes ("es" or "spa", "hmn", "yue"), each checked against the code list;
 * the service stores each language under one code (see language/languages.ts).
 */
export const IsLanguageCodes = (options?: ValidationOptions) =>
  validatorDecorator(
    'isLanguageCode',
    isLanguageCode,
    'must hold ISO 639-1 or ISO 639-3 language codes such as "es", "spa", "hmn", "yue"',
    { each: true, ...options },
  );
