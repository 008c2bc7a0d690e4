import type { FilterQuery } from '@mikro-orm/core';
import { BadUserInputError } from './errors';
import { isUuid } from './ids';

export const MAX_PAGE_SIZE = 100;

/** One page of a list, in keyset order: what a `Connection` is made from. */
export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

export function emptyPage<T>(): Page<T> {
  return { nodes: [], endCursor: null, hasNextPage: false, totalCount: 0 };
}

type CursorValue = string | number;

/** Opaque cursors: base64url JSON of the sort key of the last row a client has seen. */
export function encodeCursor(key: Record<string, CursorValue>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends Record<string, CursorValue>>(
  cursor: string | null | undefined,
  fields: (keyof K & string)[],
  argName = 'after',
): K | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const bad = notOurCursor(argName);
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

function notOurCursor(argName: string): BadUserInputError {
  return new BadUserInputError('is not a cursor this service gave out', argName);
}

export function pageSize(
  first: number | null | undefined,
  fallback = 20,
  max = MAX_PAGE_SIZE,
): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new BadUserInputError(`must be between 1 and ${max}`, 'first');
  }
  return first;
}

/** A keyset: one sort value, then the row's id, which breaks ties and makes the order total. */
export type KeysetKey = { value: CursorValue; id: string };

export interface KeysetQuery<T> {
  first: number | null | undefined;
  after: string | null | undefined;
  /** The sort value's name in the cursor, so cursors given out before stay good. */
  cursorField: string;
  /** The sort value of a row, as the cursor carries it (a date as its ISO string). */
  sortValue(row: T): CursorValue;
  /** Whether a cursor's sort value could be one of ours (a hand-made one must not become a 500). */
  validSortValue?(value: CursorValue): boolean;
  /** Up to `limit` rows after `cursor` in the list's order (all from the start without one). */
  rows(cursor: KeysetKey | undefined, limit: number): Promise<T[]>;
  /** How many match over all pages. */
  count(): Promise<number>;
}

/**
 * Keyset pages: stable under inserts (a row added meanwhile neither repeats nor hides another), one
 * indexed range scan per page however deep, and two statements (page and count) run together.
 */
export async function keysetPage<T extends { id: string }>(
  query: KeysetQuery<T>,
): Promise<Page<T>> {
  const limit = pageSize(query.first);
  const cursor = keysetCursor(query);
  const [rows, totalCount] = await Promise.all([query.rows(cursor, limit + 1), query.count()]);
  const nodes = rows.slice(0, limit);
  const last = nodes.at(-1);
  return {
    nodes,
    endCursor: last
      ? encodeCursor({ [query.cursorField]: query.sortValue(last), id: last.id })
      : null,
    hasNextPage: rows.length > limit,
    totalCount,
  };
}

function keysetCursor<T>(query: KeysetQuery<T>): KeysetKey | undefined {
  const decoded = decodeCursor<Record<string, CursorValue>>(query.after, [query.cursorField, 'id']);
  if (!decoded) return undefined;
  const { [query.cursorField]: value, id } = decoded;
  if (
    !isUuid(id) ||
    value === undefined ||
    (query.validSortValue && !query.validSortValue(value))
  ) {
    throw notOurCursor('after');
  }
  return { value, id };
}

/**
 * The MikroORM condition for "after this key" in the order (`field`, id) both ascending or both
 * descending: the same rows as the SQL row comparison `(field, id) > (k, id)`.
 */
export function afterKey<T>(
  field: keyof T & string,
  value: unknown,
  id: string,
  direction: 'asc' | 'desc',
): FilterQuery<T> {
  const beyond = direction === 'asc' ? '$gt' : '$lt';
  return {
    $or: [{ [field]: { [beyond]: value } }, { [field]: value, id: { [beyond]: id } }],
  } as FilterQuery<T>;
}
