import { describe, expect, it } from 'vitest';
import { hhmm, scheduleFromHsds, scheduleToHsds } from './schedule-map';

const id = '00000000-0000-4000-8000-000000000001';

describe('HSDS schedules and our opening hours', () => {
  it('reads iCal weekdays and HSDS times, offsets and seconds included', () => {
    expect(hhmm('10:00:00')).toBe('10:00');
    expect(hhmm('09:00-05:00')).toBe('09:00');
    expect(hhmm('9:30Z')).toBe('09:30');
    expect(hhmm('25:00')).toBeNull();
    const { schedule, dropped } = scheduleFromHsds([
      { id, freq: 'WEEKLY', byday: 'MO,WE', opens_at: '09:00:00', closes_at: '17:00:00' },
      { id, freq: 'WEEKLY', byday: 'FR', opens_at: '20:00', closes_at: '00:00' },
      {
        id,
        valid_from: '2026-12-25',
        valid_to: '2026-12-25',
        description: 'Closed for Christmas Day',
      },
      {
        id,
        valid_from: '2026-11-26',
        opens_at: '11:00',
        closes_at: '15:00',
        description: 'Thanksgiving meal',
      },
    ]);
    expect(dropped).toEqual([]);
    expect(schedule).toEqual({
      weekly: [
        { day: 'MONDAY', opensAt: '09:00', closesAt: '17:00' },
        { day: 'WEDNESDAY', opensAt: '09:00', closesAt: '17:00' },
        { day: 'FRIDAY', opensAt: '20:00', closesAt: '24:00' },
      ],
      closures: [
        { date: '2026-12-25', note: 'Closed for Christmas Day' },
        { date: '2026-11-26', opensAt: '11:00', closesAt: '15:00', note: 'Thanksgiving meal' },
      ],
    });
  });

  it('says what it cannot represent instead of guessing', () => {
    const { schedule, dropped } = scheduleFromHsds([
      { id, freq: 'MONTHLY', byday: '2MO', opens_at: '09:00', closes_at: '12:00' },
      { id, freq: 'WEEKLY', byday: 'XX', opens_at: '09:00', closes_at: '12:00' },
      { id, freq: 'WEEKLY', byday: 'TU' },
    ]);
    expect(schedule.weekly).toEqual([]);
    expect(dropped.map((d) => d.field)).toEqual([
      'schedules[0].freq',
      'schedules[1].byday',
      'schedules[2].opens_at',
    ]);
  });

  it('writes our hours back as the same schedule', () => {
    const schedule = {
      weekly: [
        { day: 'MONDAY' as const, opensAt: '07:00', closesAt: '08:30' },
        { day: 'MONDAY' as const, opensAt: '12:00', closesAt: '13:30' },
        { day: 'TUESDAY' as const, opensAt: '07:00', closesAt: '08:30' },
        { day: 'SATURDAY' as const, opensAt: '19:00', closesAt: '07:00' },
      ],
      closures: [
        { date: '2026-12-25', note: 'Closed' },
        { date: '2026-11-26', opensAt: '10:00', closesAt: '14:00', note: null },
      ],
    };
    const hsds = scheduleToHsds(id, schedule);
    expect(hsds.filter((s) => s.byday).map((s) => s.byday)).toEqual(['MO,TU', 'MO', 'SA']);
    const back = scheduleFromHsds(hsds);
    expect(back.dropped).toEqual([]);
    expect(back.schedule).toEqual({
      ...schedule,
      closures: [
        { date: '2026-12-25', note: 'Closed' },
        { date: '2026-11-26', opensAt: '10:00', closesAt: '14:00', note: null },
      ],
    });
  });
});
