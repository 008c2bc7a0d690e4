import { describe, expect, it } from 'vitest';
import { isStale, STALE_AFTER_DAYS } from './stale';

const now = new Date('2026-11-25T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe('isStale', () => {
  it('is stale when never verified', () => {
    expect(isStale(null, now)).toBe(true);
    expect(isStale(undefined, now)).toBe(true);
  });

  it(`is fresh up to exactly ${STALE_AFTER_DAYS} days after verification, stale a moment later`, () => {
    expect(isStale(daysAgo(1), now)).toBe(false);
    expect(isStale(daysAgo(STALE_AFTER_DAYS), now)).toBe(false);
    expect(isStale(new Date(daysAgo(STALE_AFTER_DAYS).getTime() - 1), now)).toBe(true);
  });
});
