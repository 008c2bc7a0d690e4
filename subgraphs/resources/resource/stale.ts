/** A listing not confirmed for this long is shown as stale so people can judge it. */
export const STALE_AFTER_DAYS = 180;

const DAY_MS = 86_400_000;

/** Not verified in the last STALE_AFTER_DAYS days (never verified counts as stale). */
export function isStale(lastVerifiedAt: Date | null | undefined, now: Date): boolean {
  return (lastVerifiedAt?.getTime() ?? 0) < now.getTime() - STALE_AFTER_DAYS * DAY_MS;
}
