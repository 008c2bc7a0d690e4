import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  checkTransition,
  fhirTaskStatus,
  type Actor,
} from './referral-lifecycle';
import { ReferralStatus as S } from './referral.enums';

const ALL = Object.values(S);

/** The DESIGN's table, written out by hand so the code's table is checked against it, not itself. */
const LEGAL: [from: S, to: S, side: 'referrer' | 'receiver'][] = [
  [S.DRAFT, S.REQUESTED, 'referrer'],
  [S.DRAFT, S.CANCELLED, 'referrer'],
  [S.REQUESTED, S.ACCEPTED, 'receiver'],
  [S.REQUESTED, S.REJECTED, 'receiver'],
  [S.REQUESTED, S.CANCELLED, 'referrer'],
  [S.ACCEPTED, S.IN_PROGRESS, 'receiver'],
  [S.ACCEPTED, S.ON_HOLD, 'receiver'],
  [S.ACCEPTED, S.COMPLETED, 'receiver'],
  [S.ACCEPTED, S.FAILED, 'receiver'],
  [S.ACCEPTED, S.CANCELLED, 'referrer'],
  [S.IN_PROGRESS, S.ON_HOLD, 'receiver'],
  [S.IN_PROGRESS, S.COMPLETED, 'receiver'],
  [S.IN_PROGRESS, S.FAILED, 'receiver'],
  [S.IN_PROGRESS, S.CANCELLED, 'referrer'],
  [S.ON_HOLD, S.IN_PROGRESS, 'receiver'],
  [S.ON_HOLD, S.COMPLETED, 'receiver'],
  [S.ON_HOLD, S.FAILED, 'receiver'],
  [S.ON_HOLD, S.CANCELLED, 'referrer'],
  // "ENTERED_IN_ERROR from any state by the referrer"
  ...ALL.filter((s) => s !== S.ENTERED_IN_ERROR).map(
    (s) => [s, S.ENTERED_IN_ERROR, 'referrer'] as [S, S, 'referrer'],
  ),
];

const ROLES: Record<string, Actor> = {
  referrer: { referrer: true, receiver: false, admin: false },
  receiver: { referrer: false, receiver: true, admin: false },
  admin: { referrer: false, receiver: false, admin: true },
  // An assigned peer, or anyone else who can see the referral: never moves it.
  bystander: { referrer: false, receiver: false, admin: false },
};

/** What each transition needs besides the right side, so the table test isolates legality and side. */
const complete = (to: S) => ({
  reason: [S.REJECTED, S.CANCELLED, S.ON_HOLD, S.FAILED].includes(to) ? 'because' : undefined,
  outcome: [S.COMPLETED, S.FAILED].includes(to),
});

describe('the referral transition table', () => {
  for (const [role, actor] of Object.entries(ROLES)) {
    it(`allows exactly the DESIGN's transitions to the ${role}, and no others`, () => {
      let legalSeen = 0;
      for (const from of ALL) {
        for (const to of ALL) {
          const rule = LEGAL.find(([f, t]) => f === from && t === to);
          const result = checkTransition(from, to, actor, complete(to));
          if (!rule) {
            expect(result, `${from} → ${to}`).toMatchObject({ ok: false, problem: 'ILLEGAL' });
          } else if (role === 'admin' || role === rule[2]) {
            expect(result, `${from} → ${to} by ${role}`).toEqual({ ok: true });
            legalSeen += 1;
          } else {
            expect(result, `${from} → ${to} by ${role}`).toMatchObject({
              ok: false,
              problem: 'WRONG_SIDE',
            });
          }
        }
      }
      const expected =
        role === 'admin' ? LEGAL.length : LEGAL.filter(([, , side]) => side === role).length;
      expect(legalSeen).toBe(expected);
    });
  }

  it('has 100 pairs, of which the listed ones are legal', () => {
    expect(ALL).toHaveLength(10);
    expect(LEGAL).toHaveLength(27);
  });

  it('requires a reason to reject, cancel, put on hold or fail, and not otherwise', () => {
    for (const [from, to, side] of LEGAL) {
      const actor = ROLES[side];
      const withoutReason = checkTransition(from, to, actor, { outcome: complete(to).outcome });
      if ([S.REJECTED, S.CANCELLED, S.ON_HOLD, S.FAILED].includes(to)) {
        expect(withoutReason, `${from} → ${to}`).toMatchObject({
          ok: false,
          problem: 'REASON_REQUIRED',
        });
        expect(
          checkTransition(from, to, actor, { reason: '   ', outcome: complete(to).outcome }).ok,
        ).toBe(false);
      } else {
        expect(withoutReason, `${from} → ${to}`).toEqual({ ok: true });
      }
    }
  });

  it('records an outcome on completion and failure only', () => {
    expect(checkTransition(S.IN_PROGRESS, S.COMPLETED, ROLES.receiver)).toMatchObject({
      problem: 'OUTCOME_REQUIRED',
    });
    expect(
      checkTransition(S.IN_PROGRESS, S.FAILED, ROLES.receiver, { reason: 'no show' }),
    ).toMatchObject({
      problem: 'OUTCOME_REQUIRED',
    });
    expect(
      checkTransition(S.REQUESTED, S.ACCEPTED, ROLES.receiver, { outcome: true }),
    ).toMatchObject({
      problem: 'OUTCOME_NOT_ALLOWED',
    });
  });

  it('says what a referral can become instead when a transition is illegal', () => {
    const result = checkTransition(S.REQUESTED, S.COMPLETED, ROLES.receiver, { outcome: true });
    expect(result).toMatchObject({ ok: false, problem: 'ILLEGAL' });
    expect(!result.ok && result.message).toMatch(/accepted, rejected, cancelled, entered in error/);
    const closed = checkTransition(S.ENTERED_IN_ERROR, S.REQUESTED, ROLES.admin);
    expect(!closed.ok && closed.message).toMatch(/cannot change any more/);
  });

  it('offers each side only its own next steps', () => {
    expect(allowedTransitions(S.REQUESTED, ROLES.receiver)).toEqual([S.ACCEPTED, S.REJECTED]);
    expect(allowedTransitions(S.REQUESTED, ROLES.referrer)).toEqual([
      S.CANCELLED,
      S.ENTERED_IN_ERROR,
    ]);
    expect(allowedTransitions(S.ON_HOLD, ROLES.bystander)).toEqual([]);
    expect(allowedTransitions(S.ACCEPTED, ROLES.admin)).toHaveLength(6);
  });

  it('maps every status to a FHIR R4 Task status', () => {
    expect(ALL.map(fhirTaskStatus)).toEqual([
      'draft',
      'requested',
      'accepted',
      'rejected',
      'cancelled',
      'in-progress',
      'on-hold',
      'completed',
      'failed',
      'entered-in-error',
    ]);
  });
});
