import { DateTime, IANAZone } from 'luxon';

export type Weekday =
  'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

// Monday first, matching luxon's `weekday` (1 = Monday) and ISO 8601.
export const WEEKDAYS: readonly Weekday[] = Object.freeze([
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
]);

export interface WeeklyHours {
  day: Weekday;
  opensAt: string;
  closesAt: string;
}

// A closure on a local calendar date (YYYY-MM-DD). With no opensAt/closesAt the place is closed for
// every interval that STARTS on that date; with both, those special hours replace that date's
// regular hours.
export interface HolidayClosure {
  date: string;
  opensAt?: string | null;
  closesAt?: string | null;
  note?: string | null;
}

export interface Schedule {
  weekly: WeeklyHours[];
  closures: HolidayClosure[];
}

export interface OpenState {
  openNow: boolean;
  nextOpenAt: Date | null;
  closesAt: Date | null;
}

export class ScheduleError extends Error {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'ScheduleError';
    this.field = field;
  }
}

const MAX_WEEKLY_ENTRIES = 50;
const MAX_CLOSURES = 400;
const LOOKAHEAD_DAYS = 14;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

const OPENS_AT = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSES_AT = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Minutes after local midnight of the day the interval starts on; `end` may exceed a day.
interface MinuteRange {
  start: number;
  end: number;
}

interface Period {
  start: number;
  end: number;
}

type CalendarDate = DateTime;

/** Zones found valid so far: checking builds an Intl formatter, and searches check every zone often. */
const validZones = new Set<string>();

export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string') return false;
  if (validZones.has(zone)) return true;
  // Only valid names are remembered (a few hundred exist), so made-up input cannot grow the set.
  if (!IANAZone.isValidZone(zone)) return false;
  validZones.add(zone);
  return true;
}

export function validateSchedule(schedule: Schedule): void {
  checkList(schedule?.weekly, 'weekly', MAX_WEEKLY_ENTRIES);
  checkList(schedule.closures, 'closures', MAX_CLOSURES);
  schedule.weekly.forEach((entry, i) => checkWeeklyEntry(entry, `weekly[${i}]`));
  const seenDates = new Map<string, number>();
  schedule.closures.forEach((closure, i) => {
    checkClosure(closure, `closures[${i}]`);
    const first = seenDates.get(closure.date);
    if (first !== undefined) {
      fail(`closures[${i}].date`, `${show(closure.date)} is already listed as closures[${first}]`);
    }
    seenDates.set(closure.date, i);
  });
}

export function openState(schedule: Schedule, timeZone: string, now: Date): OpenState {
  validateSchedule(schedule);
  if (!isValidTimeZone(timeZone)) {
    fail('timeZone', `${show(timeZone)} is not an IANA time zone (e.g. America/Los_Angeles)`);
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError('openState: now must be a valid Date');
  }
  const localNow = DateTime.fromJSDate(now, { zone: timeZone });
  const horizon = localNow.plus({ days: LOOKAHEAD_DAYS }).toMillis();
  // Starting a day early catches an overnight interval from yesterday that is still running.
  const periods = mergePeriods(
    periodsBetween(schedule, timeZone, calendarDate(localNow).minus({ days: 1 }), horizon),
  );
  return stateAt(periods, now.getTime(), horizon);
}

export function weeklySlots(schedule: Schedule, slotMinutes = 30): number[] {
  validateSchedule(schedule);
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0 || MINUTES_PER_DAY % slotMinutes !== 0) {
    throw new RangeError(`weeklySlots: slotMinutes must divide a day evenly, got ${slotMinutes}`);
  }
  const slotCount = MINUTES_PER_WEEK / slotMinutes;
  const open = new Array<boolean>(slotCount).fill(false);
  for (const entry of schedule.weekly) {
    const dayStart = WEEKDAYS.indexOf(entry.day) * MINUTES_PER_DAY;
    const { start, end } = minuteRange(entry.opensAt, entry.closesAt);
    const firstSlot = Math.floor((dayStart + start) / slotMinutes);
    const lastSlot = Math.ceil((dayStart + end) / slotMinutes) - 1;
    // Sunday-night hours wrap into Monday morning at the start of the week.
    for (let slot = firstSlot; slot <= lastSlot; slot++) open[slot % slotCount] = true;
  }
  return open.flatMap((isOpen, slot) => (isOpen ? [slot] : []));
}

function stateAt(periods: Period[], now: number, horizon: number): OpenState {
  const current = periods.find((p) => p.start <= now && now < p.end);
  if (current) {
    // Periods were only built up to the horizon, so an end past it means "open the whole time".
    const closesAt = current.end > horizon ? null : new Date(current.end);
    return { openNow: true, nextOpenAt: null, closesAt };
  }
  const next = periods.find((p) => p.start > now && p.start <= horizon);
  return { openNow: false, nextOpenAt: next ? new Date(next.start) : null, closesAt: null };
}

