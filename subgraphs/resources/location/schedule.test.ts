import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type HolidayClosure,
  openState,
  type Schedule,
  ScheduleError,
  validateSchedule,
  type Weekday,
  WEEKDAYS,
  weeklySlots,
} from './schedule';

const LA = 'America/Los_Angeles';

function hours(days: readonly Weekday[], opensAt: string, closesAt: string): Schedule {
  return { weekly: days.map((day) => ({ day, opensAt, closesAt })), closures: [] };
}

const MON_TO_FRI = WEEKDAYS.slice(0, 5);

function stateAt(schedule: Schedule, timeZone: string, iso: string) {
  const state = openState(schedule, timeZone, new Date(iso));
  return {
    openNow: state.openNow,
    nextOpenAt: state.nextOpenAt?.toISOString() ?? null,
    closesAt: state.closesAt?.toISOString() ?? null,
  };
}

function open(closesAt: string | null) {
  return { openNow: true, nextOpenAt: null, closesAt };
}

function closed(nextOpenAt: string | null) {
  return { openNow: false, nextOpenAt, closesAt: null };
}

function scheduleError(run: () => unknown): ScheduleError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScheduleError) return error;
    throw error;
  }
  throw new Error('expected a ScheduleError');
}

describe('openState: weekday pantry 09:00–17:00 (Los Angeles, PST)', () => {
  const pantry = hours(MON_TO_FRI, '09:00', '17:00');

  it('is closed one minute before opening and says when it opens', () => {
    expect(stateAt(pantry, LA, '2026-11-25T16:59:00.000Z')).toEqual(
      closed('2026-11-25T17:00:00.000Z'),
    );
  });

  it('is open at exactly 09:00 and closes at 17:00 local', () => {
    expect(stateAt(pantry, LA, '2026-11-25T17:00:00.000Z')).toEqual(
      open('2026-11-26T01:00:00.000Z'),
    );
  });

  it('is still open at 16:59', () => {
    expect(stateAt(pantry, LA, '2026-11-26T00:59:00.000Z')).toEqual(
      open('2026-11-26T01:00:00.000Z'),
    );
  });

  it('is closed at exactly 17:00 on Friday and next opens Monday 09:00', () => {
    expect(stateAt(pantry, LA, '2026-11-28T01:00:00.000Z')).toEqual(
      closed('2026-11-30T17:00:00.000Z'),
    );
  });

  it('is closed on Saturday and next opens Monday 09:00', () => {
    expect(stateAt(pantry, LA, '2026-11-28T20:00:00.000Z')).toEqual(
      closed('2026-11-30T17:00:00.000Z'),
    );
  });
});

describe('openState: overnight shelter 20:00–08:00 (Chicago, CST)', () => {
  const shelter = hours(WEEKDAYS, '20:00', '08:00');

  it('is open at 02:00 and closes at 08:00 the same morning', () => {
    expect(stateAt(shelter, 'America/Chicago', '2026-11-24T08:00:00.000Z')).toEqual(
      open('2026-11-24T14:00:00.000Z'),
    );
  });

  it('is closed at 09:00 and next opens at 20:00 the same day', () => {
    expect(stateAt(shelter, 'America/Chicago', '2026-11-24T15:00:00.000Z')).toEqual(
      closed('2026-11-25T02:00:00.000Z'),
    );
  });

  it('is open at exactly 20:00 until 08:00 the next morning', () => {
    expect(stateAt(shelter, 'America/Chicago', '2026-11-25T02:00:00.000Z')).toEqual(
      open('2026-11-25T14:00:00.000Z'),
    );
  });
});

describe('openState: Sunday-night shelter 22:00–02:00 (Los Angeles)', () => {
  const sundayNight = hours(['SUNDAY'], '22:00', '02:00');

  it('is open at 01:00 on Monday and closes at 02:00 Monday', () => {
    expect(stateAt(sundayNight, LA, '2026-11-30T09:00:00.000Z')).toEqual(
      open('2026-11-30T10:00:00.000Z'),
    );
  });

  it('is closed at 21:00 on Sunday and opens at 22:00', () => {
    expect(stateAt(sundayNight, LA, '2026-11-30T05:00:00.000Z')).toEqual(
      closed('2026-11-30T06:00:00.000Z'),
    );
  });

  it('is closed at 02:00 on Monday and next opens the following Sunday 22:00', () => {
    expect(stateAt(sundayNight, LA, '2026-11-30T10:00:00.000Z')).toEqual(
      closed('2026-12-07T06:00:00.000Z'),
    );
  });
});

