import { BadUserInputError } from '../../kit/errors';

/** An email as stored and compared: trimmed, Unicode-normalized, lower case. */
export const normalizeEmail = (email: string): string =>
  email.trim().normalize('NFC').toLowerCase();

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

/** The normalized email, or BAD_USER_INPUT naming `field` when it cannot be an address. */
export function validEmail(email: string, field = 'email'): string {
  const value = normalizeEmail(email);
  if (value.length > 254 || !EMAIL.test(value))
    throw new BadUserInputError('is not an email address.', field);
  return value;
}

export const isEmail = (email: string): boolean => {
  const value = normalizeEmail(email);
  return value.length <= 254 && EMAIL.test(value);
};
