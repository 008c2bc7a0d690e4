import { describe, expect, it } from 'vitest';
import { waited } from '../shared/format';
import { inboxOrder, isOneTap, receiverSteps, stepCount, stepNeeds } from './lifecycle';

describe('the answer lifecycle', () => {
  it('asks for a reason to decline, hold or fail, and an outcome to complete or fail', () => {
    expect(stepNeeds('REJECTED')).toEqual({ reason: true, outcome: false });
    expect(stepNeeds('ON_HOLD')).toEqual({ reason: true, outcome: false });
    expect(stepNeeds('COMPLETED')).toEqual({ reason: false, outcome: true });
    expect(stepNeeds('FAILED')).toEqual({ reason: true, outcome: true });
    expect(isOneTap('ACCEPTED')).toBe(true);
    expect(isOneTap('IN_PROGRESS')).toBe(true);
    expect(isOneTap('COMPLETED')).toBe(false);
  });

  it('offers the step forward first and leaves out what the API does not allow', () => {
    expect(receiverSteps(['REJECTED', 'ACCEPTED'])).toEqual(['ACCEPTED', 'REJECTED']);
    expect(receiverSteps(['FAILED', 'COMPLETED', 'ON_HOLD', 'IN_PROGRESS'])).toEqual([
      'IN_PROGRESS',
      'COMPLETED',
      'ON_HOLD',
      'FAILED',
    ]);
    expect(receiverSteps(['ENTERED_IN_ERROR', 'DRAFT'])).toEqual([]);
  });

  it('puts the oldest referral still waiting for an answer first', () => {
    const order = inboxOrder([
      { id: 'a', status: 'ACCEPTED', requestedAt: '2026-01-01T00:00:00Z', createdAt: '' },
      { id: 'b', status: 'REQUESTED', requestedAt: '2026-01-03T00:00:00Z', createdAt: '' },
      { id: 'c', status: 'REQUESTED', requestedAt: '2026-01-02T00:00:00Z', createdAt: '' },
      { id: 'd', status: 'ON_HOLD', requestedAt: null, createdAt: '2025-12-01T00:00:00Z' },
    ]);
    expect(order.map((r) => r.id)).toEqual(['c', 'b', 'd', 'a']);
  });

  it('says how long in the largest whole unit', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(waited(new Date('2026-01-10T11:35:00Z'), now)).toEqual({ unit: 'minutes', n: 25 });
    expect(waited(new Date('2026-01-09T09:00:00Z'), now)).toEqual({ unit: 'hours', n: 27 });
    expect(waited(new Date('2026-01-07T11:00:00Z'), now)).toEqual({ unit: 'days', n: 3 });
    expect(waited(new Date('2026-01-10T11:59:30Z'), now)).toEqual({ unit: 'now', n: 0 });
    expect(waited(new Date('2026-01-11T00:00:00Z'), now)).toEqual({ unit: 'now', n: 0 });
  });

  it('keeps a bed count between 0 and the maximum', () => {
    expect(stepCount(0, -1, 10)).toBe(0);
    expect(stepCount(10, 1, 10)).toBe(10);
    expect(stepCount(3, 1, null)).toBe(4);
  });
});