describe('openState: 24/7 services', () => {
  it('merges seven 00:00–24:00 days into one period that never closes', () => {
    expect(stateAt(hours(WEEKDAYS, '00:00', '24:00'), LA, '2026-11-25T12:34:00.000Z')).toEqual(
      open(null),
    );
  });

  it('treats 00:00–00:00 as a full day', () => {
    expect(stateAt(hours(WEEKDAYS, '00:00', '00:00'), LA, '2026-11-29T07:59:00.000Z')).toEqual(
      open(null),
    );
  });

  it('stays open without a break across the fall-back change', () => {
    expect(stateAt(hours(WEEKDAYS, '00:00', '24:00'), LA, '2026-10-30T12:00:00.000Z')).toEqual(
      open(null),
    );
  });

  it('reports closing when a holiday interrupts otherwise continuous hours', () => {
    const schedule: Schedule = {
      ...hours(WEEKDAYS, '00:00', '24:00'),
      closures: [{ date: '2026-12-01' }],
    };
    expect(stateAt(schedule, LA, '2026-11-25T12:00:00.000Z')).toEqual(
      open('2026-12-01T08:00:00.000Z'),
    );
  });
});

describe('openState: holiday closures', () => {
  const christmas: HolidayClosure = { date: '2026-12-25', note: 'Christmas Day' };
  const christmasEve: HolidayClosure = { date: '2026-12-24', opensAt: '10:00', closesAt: '14:00' };
  const pantry: Schedule = {
    ...hours(WEEKDAYS, '09:00', '17:00'),
    closures: [christmas, christmasEve],
  };

  it('is closed all day on the holiday and next opens the day after', () => {
    expect(stateAt(pantry, LA, '2026-12-25T18:00:00.000Z')).toEqual(
      closed('2026-12-26T17:00:00.000Z'),
    );
  });

  it('skips the holiday when closed the evening before', () => {
    expect(stateAt(pantry, LA, '2026-12-25T02:00:00.000Z')).toEqual(
      closed('2026-12-26T17:00:00.000Z'),
    );
  });

  it('uses special hours instead of the regular ones on that date', () => {
    expect(stateAt(pantry, LA, '2026-12-24T17:30:00.000Z')).toEqual(
      closed('2026-12-24T18:00:00.000Z'),
    );
    expect(stateAt(pantry, LA, '2026-12-24T21:00:00.000Z')).toEqual(
      open('2026-12-24T22:00:00.000Z'),
    );
  });

  it('keeps regular hours on the days around the closure', () => {
    expect(stateAt(pantry, LA, '2026-12-23T17:30:00.000Z')).toEqual(
      open('2026-12-24T01:00:00.000Z'),
    );
  });

  it('lets special hours run overnight into the next day', () => {
    const schedule: Schedule = {
      weekly: [],
      closures: [{ date: '2026-12-31', opensAt: '18:00', closesAt: '02:00' }],
    };
    expect(stateAt(schedule, LA, '2027-01-01T09:00:00.000Z')).toEqual(
      open('2027-01-01T10:00:00.000Z'),
    );
  });

  it('keeps the overnight stay that began the evening before the holiday open', () => {
    const shelter: Schedule = { ...hours(WEEKDAYS, '20:00', '08:00'), closures: [christmas] };
    expect(stateAt(shelter, LA, '2026-12-25T10:00:00.000Z')).toEqual(
      open('2026-12-25T16:00:00.000Z'),
    );
  });

  it('does not open the overnight stay that would start on the holiday', () => {
    const shelter: Schedule = { ...hours(WEEKDAYS, '20:00', '08:00'), closures: [christmas] };
    expect(stateAt(shelter, LA, '2026-12-26T04:00:00.000Z')).toEqual(
      closed('2026-12-27T04:00:00.000Z'),
    );
  });
});

