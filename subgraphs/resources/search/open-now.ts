import { DateTime } from 'luxon';
import { isValidTimeZone, openState, type OpenState, type Schedule } from '../location/schedule';
import type { OpenNowZone } from './search.port';
import { SLOT_MINUTES } from './search-sql';

/**
 * For each time zone, which weekly slot it is in now and which local dates a holiday closure could
 * touch: enough for an engine to prefilter "open now" with an indexed lookup. The slots are a
 * superset of the open times; engines hand back the few candidates whose answer is not certain
 * (a partly open slot, a closure today or yesterday, a DST change) for an exact check.
 */
export function planOpenNow(timeZones: readonly string[], now: Date): OpenNowZone[] {
  // Every part of the plan depends only on the minute: searches within it share one plan.
  const key = `${Math.floor(now.getTime() / 60_000)}|${timeZones.join(',')}`;
  if (lastPlan?.key !== key) lastPlan = { key, zones: buildPlan(timeZones, now) };
  return lastPlan.zones.map((z) => ({ ...z, dates: [...z.dates] }));
}

let lastPlan: { key: string; zones: OpenNowZone[] } | null = null;

function buildPlan(timeZones: readonly string[], now: Date): OpenNowZone[] {
  const zones: OpenNowZone[] = [];
  for (const timeZone of new Set(timeZones)) {
    if (!isValidTimeZone(timeZone)) continue;
    const local = DateTime.fromJSDate(now, { zone: timeZone });
    const slot =
      (local.weekday - 1) * (1440 / SLOT_MINUTES) +
      Math.floor((local.hour * 60 + local.minute) / SLOT_MINUTES);
    const before = DateTime.fromMillis(now.getTime() - 3_600_000, { zone: timeZone }).offset;
    const after = DateTime.fromMillis(now.getTime() + 3_600_000, { zone: timeZone }).offset;
    zones.push({
      timeZone,
      slot,
      minute: (local.weekday - 1) * 1440 + local.hour * 60 + local.minute,
      dates: [local.toISODate()!, local.minus({ days: 1 }).toISODate()!],
      unsure: before !== after,
    });
  }
  return zones.sort((a, b) => a.timeZone.localeCompare(b.timeZone));
}

const LOOKAHEAD_DAYS = 14;
const DAY_INDEX: Record<string, number> = {
  MONDAY: 0,
  TUESDAY: 1,
  WEDNESDAY: 2,
  THURSDAY: 3,
  FRIDAY: 4,
  SATURDAY: 5,
  SUNDAY: 6,
};

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

interface ZoneNow {
  local: DateTime;
  /** Local dates (YYYY-MM-DD) from yesterday to LOOKAHEAD_DAYS ahead. */
  dates: string[];
}

/** Per zone, for one `now`: a page of hits shares a few zones, so each is worked out once. */
const zonesNow = new Map<string, ZoneNow | null>();
let zonesNowAt = NaN;

/** The local time in the zone, or null when the offset changes within a day of now (DST). */
function zoneAt(timeZone: string, now: Date): ZoneNow | null {
  if (now.getTime() !== zonesNowAt) {
    zonesNow.clear();
    zonesNowAt = now.getTime();
  }
  const known = zonesNow.get(timeZone);
  if (known !== undefined) return known;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).offset;
  const stable =
    local.isValid &&
    offsetAt(now.getTime() - 86_400_000) === local.offset &&
    offsetAt(now.getTime() + 86_400_000) === local.offset;
  const zone = stable
    ? {
        local,
        dates: Array.from({ length: LOOKAHEAD_DAYS + 2 }, (_, i) =>
          new Date(Date.UTC(local.year, local.month - 1, local.day + i - 1))
            .toISOString()
            .slice(0, 10),
        ),
      }
    : null;
  if (local.isValid) zonesNow.set(timeZone, zone);
  return zone;
}

/**
 * openState's answer computed with plain arithmetic on local minutes, holiday closures included, for
 * the common case where that is exact: the zone's UTC offset is the same a day either side of now
 * and at the answer (no DST change in between). Returns null otherwise, and openState decides. A
 * page of hits needs this for every hit, and openState costs milliseconds each (a test checks that
 * the two agree).
 */
export function weeklyOpenState(
  schedule: Schedule,
  timeZone: string,
  now: Date,
): Pick<OpenState, 'openNow' | 'nextOpenAt'> | null {
  const zone = zoneAt(timeZone, now);
  if (!zone) return null;
  const { local } = zone;
  const closures = schedule.closures.length
    ? new Map(schedule.closures.map((c) => [c.date, c]))
    : null;
  const nowMinute =
    local.hour * 60 + local.minute + (local.second * 1000 + local.millisecond) / 60_000;
  const horizon = nowMinute + LOOKAHEAD_DAYS * 1440;
  let open = false;
  let next = Infinity;
  for (let day = -1; day <= LOOKAHEAD_DAYS; day++) {
    const closure = closures?.get(zone.dates[day + 1]);
    const weekday = (((local.weekday - 1 + day) % 7) + 7) % 7;
    const ranges: [string, string][] = closure
      ? closure.opensAt && closure.closesAt
        ? [[closure.opensAt, closure.closesAt]]
        : []
      : schedule.weekly
          .filter((w) => DAY_INDEX[w.day] === weekday)
          .map((w) => [w.opensAt, w.closesAt]);
    for (const [opensAt, closesAt] of ranges) {
      const start = day * 1440 + minutesOf(opensAt);
      const end =
        day * 1440 +
        (minutesOf(closesAt) > minutesOf(opensAt)
          ? minutesOf(closesAt)
          : minutesOf(closesAt) + 1440);
      if (start <= nowMinute && nowMinute < end) open = true;
      if (start > nowMinute && start <= horizon && start < next) next = start;
    }
  }
  if (open) return { openNow: true, nextOpenAt: null };
  if (!Number.isFinite(next)) return { openNow: false, nextOpenAt: null };
  const at = new Date(now.getTime() + (next - nowMinute) * 60_000);
  // A DST change before the next opening moves wall-clock times: leave it to openState. (Within a
  // day of now the offset is known to be the same.)
  if (
    at.getTime() - now.getTime() > 86_400_000 &&
    DateTime.fromMillis(at.getTime(), { zone: timeZone }).offset !== local.offset
  ) {
    return null;
  }
  return { openNow: false, nextOpenAt: at };
}

/** Open now and the next opening: weeklyOpenState where it is exact, else openState. */
export function quickOpenState(
  schedule: Schedule,
  timeZone: string,
  now: Date,
): Pick<OpenState, 'openNow' | 'nextOpenAt'> {
  return weeklyOpenState(schedule, timeZone, now) ?? openState(schedule, timeZone, now);
}

/** The exact answer for one document; a document without a location or schedule is never open. */
export function exactOpenState(
  schedule: unknown,
  timeZone: string | null,
  now: Date,
): Pick<OpenState, 'openNow' | 'nextOpenAt'> {
  if (!schedule || !timeZone) return { openNow: false, nextOpenAt: null };
  try {
    return quickOpenState(schedule as Schedule, timeZone, now);
  } catch {
    // A schedule that no longer validates must not break a search; it is simply not open.
    return { openNow: false, nextOpenAt: null };
  }
}
