import { describe, expect, it } from 'vitest';
import { openState, weeklySlots, WEEKDAYS, type Schedule } from '../location/schedule';
import { query } from '../sql';
import { useResources } from './harness';

const TIMES = [
  '00:00',
  '06:45',
  '08:00',
  '09:15',
  '11:30',
  '12:10',
  '17:00',
  '19:00',
  '22:30',
  '23:59',
];

/** Deterministic schedules covering overnight hours, 24/7, quarter hours and Sunday-night wraps. */
function schedules(): Schedule[] {
  const out: Schedule[] = [
    { weekly: WEEKDAYS.map((day) => ({ day, opensAt: '00:00', closesAt: '24:00' })), closures: [] },
    { weekly: [{ day: 'SUNDAY', opensAt: '22:00', closesAt: '06:00' }], closures: [] },
    { weekly: [], closures: [] },
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 60; i++) {
    const weekly = Array.from({ length: 1 + Math.floor(next() * 4) }, () => ({
      day: WEEKDAYS[Math.floor(next() * 7)],
      opensAt: TIMES[Math.floor(next() * TIMES.length)],
      closesAt: next() < 0.1 ? '24:00' : TIMES[Math.floor(next() * TIMES.length)],
    }));
    out.push({ weekly, closures: [] });
  }
  return out;
}

describe('the SQL side of search agrees with the schedule code', () => {
  const resources = useResources();

  it('search_slots(schedule, false) is weeklySlots(schedule, 30)', async () => {
    const knex = resources().orm.em.getConnection().getKnex();
    for (const schedule of schedules()) {
      const rows = await query<{ slots: unknown }>(
        knex,
        'select search_slots(?::jsonb, false) as slots',
        [JSON.stringify(schedule)],
      );
      expect(rows[0].slots, JSON.stringify(schedule)).toEqual(weeklySlots(schedule, 30));
    }
  });

  it('search_open_minutes holds exactly the minutes openState calls open (weekly hours)', async () => {
    const knex = resources().orm.em.getConnection().getKnex();
    // A week with no DST change in UTC: minute m of the week is 2026-11-23 (a Monday) + m.
    const monday = Date.UTC(2026, 10, 23);
    for (const schedule of schedules().slice(0, 25)) {
      for (const minute of [0, 405, 555, 1439, 1440, 4000, 5555, 8630, 10079]) {
        const rows = await query<{ open: boolean }>(
          knex,
          'select search_open_minutes(?::jsonb) @> ?::int as open',
          [JSON.stringify(schedule), minute],
        );
        const expected = openState(schedule, 'UTC', new Date(monday + minute * 60_000)).openNow;
        expect(rows[0].open, `${JSON.stringify(schedule)} at minute ${minute}`).toBe(expected);
      }
    }
  });
});