describe('openState: daylight saving in Los Angeles', () => {
  it('counts a Sunday 01:00–03:00 interval as one hour on spring-forward day', () => {
    const schedule = hours(['SUNDAY'], '01:00', '03:00');
    expect(stateAt(schedule, LA, '2026-03-08T08:00:00.000Z')).toEqual(
      closed('2026-03-08T09:00:00.000Z'),
    );
    expect(stateAt(schedule, LA, '2026-03-08T09:30:00.000Z')).toEqual(
      open('2026-03-08T10:00:00.000Z'),
    );
  });

  it('opens the following Sunday at 01:00 PDT', () => {
    const schedule = hours(['SUNDAY'], '01:00', '03:00');
    expect(stateAt(schedule, LA, '2026-03-08T10:00:00.000Z')).toEqual(
      closed('2026-03-15T08:00:00.000Z'),
    );
  });

  it('opens a 02:30 start at 03:30 PDT when 02:30 does not exist', () => {
    const schedule = hours(WEEKDAYS, '02:30', '06:00');
    expect(stateAt(schedule, LA, '2026-03-08T09:00:00.000Z')).toEqual(
      closed('2026-03-08T10:30:00.000Z'),
    );
  });

  // luxon moves the missing 02:30 to 03:30, which is after the 03:00 close.
  it('does not open on spring-forward day for 02:30–03:00 hours', () => {
    const schedule = hours(['SUNDAY'], '02:30', '03:00');
    expect(stateAt(schedule, LA, '2026-03-08T09:00:00.000Z')).toEqual(
      closed('2026-03-15T09:30:00.000Z'),
    );
  });

  it('opens at 02:30 PDT on the day after spring-forward', () => {
    const schedule = hours(WEEKDAYS, '02:30', '06:00');
    expect(stateAt(schedule, LA, '2026-03-08T19:00:00.000Z')).toEqual(
      closed('2026-03-09T09:30:00.000Z'),
    );
  });

  it('moves the UTC opening an hour earlier across spring-forward', () => {
    const pantry = hours(WEEKDAYS, '09:00', '17:00');
    expect(stateAt(pantry, LA, '2026-03-07T16:00:00.000Z')).toEqual(
      closed('2026-03-07T17:00:00.000Z'),
    );
    expect(stateAt(pantry, LA, '2026-03-08T02:00:00.000Z')).toEqual(
      closed('2026-03-08T16:00:00.000Z'),
    );
  });

  it('moves the UTC opening an hour later across fall-back', () => {
    const pantry = hours(WEEKDAYS, '09:00', '17:00');
    expect(stateAt(pantry, LA, '2026-10-31T15:00:00.000Z')).toEqual(
      closed('2026-10-31T16:00:00.000Z'),
    );
    expect(stateAt(pantry, LA, '2026-11-01T01:00:00.000Z')).toEqual(
      closed('2026-11-01T17:00:00.000Z'),
    );
  });

  it('counts a Sunday 00:00–03:00 interval as four hours on fall-back day', () => {
    const schedule = hours(['SUNDAY'], '00:00', '03:00');
    expect(stateAt(schedule, LA, '2026-11-01T07:00:00.000Z')).toEqual(
      open('2026-11-01T11:00:00.000Z'),
    );
    expect(stateAt(schedule, LA, '2026-11-01T10:30:00.000Z')).toEqual(
      open('2026-11-01T11:00:00.000Z'),
    );
  });

  describe('a 01:30 opening on fall-back day, when 01:30 happens twice', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    // luxon's answer for a repeated time depends on the date the code runs; pin both seasons.
    it.each(['2026-07-01T12:00:00.000Z', '2026-01-15T12:00:00.000Z'])(
      'opens at the first 01:30 (PDT) when the clock reads %s',
      (clock) => {
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(new Date(clock));
        const schedule = hours(['SUNDAY'], '01:30', '04:00');
        expect(stateAt(schedule, LA, '2026-11-01T07:00:00.000Z')).toEqual(
          closed('2026-11-01T08:30:00.000Z'),
        );
      },
    );
  });
});

describe('openState: the time zone decides', () => {
  const pantry = hours(WEEKDAYS, '09:00', '17:00');
  const instant = '2026-11-24T23:00:00.000Z';

  it('is closed at 18:00 in New York and opens at 09:00 EST tomorrow', () => {
    expect(stateAt(pantry, 'America/New_York', instant)).toEqual(
      closed('2026-11-25T14:00:00.000Z'),
    );
  });

  it('is open at 13:00 in Honolulu until 17:00 HST', () => {
    expect(stateAt(pantry, 'Pacific/Honolulu', instant)).toEqual(open('2026-11-25T03:00:00.000Z'));
  });

  it('rejects a time zone that is not IANA', () => {
    const error = scheduleError(() => openState(pantry, 'Mars/Olympus_Mons', new Date(instant)));
    expect(error.field).toBe('timeZone');
  });
});

