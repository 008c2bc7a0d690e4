import type { Task } from 'fhir/r4';
import { ReferralStatus as S } from './referral.enums';

/** Who may move a referral: the side that sent it or the organization that received it. */
export type Side = 'REFERRER' | 'RECEIVER';

/** The sides one caller acts for on one referral; admins act for both. */
export interface Actor {
  referrer: boolean;
  receiver: boolean;
  admin: boolean;
}

const REFERRER: Side = 'REFERRER';
const RECEIVER: Side = 'RECEIVER';

/**
 * Every legal transition and the side that makes it (DESIGN: referrals). The referrer sets draft,
 * requested and cancelled; the receiving organization accepted, rejected, in progress, on hold,
 * completed and failed; the referrer marks any state entered in error. A draft may also be cancelled
 * (FHIR allows it, and a planner must be able to drop one they will not send).
 */
export const TRANSITIONS: Readonly<Record<S, Readonly<Partial<Record<S, Side>>>>> = {
  [S.DRAFT]: { [S.REQUESTED]: REFERRER, [S.CANCELLED]: REFERRER, [S.ENTERED_IN_ERROR]: REFERRER },
  [S.REQUESTED]: {
    [S.ACCEPTED]: RECEIVER,
    [S.REJECTED]: RECEIVER,
    [S.CANCELLED]: REFERRER,
    [S.ENTERED_IN_ERROR]: REFERRER,
  },
  [S.ACCEPTED]: {
    [S.IN_PROGRESS]: RECEIVER,
    [S.ON_HOLD]: RECEIVER,
    [S.COMPLETED]: RECEIVER,
    [S.FAILED]: RECEIVER,
    [S.CANCELLED]: REFERRER,
    [S.ENTERED_IN_ERROR]: REFERRER,
  },
  [S.IN_PROGRESS]: {
    [S.ON_HOLD]: RECEIVER,
    [S.COMPLETED]: RECEIVER,
    [S.FAILED]: RECEIVER,
    [S.CANCELLED]: REFERRER,
    [S.ENTERED_IN_ERROR]: REFERRER,
  },
  [S.ON_HOLD]: {
    [S.IN_PROGRESS]: RECEIVER,
    [S.COMPLETED]: RECEIVER,
    [S.FAILED]: RECEIVER,
    [S.CANCELLED]: REFERRER,
    [S.ENTERED_IN_ERROR]: REFERRER,
  },
  [S.REJECTED]: { [S.ENTERED_IN_ERROR]: REFERRER },
  [S.CANCELLED]: { [S.ENTERED_IN_ERROR]: REFERRER },
  [S.COMPLETED]: { [S.ENTERED_IN_ERROR]: REFERRER },
  [S.FAILED]: { [S.ENTERED_IN_ERROR]: REFERRER },
  [S.ENTERED_IN_ERROR]: {},
};

export const REASON_REQUIRED: ReadonlySet<S> = new Set([
  S.REJECTED,
  S.CANCELLED,
  S.ON_HOLD,
  S.FAILED,
]);
export const OUTCOME_REQUIRED: ReadonlySet<S> = new Set([S.COMPLETED, S.FAILED]);
/** The loop is closed: nothing but "entered in error" follows. */
export const CLOSED: ReadonlySet<S> = new Set([
  S.REJECTED,
  S.CANCELLED,
  S.COMPLETED,
  S.FAILED,
  S.ENTERED_IN_ERROR,
]);
/** Counted in a peer's caseload. */
export const CASELOAD: readonly S[] = [S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD];
/** Sent and not yet closed. */
export const ACTIVE: readonly S[] = [S.REQUESTED, ...CASELOAD];

export type TransitionProblem =
  'ILLEGAL' | 'WRONG_SIDE' | 'REASON_REQUIRED' | 'OUTCOME_REQUIRED' | 'OUTCOME_NOT_ALLOWED';

export type TransitionCheck =
  { ok: true } | { ok: false; problem: TransitionProblem; message: string };

const label = (s: S) => s.toLowerCase().replace(/_/g, ' ');

function acts(actor: Actor, side: Side): boolean {
  return actor.admin || (side === REFERRER ? actor.referrer : actor.receiver);
}

/** Whether `actor` may move a referral from `from` to `to`, and if not, a sentence saying why. */
export function checkTransition(
  from: S,
  to: S,
  actor: Actor,
  given: { reason?: string | null; outcome?: boolean } = {},
): TransitionCheck {
  const side = TRANSITIONS[from][to];
  if (!side) {
    const next = Object.keys(TRANSITIONS[from]) as S[];
    return {
      ok: false,
      problem: 'ILLEGAL',
      message: next.length
        ? `a ${label(from)} referral cannot become ${label(to)}; it can become ${next.map(label).join(', ')}`
        : `a referral ${label(from)} cannot change any more`,
    };
  }
  if (!acts(actor, side)) {
    return {
      ok: false,
      problem: 'WRONG_SIDE',
      message:
        side === REFERRER
          ? `Only the referrer, their organization's discharge planners and admins may mark a referral ${label(to)}.`
          : `Only the receiving organization and admins may mark a referral ${label(to)}.`,
    };
  }
  if (REASON_REQUIRED.has(to) && !given.reason?.trim()) {
    return {
      ok: false,
      problem: 'REASON_REQUIRED',
      message: `is required to mark a referral ${label(to)}`,
    };
  }
  if (OUTCOME_REQUIRED.has(to) && !given.outcome) {
    return {
      ok: false,
      problem: 'OUTCOME_REQUIRED',
      message: `is required to mark a referral ${label(to)}`,
    };
  }
  if (!OUTCOME_REQUIRED.has(to) && given.outcome) {
    return {
      ok: false,
      problem: 'OUTCOME_NOT_ALLOWED',
      message: 'is recorded only when a referral is completed or fails',
    };
  }
  return { ok: true };
}

/** The statuses `actor` may move a referral to from `from` (what a client offers as buttons). */
export function allowedTransitions(from: S, actor: Actor): S[] {
  return (Object.entries(TRANSITIONS[from]) as [S, Side][])
    .filter(([, side]) => acts(actor, side))
    .map(([to]) => to);
}

/** FHIR R4 Task.status for each referral status (the names differ only in spelling). */
export function fhirTaskStatus(status: S): Task['status'] {
  const map: Record<S, Task['status']> = {
    [S.DRAFT]: 'draft',
    [S.REQUESTED]: 'requested',
    [S.ACCEPTED]: 'accepted',
    [S.REJECTED]: 'rejected',
    [S.CANCELLED]: 'cancelled',
    [S.IN_PROGRESS]: 'in-progress',
    [S.ON_HOLD]: 'on-hold',
    [S.COMPLETED]: 'completed',
    [S.FAILED]: 'failed',
    [S.ENTERED_IN_ERROR]: 'entered-in-error',
  };
  return map[status];
}