function periodsBetween(
  schedule: Schedule,
  zone: string,
  firstDate: CalendarDate,
  horizon: number,
): Period[] {
  const closures = new Map(schedule.closures.map((c) => [c.date, c]));
  const periods: Period[] = [];
  for (let date = firstDate; startOfDay(date, zone) <= horizon; date = date.plus({ days: 1 })) {
    for (const range of rangesOn(schedule.weekly, closures, date)) {
      const start = instant(date, range.start, zone);
      const end = instant(date, range.end, zone);
      // A range wholly inside a spring-forward gap collapses to nothing.
      if (end > start) periods.push({ start, end });
    }
  }
  return periods;
}

function rangesOn(
  weekly: WeeklyHours[],
  closures: Map<string, HolidayClosure>,
  date: CalendarDate,
): MinuteRange[] {
  const closure = closures.get(date.toISODate() ?? '');
  if (closure) {
    return closure.opensAt && closure.closesAt
      ? [minuteRange(closure.opensAt, closure.closesAt)]
      : [];
  }
  const day = WEEKDAYS[date.weekday - 1];
  return weekly.filter((w) => w.day === day).map((w) => minuteRange(w.opensAt, w.closesAt));
}

function mergePeriods(periods: Period[]): Period[] {
  const sorted = [...periods].sort((a, b) => a.start - b.start);
  const merged: Period[] = [];
  for (const period of sorted) {
    const last = merged[merged.length - 1];
    if (last && period.start <= last.end) last.end = Math.max(last.end, period.end);
    else merged.push({ ...period });
  }
  return merged;
}

function minuteRange(opensAt: string, closesAt: string): MinuteRange {
  const start = toMinutes(opensAt);
  const end = toMinutes(closesAt);
  // closesAt at or before opensAt means the interval runs past midnight (equal = a full 24 hours).
  return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}

function toMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

// Calendar dates are kept in UTC so that stepping a day never meets a DST transition.
function calendarDate(local: DateTime): CalendarDate {
  return DateTime.utc(local.year, local.month, local.day);
}

function startOfDay(date: CalendarDate, zone: string): number {
  return instant(date, 0, zone);
}

function instant(date: CalendarDate, minutesAfterMidnight: number, zone: string): number {
  const day = date.plus({ days: Math.floor(minutesAfterMidnight / MINUTES_PER_DAY) });
  const minuteOfDay = minutesAfterMidnight % MINUTES_PER_DAY;
  const local = DateTime.fromObject(
    {
      year: day.year,
      month: day.month,
      day: day.day,
      hour: Math.floor(minuteOfDay / 60),
      minute: minuteOfDay % 60,
    },
    { zone },
  );
  // luxon resolves a time repeated at fall-back from a guess based on today's date, so which
  // occurrence it picks depends on the season the code runs in; always take the first one.
  return Math.min(...local.getPossibleOffsets().map((candidate) => candidate.toMillis()));
}

function checkList(value: unknown, field: string, max: number): void {
  if (!Array.isArray(value)) fail(field, 'must be a list');
  if (value.length > max) fail(field, `has ${value.length} entries; at most ${max} are allowed`);
}

function checkWeeklyEntry(entry: WeeklyHours, path: string): void {
  if (!WEEKDAYS.includes(entry?.day)) {
    fail(`${path}.day`, `${show(entry?.day)} is not a weekday (${WEEKDAYS.join(', ')})`);
  }
  checkOpensAt(entry.opensAt, `${path}.opensAt`);
  checkClosesAt(entry.closesAt, `${path}.closesAt`);
}

function checkClosure(closure: HolidayClosure, path: string): void {
  checkDate(closure?.date, `${path}.date`);
  const hasOpens = closure.opensAt != null;
  const hasCloses = closure.closesAt != null;
  if (hasOpens !== hasCloses) {
    const missing = hasOpens ? 'closesAt' : 'opensAt';
    fail(
      `${path}.${missing}`,
      'special hours need both opensAt and closesAt; omit both to close all day',
    );
  }
  if (hasOpens) checkOpensAt(closure.opensAt, `${path}.opensAt`);
  if (hasCloses) checkClosesAt(closure.closesAt, `${path}.closesAt`);
}

function checkOpensAt(value: unknown, field: string): void {
  if (typeof value !== 'string' || !OPENS_AT.test(value)) {
    fail(field, `${show(value)} is not a time of day (HH:MM, 00:00–23:59)`);
  }
}

function checkClosesAt(value: unknown, field: string): void {
  if (typeof value !== 'string' || !CLOSES_AT.test(value)) {
    fail(field, `${show(value)} is not a closing time (HH:MM, 00:00–24:00)`);
  }
}

function checkDate(value: unknown, field: string): void {
  const valid =
    typeof value === 'string' && ISO_DATE.test(value) && DateTime.fromISO(value).isValid;
  if (!valid) fail(field, `${show(value)} is not a calendar date (YYYY-MM-DD)`);
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function fail(field: string, problem: string): never {
  throw new ScheduleError(field, problem);
}