describe('openState: nothing within the look-ahead', () => {
  it('returns no next opening for a place with no hours', () => {
    expect(stateAt({ weekly: [], closures: [] }, LA, '2026-11-25T12:00:00.000Z')).toEqual(
      closed(null),
    );
  });

  describe('a pantry closed 2026-12-01..14 that reopens 2026-12-15 09:00', () => {
    const closures = Array.from({ length: 14 }, (_, i) => ({
      date: `2026-12-${String(i + 1).padStart(2, '0')}`,
    }));
    const schedule: Schedule = { ...hours(WEEKDAYS, '09:00', '17:00'), closures };

    it('looks no further than 14 days ahead', () => {
      expect(stateAt(schedule, LA, '2026-12-01T12:00:00.000Z')).toEqual(closed(null));
    });

    it('finds the reopening once it is within 14 days', () => {
      expect(stateAt(schedule, LA, '2026-12-01T18:00:00.000Z')).toEqual(
        closed('2026-12-15T17:00:00.000Z'),
      );
    });
  });
});

describe('validateSchedule', () => {
  const valid: Schedule = {
    weekly: [
      { day: 'MONDAY', opensAt: '09:00', closesAt: '17:00' },
      { day: 'SUNDAY', opensAt: '20:00', closesAt: '24:00' },
    ],
    closures: [
      { date: '2026-12-25', opensAt: null, closesAt: null, note: 'Christmas' },
      { date: '2026-12-24', opensAt: '10:00', closesAt: '14:00' },
    ],
  };

  it('accepts a well-formed schedule', () => {
    expect(() => validateSchedule(valid)).not.toThrow();
  });

  it.each([
    ['25:00', 'weekly[1].opensAt: "25:00" is not a time of day (HH:MM, 00:00–23:59)'],
    ['7:5', 'weekly[1].opensAt: "7:5" is not a time of day (HH:MM, 00:00–23:59)'],
    ['12:60', 'weekly[1].opensAt: "12:60" is not a time of day (HH:MM, 00:00–23:59)'],
    ['noon', 'weekly[1].opensAt: "noon" is not a time of day (HH:MM, 00:00–23:59)'],
    ['24:00', 'weekly[1].opensAt: "24:00" is not a time of day (HH:MM, 00:00–23:59)'],
  ])('rejects opensAt %s', (opensAt, message) => {
    const schedule: Schedule = {
      ...valid,
      weekly: [valid.weekly[0], { day: 'TUESDAY', opensAt, closesAt: '17:00' }],
    };
    const error = scheduleError(() => validateSchedule(schedule));
    expect(error.field).toBe('weekly[1].opensAt');
    expect(error.message).toBe(message);
  });

  it('rejects a closing time past 24:00', () => {
    const schedule: Schedule = {
      ...valid,
      weekly: [{ day: 'MONDAY', opensAt: '09:00', closesAt: '24:30' }],
    };
    expect(scheduleError(() => validateSchedule(schedule)).field).toBe('weekly[0].closesAt');
  });

  it('rejects an unknown weekday', () => {
    // What a caller outside TypeScript could send: a day name that is not a Weekday.
    const funday: string = 'FUNDAY';
    const schedule: Schedule = {
      ...valid,
      weekly: [{ day: funday as Weekday, opensAt: '09:00', closesAt: '17:00' }],
    };
    const error = scheduleError(() => validateSchedule(schedule));
    expect(error.field).toBe('weekly[0].day');
    expect(error.message).toMatch(/^weekly\[0\]\.day: "FUNDAY" is not a weekday/);
  });

  it.each(['2026-02-30', '12/25/2026', '2026-2-3', '20261225', '2026-12-25T00:00'])(
    'rejects the date %s',
    (date) => {
      const schedule: Schedule = { ...valid, closures: [valid.closures[0], { date }] };
      const error = scheduleError(() => validateSchedule(schedule));
      expect(error.field).toBe('closures[1].date');
      expect(error.message).toBe(`closures[1].date: "${date}" is not a calendar date (YYYY-MM-DD)`);
    },
  );

  it('rejects special hours with only an opening time', () => {
    const schedule: Schedule = { ...valid, closures: [{ date: '2026-12-24', opensAt: '10:00' }] };
    const error = scheduleError(() => validateSchedule(schedule));
    expect(error.field).toBe('closures[0].closesAt');
    expect(error.message).toContain('need both opensAt and closesAt');
  });

  it('rejects special hours with only a closing time', () => {
    const schedule: Schedule = {
      ...valid,
      closures: [{ date: '2026-12-24', opensAt: null, closesAt: '14:00' }],
    };
    expect(scheduleError(() => validateSchedule(schedule)).field).toBe('closures[0].opensAt');
  });

  it('rejects a bad special closing time', () => {
    const schedule: Schedule = {
      ...valid,
      closures: [{ date: '2026-12-24', opensAt: '10:00', closesAt: '2pm' }],
    };
    expect(scheduleError(() => validateSchedule(schedule)).field).toBe('closures[0].closesAt');
  });

  it('rejects the same date listed twice', () => {
    const schedule: Schedule = {
      ...valid,
      closures: [...valid.closures, { date: '2026-12-25' }],
    };
    const error = scheduleError(() => validateSchedule(schedule));
    expect(error.field).toBe('closures[2].date');
    expect(error.message).toBe('closures[2].date: "2026-12-25" is already listed as closures[0]');
  });

  it('accepts 50 weekly entries and rejects 51', () => {
    const entries = (n: number) => hours(Array(n).fill('MONDAY'), '09:00', '10:00');
    expect(() => validateSchedule(entries(50))).not.toThrow();
    const error = scheduleError(() => validateSchedule(entries(51)));
    expect(error.field).toBe('weekly');
    expect(error.message).toBe('weekly: has 51 entries; at most 50 are allowed');
  });

  it('accepts 400 closures and rejects 401', () => {
    const closures = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      }));
    expect(() => validateSchedule({ weekly: [], closures: closures(400) })).not.toThrow();
    const error = scheduleError(() => validateSchedule({ weekly: [], closures: closures(401) }));
    expect(error.field).toBe('closures');
  });

  it('is enforced by openState and weeklySlots', () => {
    const schedule: Schedule = {
      weekly: [{ day: 'MONDAY', opensAt: '9am', closesAt: '17:00' }],
      closures: [],
    };
    expect(scheduleError(() => openState(schedule, LA, new Date())).field).toBe(
      'weekly[0].opensAt',
    );
    expect(scheduleError(() => weeklySlots(schedule)).field).toBe('weekly[0].opensAt');
  });
});

