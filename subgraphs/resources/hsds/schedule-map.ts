import {
  validateSchedule,
  WEEKDAYS,
  type HolidayClosure,
  type Schedule,
  type Weekday,
  type WeeklyHours,
} from '../location/schedule';
import { uuidFor } from './model';

/** An HSDS 3.0 schedule, the fields this mapping reads or writes. */
export interface HsdsSchedule {
  id: string;
  location_id?: string;
  service_id?: string;
  valid_from?: string;
  valid_to?: string;
  dtstart?: string;
  freq?: string;
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  description?: string;
  [key: string]: unknown;
}

const ICAL_DAYS: Record<string, Weekday> = {
  MO: 'MONDAY',
  TU: 'TUESDAY',
  WE: 'WEDNESDAY',
  TH: 'THURSDAY',
  FR: 'FRIDAY',
  SA: 'SATURDAY',
  SU: 'SUNDAY',
};
const ICAL_OF = Object.fromEntries(Object.entries(ICAL_DAYS).map(([k, v]) => [v, k])) as Record<
  Weekday,
  string
>;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** HH:MM from an HSDS time ("10:00:00", "09:00-05:00", "9:30"); the offset is dropped (the location has a time zone). */
export function hhmm(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = TIME.exec(value.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

function isClosureEntry(s: HsdsSchedule): boolean {
  const date = s.valid_from ?? s.dtstart;
  return (
    !s.byday &&
    !s.freq &&
    typeof date === 'string' &&
    ISO_DATE.test(date) &&
    (!s.valid_to || s.valid_to === date)
  );
}

export interface ScheduleMapping {
  schedule: Schedule;
  /** What could not be represented, as field: reason. */
  dropped: { field: string; reason: string }[];
}

/** Our weekly hours and closures from HSDS schedules (iCal byday / opens_at / closes_at). */
export function scheduleFromHsds(
  entries: readonly HsdsSchedule[],
  field = 'schedules',
): ScheduleMapping {
  const weekly: WeeklyHours[] = [];
  const closures: HolidayClosure[] = [];
  const dropped: ScheduleMapping['dropped'] = [];
  entries.forEach((s, i) => {
    const where = `${field}[${i}]`;
    const opensAt = hhmm(s.opens_at);
    let closesAt = hhmm(s.closes_at);
    if (closesAt === '00:00') closesAt = '24:00';
    if (isClosureEntry(s)) {
      const date = (s.valid_from ?? s.dtstart) as string;
      const note = typeof s.description === 'string' && s.description !== '' ? s.description : null;
      closures.push(opensAt && closesAt ? { date, opensAt, closesAt, note } : { date, note });
      return;
    }
    const freq = typeof s.freq === 'string' ? s.freq.toUpperCase() : undefined;
    if (freq && freq !== 'WEEKLY' && freq !== 'DAILY') {
      dropped.push({
        field: `${where}.freq`,
        reason: `${freq} schedules are kept as imported but not used for opening hours`,
      });
      return;
    }
    const codes =
      typeof s.byday === 'string' && s.byday.trim() !== ''
        ? s.byday.split(',').map((d) => d.trim().toUpperCase())
        : [];
    const days =
      codes.length === 0 && freq === 'DAILY' ? [...WEEKDAYS] : codes.map((c) => ICAL_DAYS[c]);
    if (days.length === 0 || days.some((d) => !d)) {
      dropped.push({
        field: `${where}.byday`,
        reason: `needs weekdays like "MO,TU", got ${JSON.stringify(s.byday ?? null)}`,
      });
      return;
    }
    if (!opensAt || !closesAt || opensAt === '24:00') {
      dropped.push({ field: `${where}.opens_at`, reason: 'needs opens_at and closes_at as HH:MM' });
      return;
    }
    for (const day of days) weekly.push({ day, opensAt, closesAt });
  });
  weekly.sort(
    (a, b) =>
      WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day) || a.opensAt.localeCompare(b.opensAt),
  );
  const schedule: Schedule = { weekly, closures };
  try {
    validateSchedule(schedule);
  } catch (error) {
    dropped.push({ field, reason: `opening hours left empty: ${(error as Error).message}` });
    return { schedule: { weekly: [], closures: [] }, dropped };
  }
  return { schedule, dropped };
}

/** HSDS schedules for our hours: one weekly entry per distinct opening time, one entry per dated closure. */
export function scheduleToHsds(locationId: string, schedule: Schedule): HsdsSchedule[] {
  const groups = new Map<string, Weekday[]>();
  for (const w of schedule.weekly) {
    const key = `${w.opensAt}-${w.closesAt}`;
    const days = groups.get(key) ?? [];
    if (!days.includes(w.day)) days.push(w.day);
    groups.set(key, days);
  }
  const weekly: HsdsSchedule[] = [...groups].map(([key, days]) => {
    const [opensAt, closesAt] = key.split('-');
    days.sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
    return {
      id: uuidFor(locationId, 'schedule', key),
      location_id: locationId,
      freq: 'WEEKLY',
      byday: days.map((d) => ICAL_OF[d]).join(','),
      opens_at: opensAt,
      closes_at: closesAt,
    };
  });
  const closures: HsdsSchedule[] = schedule.closures.map((c) => ({
    id: uuidFor(locationId, 'closure', c.date),
    location_id: locationId,
    valid_from: c.date,
    valid_to: c.date,
    ...(c.opensAt && c.closesAt ? { opens_at: c.opensAt, closes_at: c.closesAt } : {}),
    ...(c.note ? { description: c.note } : {}),
  }));
  return [...weekly, ...closures];
}
