import { DateTime } from 'luxon';

/** When an organization answers referrals: its time zone, opening minutes and weekdays. */
export interface BusinessHours {
  /** IANA time zone, e.g. America/Los_Angeles. */
  timeZone: string;
  /** Minutes after local midnight: 540 is 09:00. */
  opensMinute: number;
  closesMinute: number;
  /** ISO weekdays it is open: 1 is Monday, 7 Sunday. */
  days: number[];
}

/** An organization's response target: business days, counted in its business hours. */
export interface ResponseTarget extends BusinessHours {
  targetBusinessDays: number;
}

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

export const DEFAULT_RESPONSE_TARGET: ResponseTarget = Object.freeze({
  targetBusinessDays: 2,
  timeZone: DEFAULT_TIME_ZONE,
  opensMinute: 9 * 60,
  closesMinute: 17 * 60,
  days: [1, 2, 3, 4, 5],
});

/** Whether `zone` is a time zone the clock can count in. */
export function isTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

const atMinute = (day: DateTime, minute: number) =>
  minute >= 1440
    ? day.plus({ days: 1 }).startOf('day')
    : day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });

/**
 * The instant `minutes` of business time after `start`, counted only while the organization is open
 * (in its own time zone, so across daylight-saving changes a business day stays its opening hours).
 * Holidays are not known here. Gives up after ten years of closed days.
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours): Date {
  const days = hours.days.length ? hours.days : [1, 2, 3, 4, 5, 6, 7];
  let cursor = DateTime.fromJSDate(start, { zone: hours.timeZone });
  let remaining = minutes;
  for (let i = 0; i < 3660; i++) {
    if (days.includes(cursor.weekday)) {
      const opens = atMinute(cursor, hours.opensMinute);
      const closes = atMinute(cursor, hours.closesMinute);
      const from = cursor > opens ? cursor : opens;
      if (from < closes) {
        const available = closes.diff(from, 'minutes').minutes;
        if (remaining <= available) return from.plus({ minutes: remaining }).toJSDate();
        remaining -= available;
      }
    }
    cursor = cursor.plus({ days: 1 }).startOf('day');
  }
  return cursor.toJSDate();
}

/** When a referral sent at `requestedAt` must be answered, and when its organization is reminded. */
export function referralDeadlines(
  requestedAt: Date,
  target: ResponseTarget,
): { remindAt: Date; respondBy: Date } {
  const total = target.targetBusinessDays * (target.closesMinute - target.opensMinute);
  return {
    remindAt: addBusinessMinutes(requestedAt, total / 2, target),
    respondBy: addBusinessMinutes(requestedAt, total, target),
  };
}

/** The day of `now` in `zone`, and the instant of `hour` o'clock that day (the digest's hour). */
export function localDay(now: Date, zone: string, hour: number): { day: string; at: Date } {
  const local = DateTime.fromJSDate(now, { zone });
  return {
    day: local.toISODate() ?? now.toISOString().slice(0, 10),
    at: local.set({ hour, minute: 0, second: 0, millisecond: 0 }).toJSDate(),
  };
}
