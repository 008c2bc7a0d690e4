import { describe, expect, it } from 'vitest';
import { openState, WEEKDAYS, type Schedule } from '../location/schedule';
import { exactOpenState, planOpenNow, weeklyOpenState } from './open-now';

describe('planOpenNow', () => {
  it('gives each zone its local slot, minute of the week and dates', () => {
    // Wednesday 25 November 2026, 11:10 in Los Angeles, 14:10 in New York.
    const [la, ny] = planOpenNow(
      ['America/Los_Angeles', 'America/New_York'],
      new Date('2026-11-25T19:10:00Z'),
    );
    expect(la).toEqual({
      timeZone: 'America/Los_Angeles',
      slot: 2 * 48 + 22,
      minute: 2 * 1440 + 11 * 60 + 10,
      dates: ['2026-11-25', '2026-11-24'],
      unsure: false,
    });
    expect(ny.slot).toBe(2 * 48 + 28);
  });

  it('wraps Sunday night and Monday morning correctly', () => {
    const [zone] = planOpenNow(['America/Los_Angeles'], new Date('2026-11-23T08:05:00Z')); // Monday 00:05
    expect(zone.slot).toBe(0);
    const [late] = planOpenNow(['America/Los_Angeles'], new Date('2026-11-23T07:59:00Z')); // Sunday 23:59
    expect(late.slot).toBe(335);
  });

  it('flags a zone during a DST change so every candidate is checked exactly', () => {
    const [zone] = planOpenNow(['America/Los_Angeles'], new Date('2026-11-01T08:30:00Z')); // 01:30 PDT, fall back at 09:00Z
    expect(zone.unsure).toBe(true);
    const [calm] = planOpenNow(['America/Los_Angeles'], new Date('2026-11-05T08:30:00Z'));
    expect(calm.unsure).toBe(false);
  });

  it('ignores zones that are not IANA zones', () => {
    expect(planOpenNow(['Mars/Olympus'], new Date())).toEqual([]);
  });
});

describe('exactOpenState', () => {
  it('is closed without a place or with a broken schedule, rather than failing the search', () => {
    expect(exactOpenState(null, 'America/Los_Angeles', new Date()).openNow).toBe(false);
    expect(exactOpenState({ weekly: 'nope' }, 'America/Los_Angeles', new Date()).openNow).toBe(
      false,
    );
  });
});

describe('weeklyOpenState', () => {
  const TIMES = [
    '00:00',
    '05:30',
    '07:00',
    '09:00',
    '09:15',
    '12:00',
    '17:00',
    '19:00',
    '22:45',
    '23:30',
  ];
  const ZONES = [
    'America/Los_Angeles',
    'America/New_York',
    'America/Phoenix',
    'Pacific/Honolulu',
    'Europe/London',
  ];
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

  it('agrees with openState wherever it answers (weekly hours, overnight, 24/7, across the year)', () => {
    let answered = 0;
    for (let i = 0; i < 400; i++) {
      const schedule: Schedule = {
        weekly: Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => ({
          day: pick(WEEKDAYS),
          opensAt: pick(TIMES),
          closesAt: rnd() < 0.15 ? '24:00' : pick(TIMES),
        })),
        closures:
          rnd() < 0.5
            ? [
                { date: '2026-12-25' },
                { date: '2026-07-04', opensAt: '10:00', closesAt: '12:00' },
                {
                  date: `2026-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-1${Math.floor(rnd() * 9)}`,
                },
              ]
            : [],
      };
      const zone = pick(ZONES);
      const now = new Date(
        Date.UTC(2026, 0, 1) + Math.floor(rnd() * 365 * 24 * 60) * 60_000 + 17_000,
      );
      const fast = weeklyOpenState(schedule, zone, now);
      if (!fast) continue;
      answered += 1;
      const exact = openState(schedule, zone, now);
      expect(fast, `${JSON.stringify(schedule)} ${zone} ${now.toISOString()}`).toEqual({
        openNow: exact.openNow,
        nextOpenAt: exact.nextOpenAt,
      });
    }
    expect(answered).toBeGreaterThan(300);
  });

  it('answers holiday closures and special hours itself, and leaves DST changes to openState', () => {
    const schedule: Schedule = {
      weekly: [{ day: 'THURSDAY', opensAt: '09:00', closesAt: '17:00' }],
      closures: [{ date: '2026-11-26' }],
    };
    const now = new Date('2026-11-25T19:00:00Z');
    const exact = openState(schedule, 'America/Los_Angeles', now);
    expect(weeklyOpenState(schedule, 'America/Los_Angeles', now)).toEqual({
      openNow: false,
      nextOpenAt: exact.nextOpenAt,
    });
    expect(exact.nextOpenAt).toEqual(new Date('2026-12-03T17:00:00Z'));
    const weekend: Schedule = {
      weekly: [{ day: 'MONDAY', opensAt: '09:00', closesAt: '17:00' }],
      closures: [],
    };
    // Saturday 31 October: the next opening, Monday 2 November, is after the clocks go back.
    expect(
      weeklyOpenState(weekend, 'America/Los_Angeles', new Date('2026-10-31T19:00:00Z')),
    ).toBeNull();
  });
});
