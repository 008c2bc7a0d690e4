import ISO6391 from 'iso-639-1';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Limits on free text and lists, so one field cannot hold a megabyte. */
export const LIMITS = {
  name: 100,
  shortText: 200,
  note: 1000,
  listItems: 20,
} as const;

function custom(
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
      validator: { validate: (value: unknown) => value === null || value === undefined || test(value) },
    });
}

/** Rejects '', '   ' and the like: a name must say something. */
export const IsNotBlank = (options?: ValidationOptions) =>
  custom('isNotBlank', (v) => typeof v === 'string' && v.trim().length > 0, 'must not be blank', options);

/** Each item an ISO 639-1 code ("es", not "spa" or "Spanish"), so matching compares like with like. */
export const IsLanguageCode = (options?: ValidationOptions) =>
  custom(
    'isLanguageCode',
    (v) => typeof v === 'string' && ISO6391.validate(v),
    'must hold ISO 639-1 language codes such as "en", "es", "zh", "vi", "tl", "ko"',
    { each: true, ...options },
  );

/** A phone number as people write it: digits with spaces, dots, dashes, parentheses, an optional +. */
export const IsPhone = (options?: ValidationOptions) =>
  custom(
    'isPhone',
    (v) => typeof v === 'string' && /^\+?[0-9 ().-]{7,25}$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 7,
    'must be a phone number such as "(510) 555-0142"',
    options,
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a row, so it is simply not found. */
export function isUuid(id: string | null | undefined): id is string {
  return typeof id === 'string' && UUID.test(id);
}

/** The English name of an ISO 639-1 code, for reasons people read ("speaks Spanish"). */
export function languageName(code: string): string {
  return ISO6391.getName(code.toLowerCase()) || code;
}
