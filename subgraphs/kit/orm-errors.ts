import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from './errors';

/**
 * Writes the unit of work. A concurrent edit that won the race, or a row that someone else made
 * first (a unique key taken meanwhile), is CONFLICT: the client reloads and tries again, instead of
 * a lost update or a masked server error.
 */
export async function flushOrConflict(em: EntityManager, what: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (
      error instanceof OptimisticLockError ||
      error instanceof UniqueConstraintViolationException
    ) {
      throw new ConflictError(
        `${what} was changed by someone else meanwhile; reload it and try again.`,
      );
    }
    throw error;
  }
}

/** A stale `expectedVersion` is CONFLICT, naming the version the client should reload. */
export function assertVersion(
  what: string,
  current: number,
  expected: number | null | undefined,
): void {
  if (expected === null || expected === undefined || expected === current) return;
  throw new ConflictError(
    `${what} is at version ${current}, not ${expected}: someone else changed it. Reload it and apply your change again.`,
    current,
  );
}
