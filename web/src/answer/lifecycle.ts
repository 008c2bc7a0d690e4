/**
 * What the receiving side needs for each step of a referral's loop (the API's rules, so the screen
 * asks for exactly that and no more), and the inbox's order.
 */
export type Status =
  | 'DRAFT'
  | 'REQUESTED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'CANCELLED'
  | 'IN_PROGRESS'
  | 'ON_HOLD'
  | 'COMPLETED'
  | 'FAILED'
  | 'ENTERED_IN_ERROR';

/** The API requires a reason code for these. */
const NEEDS_REASON: ReadonlySet<Status> = new Set(['REJECTED', 'CANCELLED', 'ON_HOLD', 'FAILED']);
/** And an outcome for these. */
const NEEDS_OUTCOME: ReadonlySet<Status> = new Set(['COMPLETED', 'FAILED']);

export interface StepNeeds {
  reason: boolean;
  outcome: boolean;
}

export const stepNeeds = (to: Status): StepNeeds => ({
  reason: NEEDS_REASON.has(to),
  outcome: NEEDS_OUTCOME.has(to),
});

/** One tap: a step that needs nothing more than the tap itself. */
export const isOneTap = (to: Status): boolean => !NEEDS_REASON.has(to) && !NEEDS_OUTCOME.has(to);

/** The order the buttons come in: the step forward first, the way out last. */
const ORDER: readonly Status[] = [
  'ACCEPTED',
  'IN_PROGRESS',
  'COMPLETED',
  'ON_HOLD',
  'REJECTED',
  'FAILED',
  'CANCELLED',
];

/** The steps a receiving organization takes (the referring side's own steps are not offered here). */
export function receiverSteps(allowed: readonly Status[]): Status[] {
  return ORDER.filter((status) => allowed.includes(status));
}

export interface Waiting {
  id: string;
  status: Status;
  requestedAt?: string | null;
  createdAt: string;
}

/**
 * Oldest waiting first: those still waiting for an answer before those already being worked on,
 * each by when it was sent.
 */
export function inboxOrder<T extends Waiting>(referrals: readonly T[]): T[] {
  const sent = (r: Waiting) => new Date(r.requestedAt ?? r.createdAt).getTime();
  return [...referrals].sort((a, b) => {
    const waitingA = a.status === 'REQUESTED' ? 0 : 1;
    const waitingB = b.status === 'REQUESTED' ? 0 : 1;
    return waitingA - waitingB || sent(a) - sent(b) || a.id.localeCompare(b.id);
  });
}

/** A count the − and + buttons may reach: never below 0, never above the maximum when there is one. */
export function stepCount(count: number, delta: number, maximum?: number | null): number {
  const next = Math.max(0, count + delta);
  return maximum != null ? Math.min(maximum, next) : next;
}
