/**
 * "Open at" and "open tonight": whether a place is open at a given time, or at any time between now
 * and a given hour, in the place's own time zone. Like "open now", the engines prefilter with the
 * weekly open minutes (Postgres) or slots (Meilisearch) and hand back the few candidates a holiday
 * closure, a partly open slot or a DST change leaves in doubt, which are checked exactly here.
 */
import { DateTime } from 'luxon';
import { BadUserInputError } from '../../kit/errors';
import { isValidTimeZone } from '../location/schedule';
import { exactOpenState } from './open-now';
import type { OpenWindow, WindowZone } from './search.port';
import { SLOT_MINUTES, SLOTS_PER_WEEK } from './search-sql';

const WEEK = 7 * 1440;
/** openUntil looks at most this far ahead (a week of slots covers every weekly hour). */
export const MAX_UNTIL_DAYS = 7;
/** openAt may ask up to two weeks ahead (holiday closures are dated) or a day back. */
export const MAX_AT_DAYS = 14;

/** A time as a client gives it: an instant (with an offset), or a wall-clock time at each place. */
export type When =
  | { kind: 'instant'; at: Date }
  | { kind: 'local'; date: string | null; hour: number; minute: number };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * "20:00" (the next 20:00 at each place), "2026-12-02T20:00" (that wall-clock time at each place),
 * or an instant with its offset ("2026-12-02T20:00:00-08:00", "...Z").
 */
export function parseWhen(value: string, field: string): When {
  const text = value.trim();
  const bad = () =>
    new BadUserInputError(
      'must be a time such as "20:00" (the next 20:00 at each place), a local date and time such as "2026-12-02T20:00", or an instant with its offset such as "2026-12-02T20:00:00-08:00"',
      field,
    );
  const time = TIME.exec(text);
  if (time) return { kind: 'local', date: null, hour: Number(time[1]), minute: Number(time[2]) };
  const local = LOCAL.exec(text);
  if (local) {
    if (!DateTime.fromISO(local[1]).isValid) throw bad();
    return { kind: 'local', date: local[1], hour: Number(local[2]), minute: Number(local[3]) };
  }
  if (INSTANT.test(text)) {
    const at = DateTime.fromISO(text, { setZone: true });
    if (at.isValid) return { kind: 'instant', at: at.toJSDate() };
  }
  throw bad();
}

/** The instant `when` names at a place in `zone` (a bare time: its next occurrence after now). */
export function resolveWhen(when: When, zone: string, now: Date): Date {
  if (when.kind === 'instant') return when.at;
  const today = DateTime.fromJSDate(now, { zone });
  const base = when.date ? DateTime.fromISO(when.date, { zone }) : today;
  let at = base.set({ hour: when.hour, minute: when.minute, second: 0, millisecond: 0 });
  if (!when.date && at.toMillis() <= now.getTime()) at = at.plus({ days: 1 });
  return at.toJSDate();
}

export interface WindowRequest {
  from: When | 'now';
  to: When | 'now' | null;
}

function minuteOfWeek(local: DateTime): number {
  return (local.weekday - 1) * 1440 + local.hour * 60 + local.minute;
}

/** [start, start + length) on a circle of `period` (the week), as one or two plain ranges. */
function wrap(start: number, length: number, period: number): [number, number][] {
  if (length >= period) return [[0, period]];
  const from = ((start % period) + period) % period;
  const end = from + length;
  return end <= period
    ? [[from, end]]
    : [
        [from, period],
        [0, end - period],
      ];
}

/** Per zone, the window as the engines filter it; throws BAD_USER_INPUT naming `field` when out of range. */
export function planWindow(
  timeZones: readonly string[],
  request: WindowRequest,
  now: Date,
  field: string,
): OpenWindow {
  const zones: WindowZone[] = [];
  for (const timeZone of new Set(timeZones)) {
    if (!isValidTimeZone(timeZone)) continue;
    const from = request.from === 'now' ? now : resolveWhen(request.from, timeZone, now);
    const to =
      request.to === null
        ? from
        : request.to === 'now'
          ? now
          : resolveWhen(request.to, timeZone, now);
    const ahead = (to.getTime() - now.getTime()) / 86_400_000;
    if (request.to !== null) {
      if (to.getTime() <= from.getTime())
        throw new BadUserInputError('must be later than now', field);
      if (ahead > MAX_UNTIL_DAYS)
        throw new BadUserInputError(`must be at most ${MAX_UNTIL_DAYS} days ahead`, field);
    } else if (ahead > MAX_AT_DAYS || ahead < -1) {
      throw new BadUserInputError(`must be between a day ago and ${MAX_AT_DAYS} days ahead`, field);
    }
    const start = DateTime.fromJSDate(from, { zone: timeZone });
    const end = DateTime.fromJSDate(to, { zone: timeZone });
    const unsure =
      DateTime.fromMillis(from.getTime() - 3_600_000, { zone: timeZone }).offset !==
      DateTime.fromMillis(to.getTime() + 3_600_000, { zone: timeZone }).offset;
    // Across a DST change local minutes and real ones differ by up to an hour: widen by an hour
    // either side, and the exact check settles every candidate.
    const a = minuteOfWeek(start) - (unsure ? 60 : 0);
    const length = Math.round((to.getTime() - from.getTime()) / 60_000) + 1 + (unsure ? 120 : 0);
    const firstSlot = Math.floor((((a % WEEK) + WEEK) % WEEK) / SLOT_MINUTES);
    const lastMinute = (((a + length - 1) % WEEK) + WEEK) % WEEK;
    const lastSlot = Math.floor(lastMinute / SLOT_MINUTES);
    const slotLength =
      length >= WEEK
        ? SLOTS_PER_WEEK
        : ((lastSlot - firstSlot + SLOTS_PER_WEEK) % SLOTS_PER_WEEK) + 1;
    const dates: string[] = [];
    for (let d = start.minus({ days: 1 }).startOf('day'); d <= end; d = d.plus({ days: 1 }))
      dates.push(d.toISODate()!);
    zones.push({
      timeZone,
      from,
      to,
      ranges: wrap(a, length, WEEK),
      slotRanges: wrap(firstSlot, slotLength, SLOTS_PER_WEEK),
      edgeSlots: [...new Set([firstSlot, lastSlot])],
      dates,
      unsure,
    });
  }
  return { zones: zones.sort((x, y) => x.timeZone.localeCompare(y.timeZone)), notOpenIds: [] };
}

/** Exactly: open at some moment of [from, to] (at `from` when they are equal), closures included. */
export function openDuring(
  schedule: unknown,
  timeZone: string | null,
  from: Date,
  to: Date,
): boolean {
  const state = exactOpenState(schedule, timeZone, from);
  if (state.openNow) return true;
  return state.nextOpenAt !== null && state.nextOpenAt.getTime() <= to.getTime();
}
