import type { ValidationOptions } from 'class-validator';
import { validatorDecorator } from '../kit/validators';
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