describe('weeklySlots', () => {
  const range = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('covers Monday 09:00–17:00 with slots 18..33', () => {
    expect(weeklySlots(hours(['MONDAY'], '09:00', '17:00'))).toEqual(range(18, 33));
  });

  it('wraps a Sunday 22:00–02:00 overnight into Monday morning', () => {
    expect(weeklySlots(hours(['SUNDAY'], '22:00', '02:00'))).toEqual([
      ...range(0, 3),
      ...range(332, 335),
    ]);
  });

  it('counts a slot as open if any part of it is open', () => {
    expect(weeklySlots(hours(['TUESDAY'], '09:15', '09:45'))).toEqual([66, 67]);
  });

  it('returns every slot exactly once for a 24/7 place with overlapping entries', () => {
    const schedule: Schedule = {
      weekly: [
        ...hours(WEEKDAYS, '00:00', '00:00').weekly,
        { day: 'WEDNESDAY', opensAt: '08:00', closesAt: '20:00' },
      ],
      closures: [],
    };
    expect(weeklySlots(schedule)).toEqual(range(0, 335));
  });

  it('ignores closures', () => {
    const schedule: Schedule = {
      ...hours(['MONDAY'], '09:00', '10:00'),
      closures: [{ date: '2026-11-23' }],
    };
    expect(weeklySlots(schedule)).toEqual([18, 19]);
  });

  it('supports hour-long slots', () => {
    expect(weeklySlots(hours(['SUNDAY'], '22:00', '02:00'), 60)).toEqual([0, 1, 166, 167]);
  });

  it('rejects a slot length that does not divide the day', () => {
    expect(() => weeklySlots(hours(['MONDAY'], '09:00', '10:00'), 7)).toThrow(RangeError);
  });
});
