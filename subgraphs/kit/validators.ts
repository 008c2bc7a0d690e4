import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isLanguageCode, languageInfo } from './languages';

/**
 * A class-validator rule from a plain test; null and undefined pass (`@IsOptional` decides those).
 * The message follows the property name, as class-validator's own do.
 */
export function validatorDecorator(
  name: string,
  test: (value: unknown) => boolean,
  message: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property ${message}`, ...options },
      validator: {
        validate: (value: unknown) => value === null || value === undefined || test(value),
      },
    });
}

/** Rejects '', '   ' and the like: a name must say something. */
export const IsNotBlank = (options?: ValidationOptions) =>
  validatorDecorator(
    'isNotBlank',
    (v) => typeof v === 'string' && v.trim().length > 0,
    'must not be blank',
    options,
  );

const LANGUAGE_EXAMPLES = '"es", "spa", "hmn", "yue", "ase"';

/**
 * One ISO 639-1 or ISO 639-3 code, every one in the maintained code list (see languages.ts), the
 * same codes in every subgraph: "es" or "spa", "hmn" (Hmong), "mix" (Mixtec), "ase" (ASL).
 */
export const IsLanguageCode = (options?: ValidationOptions) =>
  validatorDecorator(
    'isLanguageCode',
    isLanguageCode,
    `must be an ISO 639-1 or ISO 639-3 language code such as ${LANGUAGE_EXAMPLES}`,
    options,
  );

/** A list of ISO 639-1 or ISO 639-3 codes, each checked. */
export const IsLanguageCodes = (options?: ValidationOptions) =>
  validatorDecorator(
    'isLanguageCode',
    isLanguageCode,
    `must hold ISO 639-1 or ISO 639-3 language codes such as ${LANGUAGE_EXAMPLES}`,
    { each: true, ...options },
  );

/** The English name of a language code, for reasons people read ("speaks Hmong"). */
export function languageName(code: string): string {
  return languageInfo(code)?.name ?? code;
}

/** The number itself: an optional +, then digits with the separators people type. */
const PHONE = /^(\+?[0-9 ()./-]+?)(?:\s*(?:,|;)?\s*(?:ext\.?|extension|x|#)\s*([0-9]{1,6}))?$/i;
/** E.164 allows at most 15 digits; fewer than 7 is no number anyone can dial from outside. */
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
const MAX_LENGTH = 40;

/**
 * A phone number as people write it, at home or abroad: "(510) 555-0142", "510.555.0142",
 * "+44 20 7946 0958", "+52 55 1234 5678", with an extension ("x12", "ext. 12", "#12") when a
 * front desk needs one. 7 to 15 digits before the extension, as E.164 allows.
 */
export function isPhoneNumber(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_LENGTH) return false;
  const match = PHONE.exec(text);
  if (!match) return false;
  const digits = match[1].replace(/[^0-9]/g, '').length;
  return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
}

export const IsPhone = (options?: ValidationOptions) =>
  validatorDecorator(
    'isPhone',
    isPhoneNumber,
    'must be a phone number such as "(510) 555-0142" or "+44 20 7946 0958 ext. 12"',
    options,
  );
