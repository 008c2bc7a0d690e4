import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localTime } from './local-time';

const ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Phoenix',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'Asia/Kolkata',
  'Europe/Madrid',
  'UTC',
];
// Both sides of a daylight-saving change, a leap day and an instant with milliseconds.
const INSTANTS = [
  '2026-03-08T09:59:59Z',
  '2026-03-08T10:00:00Z',
  '2026-11-01T08:30:00Z',
  '2028-02-29T12:00:00.250Z',
  '2026-12-02T04:00:00Z',
];

describe('localTime', () => {
  it("names the zone at each instant as luxon's own offsetNameShort does", () => {
    for (const zone of ZONES)
      for (const iso of INSTANTS) {
        const at = new Date(iso);
        const luxon = DateTime.fromJSDate(at, { zone });
        expect(localTime(at, zone)?.zoneAbbreviation, `${zone} ${iso}`).toBe(
          luxon.offsetNameShort ?? luxon.toFormat('ZZ'),
        );
      }
  });

  it('gives the wall clock, offset and abbreviation on both sides of a change', () => {
    expect(localTime(new Date('2026-03-08T09:59:59Z'), 'America/Los_Angeles')).toMatchObject({
      local: '2026-03-08T01:59:59-08:00',
      utcOffset: '-08:00',
      zoneAbbreviation: 'PST',
      date: '2026-03-08',
      time: '01:59',
    });
    expect(localTime(new Date('2026-03-08T10:00:00Z'), 'America/Los_Angeles')).toMatchObject({
      local: '2026-03-08T03:00:00-07:00',
      utcOffset: '-07:00',
      zoneAbbreviation: 'PDT',
    });
  });

  it('answers null for no instant or a zone nobody knows', () => {
    expect(localTime(null, 'America/Los_Angeles')).toBeNull();
    expect(localTime(new Date(), 'Mars/Olympus_Mons')).toBeNull();
  });
});
