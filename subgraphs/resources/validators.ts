import ISO6391 from 'iso-639-1';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidTimeZone } from './location/schedule';

/** Limits on free text, so one field cannot hold a megabyte. */
export const LIMITS = {
  name: 200,
  shortText: 500,
  longText: 10_000,
  listItems: 50,
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

export const IsLanguageCode = (options?: ValidationOptions) =>
  custom(
    'isLanguageCode',
    (v) => typeof v === 'string' && ISO6391.validate(v),
    'must hold ISO 639-1 language codes such as "en", "es", "zh", "vi", "tl", "ko"',
    { each: true, ...options },
  );

export const IsTimeZone = (options?: ValidationOptions) =>
  custom(
    'isTimeZone',
    (v) => typeof v === 'string' && isValidTimeZone(v),
    'must be an IANA time zone such as "America/Los_Angeles"',
    options,
  );
