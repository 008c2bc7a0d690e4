import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** How many codes a person gets at once (each works once). */
export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32 without look-alikes: what a person can copy from paper without mistakes. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `xxxxx-xxxxx`: 50 random bits, enough for a code that works once and is rate limited. */
function newCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What a person typed, as stored: case, spaces and dashes do not matter. */
export const normalizeRecoveryCode = (typed: string) => typed.toLowerCase().replace(/[\s-]/g, '');

/** Whether what was typed in place of a 6-digit code has a recovery code's shape. */
export const looksLikeRecoveryCode = (typed: string) =>
  /^[0-9a-z]{10}$/.test(normalizeRecoveryCode(typed));

/**
 * Kept as an HMAC under the service's sealing key, bound to the person: 50 bits would not resist a
 * search against a plain hash taken from a stolen database, but the key is not in the database.
 */
const codeHash = (key: Buffer, userId: string, code: string) =>
  createHmac('sha256', key)
    .update(`${userId}:${normalizeRecoveryCode(code)}`)
    .digest('hex');

/** New codes for a person, replacing any earlier ones; the codes are returned this once. */
export async function issueRecoveryCodes(
  em: EntityManager,
  userId: string,
  key: Buffer,
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await em.execute('delete from totp_recovery_code where user_id = ?', [userId]);
  const now = new Date();
  for (const code of codes)
    await em.execute(
      'insert into totp_recovery_code (id, user_id, code_hash, created_at) values (?, ?, ?, ?)',
      [randomUUID(), userId, codeHash(key, userId, code), now],
    );
  return codes;
}

/** Uses one code up; false when it is unknown or was used (one statement: two racing uses, one wins). */
export async function useRecoveryCode(
  em: EntityManager,
  userId: string,
  typed: string,
  key: Buffer,
): Promise<boolean> {
  const used = await em.execute<{ id: string }[]>(
    `update totp_recovery_code set used_at = now()
      where user_id = ? and code_hash = ? and used_at is null returning id`,
    [userId, codeHash(key, userId, typed)],
  );
  return used.length > 0;
}

/** How many unused codes a person has left. */
export async function recoveryCodesLeft(em: EntityManager, userId: string): Promise<number> {
  const rows = await em.execute<{ left: string }[]>(
    'select count(*) as left from totp_recovery_code where user_id = ? and used_at is null',
    [userId],
  );
  return Number(rows[0]?.left ?? 0);
}
