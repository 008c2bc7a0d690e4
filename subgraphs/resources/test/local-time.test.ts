import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createListing } from '../../../test/support/fixtures';
import { localTime } from '../location/local-time';
import { PostgresSearch } from '../search/postgres-search';
import { expectData, useResources } from './harness';

interface Local {
  local: string;
  zone: string;
  utcOffset: string;
  zoneAbbreviation: string;
  date: string;
  time: string;
}

interface LocationTimes {
  location: {
    saturday: Local | null;
    summerSaturday: Local | null;
    closes: Local | null;
    closedNow: Local | null;
  };
}

const LOCATION_TIMES = `query($id: ID!) {
  location(id: $id) {
    saturday: nextOpenAtLocal(at: "2026-11-28T20:00:00Z") { local zone utcOffset zoneAbbreviation date time }
    summerSaturday: nextOpenAtLocal(at: "2026-07-04T20:00:00Z") { local zone utcOffset zoneAbbreviation date time }
    closes: closesAtLocal(at: "2026-11-25T19:00:00Z") { local zone utcOffset zoneAbbreviation date time }
    closedNow: closesAtLocal(at: "2026-11-28T20:00:00Z") { local }
  }
}`;

describe('times on the wall clock of the place', () => {
  const resources = useResources();

  it('gives next opening and closing as local time with the UTC offset of that day (DST included)', async () => {
    const { location } = await createListing(resources().orm);
    const { location: times } = expectData(
      await resources().execute<LocationTimes>(LOCATION_TIMES, { id: location.id }),
    );
    expect(times.saturday).toEqual({
      local: '2026-11-30T09:00:00-08:00',
      zone: 'America/Los_Angeles',
      utcOffset: '-08:00',
      zoneAbbreviation: 'PST',
      date: '2026-11-30',
      time: '09:00',
    });
    expect(times.summerSaturday).toMatchObject({
      local: '2026-07-06T09:00:00-07:00',
      utcOffset: '-07:00',
      zoneAbbreviation: 'PDT',
    });
    expect(times.closes).toMatchObject({ local: '2026-11-25T17:00:00-08:00', time: '17:00' });
    expect(times.closedNow).toBeNull();
  });

  it("gives verified, capacity updated and a search hit's next opening in the place's zone", async () => {
    const { resource } = await createListing(resources().orm, {
      name: 'Wall Clock Shelter',
      // Open only Sunday 03:00-04:00: closed whenever this runs but Sunday night, so it opens next.
      schedule: { weekly: [{ day: 'SUNDAY', opensAt: '03:00', closesAt: '04:00' }], closures: [] },
    });
    await new PostgresSearch(resources().orm.em.getConnection().getKnex()).rebuild();
    const found = await resources().execute<{
      searchResources: { hits: { nextOpenAt: string | null; nextOpenAtLocal: Local | null }[] };
    }>(
      `{ searchResources(input: { text: "Wall Clock Shelter" }) { hits { nextOpenAt nextOpenAtLocal { local zone time } } } }`,
    );
    const [hit] = expectData(found).searchResources.hits;
    if (hit.nextOpenAt) {
      expect(hit.nextOpenAtLocal).toMatchObject({ zone: 'America/Los_Angeles', time: '03:00' });
      expect(new Date(hit.nextOpenAtLocal!.local).getTime()).toBe(
        new Date(hit.nextOpenAt).getTime(),
      );
    } else {
      expect(hit.nextOpenAtLocal).toBeNull();
    }
    const body = await resources().execute<{
      resource: {
        lastVerifiedAt: string | null;
        lastVerifiedAtLocal: Local | null;
        capacity: { updatedAt: string } | null;
        capacityUpdatedAtLocal: Local | null;
      };
    }>(
      `query($id: ID!) { resource(id: $id) { lastVerifiedAt lastVerifiedAtLocal { local zone }
         capacity { updatedAt } capacityUpdatedAtLocal { local zone utcOffset } } }`,
      { id: resource.id },
    );
    const { resource: r } = expectData(body);
    expect(r.capacityUpdatedAtLocal?.zone).toBe('America/Los_Angeles');
    const updated = r.capacityUpdatedAtLocal!;
    // The same instant as the UTC field, written with the place's offset.
    expect(new Date(updated.local).getTime()).toBe(new Date(r.capacity!.updatedAt).getTime());
    expect(updated.local).toMatch(/-0[78]:00$/);
    expect(updated.local.endsWith(updated.utcOffset)).toBe(true);
    if (r.lastVerifiedAt) {
      expect(new Date(r.lastVerifiedAtLocal!.local).getTime()).toBe(
        new Date(r.lastVerifiedAt).getTime(),
      );
    } else {
      expect(r.lastVerifiedAtLocal).toBeNull();
    }
  });
});

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

describe('localTime, the function', () => {
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
