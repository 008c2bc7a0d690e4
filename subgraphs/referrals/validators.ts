import ISO6391 from 'iso-639-1';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Limits on free text, so one field cannot hold a megabyte. */
export const LIMITS = {
  name: 200,
  reason: 1_000,
  note: 4_000,
  key: 200,
} as const;

function custom(name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions) {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property ${message}`, ...options },
      validator: { validate: (value: unknown) => value === null || value === undefined || test(value) },
    });
}

/** Rejects '', '   ' and the like. */
export const IsNotBlank = (options?: ValidationOptions) =>
  custom('isNotBlank', (v) => typeof v === 'string' && v.trim().length > 0, 'must not be blank', options);

export const IsLanguageCode = (options?: ValidationOptions) =>
  custom(
    'isLanguageCode',
    (v) => typeof v === 'string' && ISO6391.validate(v),
    'must be an ISO 639-1 language code such as "en", "es", "zh", "vi", "tl", "ko"',
    options,
  );
