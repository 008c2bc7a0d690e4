import { BadUserInputError } from './errors';

export const MAX_PAGE_SIZE = 100;

/** Opaque cursors: base64url JSON of the sort key of the last row a client has seen. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends Record<string, string | number>>(
  cursor: string | null | undefined,
  fields: (keyof K & string)[],
  argName = 'after',
): K | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const bad = new BadUserInputError('is not a cursor this service gave out', argName);
  if (cursor.length > 512) throw bad;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad;
  }
  if (!parsed || typeof parsed !== 'object') throw bad;
  for (const field of fields) {
    const value = (parsed as Record<string, unknown>)[field];
    if (typeof value !== 'string' && typeof value !== 'number') throw bad;
  }
  return parsed as K;
}

export function pageSize(first: number | null | undefined, fallback = 20, max = MAX_PAGE_SIZE): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new BadUserInputError(`must be between 1 and ${max}`, 'first');
  }
  return first;
}
