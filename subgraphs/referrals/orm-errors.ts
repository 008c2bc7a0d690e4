import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError } from '../kit/errors';

/** Writes the unit of work; a concurrent change that won the race is a CONFLICT, never a lost update. */
export async function flushOrConflict(em: EntityManager, what: string): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      throw new ConflictError(`${what} was changed by someone else meanwhile; reload it and try again.`);
    }
    throw error;
  }
}

export function assertVersion(what: string, current: number, expected: number | null | undefined): void {
  if (expected === null || expected === undefined || expected === current) return;
  throw new ConflictError(
    `${what} is at version ${current}, not ${expected}: someone else changed it. Reload it and apply your change again.`,
    current,
  );
}
