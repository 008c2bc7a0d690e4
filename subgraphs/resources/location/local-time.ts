import { GraphQLDateTimeISO } from 'graphql-scalars';
import { DateTime } from 'luxon';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    "An instant as the clock on the wall shows it at the place, in the place's time zone: a client shows `time` or `local` as they are and never converts zones.",
})
export class LocalTime {
  @Field(() => GraphQLDateTimeISO, { description: 'The instant, in UTC.' })
  utc!: Date;

  @Field({
    description:
      'ISO 8601 local date and time with its UTC offset, e.g. "2026-12-02T20:00:00-08:00".',
  })
  local!: string;

  @Field({ description: 'IANA time zone of the place, e.g. "America/Los_Angeles".' })
  zone!: string;

  @Field({ description: 'UTC offset at that instant, e.g. "-08:00" (DST included).' })
  utcOffset!: string;

  @Field({ description: 'Short zone name at that instant, e.g. "PST" or "PDT".' })
  zoneAbbreviation!: string;

  @Field({ description: 'Local date, e.g. "2026-12-02".' })
  date!: string;

  @Field({ description: 'Local wall-clock time, 24-hour, e.g. "20:00".' })
  time!: string;
}

/**
 * One formatter per locale and zone, with the options luxon's offsetNameShort builds anew on every
 * call (its parseZoneInfo): constructing an Intl.DateTimeFormat was most of a search page's
 * localTime cost (20 hits, each with nextOpenAtLocal).
 */
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/** The short zone name at the instant ("PST", "PDT"), exactly as luxon's offsetNameShort gives it. */
function zoneAbbreviation(local: DateTime<true>, zone: string): string | null {
  const key = `${local.locale}\u0000${zone}`;
  let format = zoneNameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(local.locale, {
      timeZoneName: 'short',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    });
    zoneNameFormats.set(key, format);
  }
  const part = format
    .formatToParts(local.toJSDate())
    .find((p) => p.type.toLowerCase() === 'timezonename');
  return part ? part.value : null;
}

/** The instant in the zone, or null for no instant (or a zone luxon does not know). */
export function localTime(at: Date | null | undefined, zone: string): LocalTime | null {
  if (!at) return null;
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) return null;
  const offset = local.toFormat('ZZ');
  return {
    utc: at,
    local: local.toISO({ suppressMilliseconds: true }),
    zone,
    utcOffset: offset,
    zoneAbbreviation: zoneAbbreviation(local, zone) ?? offset,
    date: local.toISODate(),
    time: local.toFormat('HH:mm'),
  };
}
