import { Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * argon2id at OWASP's Password Storage Cheat Sheet parameters: 19 MiB of memory, 2 passes, 1 lane.
 * Each hash costs tens of milliseconds of one core on purpose; sign-in is rate-limited before it.
 */
export const ARGON2_PARAMETERS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * NIST SP 800-63B rev. 4 (5.1.1.2): at least 15 characters for a password that is the only factor
 * (every sign-in here is, until a second factor is added), at least 64 allowed, every printable
 * character and space allowed, no composition rules, and a check against a list of passwords known
 * to be common or breached.
 */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

export const PasswordProblem = {
  PASSWORD_TOO_SHORT: 'PASSWORD_TOO_SHORT',
  PASSWORD_TOO_LONG: 'PASSWORD_TOO_LONG',
  PASSWORD_TOO_COMMON: 'PASSWORD_TOO_COMMON',
} as const;
export type PasswordProblem = (typeof PasswordProblem)[keyof typeof PasswordProblem];

/**
 * The 49,000 most common passwords of zxcvbn-ts's `passwords-common` dictionary
 * (`@zxcvbn-ts/language-common`, MIT licence; drawn from leaked password corpora), in lower case.
 * Built on first use: it takes about 50 ms and 3 MB.
 */
let common: ReadonlySet<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary['passwords-common']));

/** Characters as a person counts them (code points), after Unicode normalization (NFKC). */
const normalize = (password: string) => password.normalize('NFKC');
const length = (password: string) => [...password].length;

/**
 * What is wrong with a new password, or null when it may be used. `context` holds words a guesser
 * would try first: the person's email and name, and this service's name.
 */
export function passwordProblem(password: string, context: string[] = []): PasswordProblem | null {
  const value = normalize(password);
  const n = length(value);
  if (n < PASSWORD_MIN_LENGTH) return PasswordProblem.PASSWORD_TOO_SHORT;
  if (n > PASSWORD_MAX_LENGTH) return PasswordProblem.PASSWORD_TOO_LONG;
  const lower = value.toLowerCase();
  if (commonPasswords().has(lower)) return PasswordProblem.PASSWORD_TOO_COMMON;
  // One character over and over, or a run of one short unit ("abcabcabc..."), guesses in seconds.
  if (/^(.{1,4})\1+$/su.test(lower)) return PasswordProblem.PASSWORD_TOO_COMMON;
  const words = [...context, 'referral hub', 'referralhub', 'resource directory']
    .flatMap((word) => [word.toLowerCase(), word.toLowerCase().split('@')[0]])
    .filter((word) => word.length >= 4);
  // The context word with a little around it is what a guesser tries first.
  if (words.some((word) => lower.includes(word) && n - length(word) < 6))
    return PasswordProblem.PASSWORD_TOO_COMMON;
  return null;
}

export const PASSWORD_PROBLEM_MESSAGES: Readonly<Record<PasswordProblem, string>> = {
  PASSWORD_TOO_SHORT: `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters; a few ordinary words in a row make a good one.`,
  PASSWORD_TOO_LONG: `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.`,
  PASSWORD_TOO_COMMON:
    'That password is too common or too easy to guess (it is on lists of leaked passwords, repeats itself or contains your name or email); choose another.',
};

export const hashPassword = (password: string): Promise<string> =>
  hash(normalize(password), ARGON2_PARAMETERS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, normalize(password));
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of a real check when there is no account, so how long a refusal takes does not
 * tell whether the email has one.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('a password no account has, for timing only');
  await verifyPassword(await dummy, password);
  return false;
}
