import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  DEFAULT_RESPONSE_TARGET,
  localDay,
  referralDeadlines,
} from './business-hours';

const la = DEFAULT_RESPONSE_TARGET;

describe('business hours', () => {
  it('gives two business days from a Friday afternoon as Tuesday afternoon, weekend skipped', () => {
    // Friday 2026-12-04 15:00 in Los Angeles (23:00 UTC).
    const sent = new Date('2026-12-04T23:00:00Z');
    const { remindAt, respondBy } = referralDeadlines(sent, la);
    // 16 business hours: 2 on Friday, 8 on Monday, 6 on Tuesday → Tuesday 15:00 (23:00 UTC).
    expect(respondBy.toISOString()).toBe('2026-12-08T23:00:00.000Z');
    // Half: 2 on Friday, 6 on Monday → Monday 15:00.
    expect(remindAt.toISOString()).toBe('2026-12-07T23:00:00.000Z');
  });

  it('starts counting at opening time for a referral sent at night', () => {
    // Wednesday 2026-12-02 22:00 in Los Angeles = Thursday 06:00 UTC.
    const sent = new Date('2026-12-03T06:00:00Z');
    const due = addBusinessMinutes(sent, 60, la);
    // Thursday 10:00 in Los Angeles.
    expect(due.toISOString()).toBe('2026-12-03T18:00:00.000Z');
  });

  it('counts in the organization’s own time zone', () => {
    const ny = { ...la, timeZone: 'America/New_York' };
    const sent = new Date('2026-12-03T13:00:00Z'); // 08:00 in New York, before opening
    expect(addBusinessMinutes(sent, 60, ny).toISOString()).toBe('2026-12-03T15:00:00.000Z');
  });

  it('keeps opening hours across a daylight-saving change', () => {
    // Friday 2026-10-30 16:00 PDT; DST ends on Sunday Nov 1. One business hour → Monday 10:00 PST.
    const sent = new Date('2026-10-30T23:00:00Z');
    expect(addBusinessMinutes(sent, 120, la).toISOString()).toBe('2026-11-02T18:00:00.000Z');
  });

  it('names the local day and the digest hour of that day', () => {
    const now = new Date('2026-12-03T06:30:00Z'); // 22:30 on Dec 2 in Los Angeles
    const { day, at } = localDay(now, 'America/Los_Angeles', 8);
    expect(day).toBe('2026-12-02');
    expect(at.toISOString()).toBe('2026-12-02T16:00:00.000Z');
  });
});
