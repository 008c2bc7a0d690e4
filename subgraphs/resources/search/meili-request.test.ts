import { describe, expect, it } from 'vitest';
import {
  buildSearchRequests,
  buildUnsureRequest,
  buildWindowRequest,
  haversineKm,
  meiliSettings,
  partialSlots,
  quote,
  toMeiliDocument,
  type SourceRow,
  windowFilters,
} from './meili-request';
import { parseWhen, planWindow } from './open-window';
import type { EngineQuery } from './search.port';

function query(overrides: Partial<EngineQuery> = {}): EngineQuery {
  return {
    text: null,
    textGroups: [],
    near: null,
    radiusKm: 25,
    categories: [],
    populations: [],
    languages: [],
    insurance: [],
    age: null,
    openNow: false,
    hasCapacity: null,
    acceptsReferrals: null,
    sort: 'NAME',
    limit: 20,
    offset: 0,
    now: new Date('2026-11-25T19:00:00Z'),
    zones: [],
    notOpenIds: [],
    openWindow: null,
    wantTotal: true,
    wantFacets: false,
    ...overrides,
  };
}

const LA = {
  timeZone: 'America/Los_Angeles',
  slot: 118,
  minute: 3540,
  dates: ['2026-11-25', '2026-11-24'],
  unsure: false,
};

describe('Meilisearch settings', () => {
  it('makes every filter filterable, _geo sortable, and forgives a typo in 3-letter words', () => {
    const settings = meiliSettings();
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining([
        'categories',
        'populations',
        'languages',
        'insurance',
        'minimumAge',
        'maximumAge',
        'hasCapacity',
        'acceptsReferrals',
        'openSlots',
        'closureDates',
        'timeZone',
        '_geo',
      ]),
    );
    expect(settings.sortableAttributes).toContain('_geo');
    expect(settings.synonyms['food bank']).toContain('food pantry');
    expect(settings.typoTolerance.minWordSizeForTypos.oneTypo).toBe(3);
  });
});

describe('buildSearchRequests', () => {
  it('turns every filter into a Meilisearch filter expression', () => {
    const [page] = buildSearchRequests(
      'resources',
      query({
        near: { lat: 37.8, lng: -122.27 },
        radiusKm: 5,
        categories: ['food', 'food-pantry'],
        populations: ['VETERANS'],
        languages: ['es'],
        insurance: ['MEDI_CAL'],
        age: 30,
        hasCapacity: true,
        acceptsReferrals: false,
      }),
    );
    expect(page.filter).toEqual([
      '_geoRadius(37.8, -122.27, 5000)',
      'categories IN ["food", "food-pantry"]',
      'populations IN ["VETERANS"]',
      'languages IN ["es"]',
      'insurance IN ["MEDI_CAL"]',
      '(minimumAge IS NULL OR minimumAge <= 30)',
      '(maximumAge IS NULL OR maximumAge >= 30)',
      'hasCapacity = true',
      'acceptsReferrals = false',
    ]);
  });

  it('sorts nearest first with _geoPoint for DISTANCE, and leaves relevance to the ranking rules', () => {
    const near = { lat: 37.8, lng: -122.27 };
    expect(buildSearchRequests('r', query({ near, sort: 'DISTANCE' }))[0].sort).toEqual([
      '_geoPoint(37.8, -122.27):asc',
    ]);
    expect(
      buildSearchRequests('r', query({ near, text: 'shelter', sort: 'RELEVANCE' }))[0].sort,
    ).toBeUndefined();
    expect(buildSearchRequests('r', query({ sort: 'NAME' }))[0].sort).toEqual(['name:asc']);
  });

  it('filters "open now" by zone slot or closure date, minus the ones found closed by the exact check', () => {
    const [page] = buildSearchRequests(
      'r',
      query({ openNow: true, zones: [LA], notOpenIds: ['a_b'] }),
    );
    expect(page.filter).toEqual([
      'status = "ACTIVE"',
      '((timeZone = "America/Los_Angeles" AND (openSlots = 118 OR closureDates IN ["2026-11-25", "2026-11-24"])))',
      'id NOT IN ["a_b"]',
    ]);
  });

  it('asks for facets and a second count of what is open now, in one multi-search', () => {
    const requests = buildSearchRequests(
      'r',
      query({ wantFacets: true, zones: [LA], limit: 10, offset: 20 }),
    );
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      limit: 11,
      offset: 20,
      facets: ['categories', 'languages', 'populations', 'insurance', 'hasCapacity'],
    });
    expect(requests[1]).toMatchObject({ limit: 0 });
    expect(requests[1].filter).toContain('status = "ACTIVE"');
  });

  it('quotes values so that none can break out of the expression', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

describe('open at / open until', () => {
  const NOW = new Date('2026-11-25T19:00:00Z'); // Wednesday 11:00 in Los Angeles
  const until = (text: string) =>
    planWindow(
      ['America/Los_Angeles'],
      { from: 'now', to: parseWhen(text, 'openUntil') },
      NOW,
      'x',
    );

  it('filters by the slots the window touches or a closure on its dates, minus those found closed', () => {
    const window = until('06:00');
    window.notOpenIds = ['r1_l1'];
    const [page] = buildSearchRequests('resources', query({ openWindow: window }));
    expect(page.filter).toEqual([
      'status = "ACTIVE"',
      '((timeZone = "America/Los_Angeles" AND (openSlots 118 TO 156 OR closureDates IN ["2026-11-24", "2026-11-25", "2026-11-26"])))',
      'id NOT IN ["r1_l1"]',
    ]);
  });

  it('splits a window that wraps past Sunday midnight', () => {
    const sunday = new Date('2026-11-30T06:00:00Z'); // Sunday 22:00 in Los Angeles
    const window = planWindow(
      ['America/Los_Angeles'],
      { from: 'now', to: parseWhen('02:00', 'openUntil') },
      sunday,
      'x',
    );
    expect(window.zones[0].ranges).toEqual([
      [9960, 10080],
      [0, 121],
    ]);
    expect(windowFilters(window)[1]).toContain('openSlots 332 TO 335 OR openSlots 0 TO 4');
  });

  it('checks exactly only partly open edge slots and closures, or the whole zone across DST', () => {
    const request = buildWindowRequest('resources', query({ openWindow: until('06:00') }), 100);
    expect(request.filter.at(-1)).toContain('partialSlots IN [118, 156]');
    const dst = planWindow(
      ['America/Los_Angeles'],
      { from: 'now', to: parseWhen('06:00', 'openUntil') },
      new Date('2026-11-01T07:00:00Z'), // 00:00 PDT, the night the clocks go back
      'x',
    );
    expect(dst.zones[0].unsure).toBe(true);
    const whole = buildWindowRequest('resources', query({ openWindow: dst }), 100);
    expect(whole.filter.at(-1)).not.toContain('partialSlots');
  });
});

describe('buildUnsureRequest', () => {
  it('looks only at partial slots and closures, or the whole zone during a DST change', () => {
    const calm = buildUnsureRequest('r', query({ zones: [LA] }), 100);
    expect(calm.filter.at(-1)).toContain('partialSlots = 118');
    const dst = buildUnsureRequest('r', query({ zones: [{ ...LA, unsure: true }] }), 100);
    expect(dst.filter.at(-1)).not.toContain('partialSlots');
  });
});

describe('documents', () => {
  it('carries _geo, open slots, partial slots and closure dates', () => {
    const schedule = {
      weekly: [{ day: 'MONDAY', opensAt: '09:15', closesAt: '10:00' }],
      closures: [{ date: '2026-12-25' }],
    };
    const row = {
      id: 'r_l',
      resource_id: 'r',
      location_id: 'l',
      organization_id: 'o',
      name: 'N',
      alternate_name: null,
      description: null,
      organization_name: 'O',
      location_name: 'L',
      city: 'Oakland',
      status: 'ACTIVE',
      category_ids: ['food'],
      category_names: 'Food',
      populations: ['VETERANS'],
      languages: ['en'],
      insurance: [],
      minimum_age: null,
      maximum_age: null,
      accepts_referrals: true,
      capacity_available: 2,
      last_verified_at: '2026-10-01T00:00:00Z',
      latitude: 37.8,
      longitude: -122.27,
      time_zone: 'America/Los_Angeles',
      schedule,
      open_slots: [18, 19],
      closure_dates: ['2026-12-25'],
    } satisfies SourceRow;
    expect(toMeiliDocument(row)).toMatchObject({
      _geo: { lat: 37.8, lng: -122.27 },
      hasCapacity: true,
      openSlots: [18, 19],
      partialSlots: [18],
      closureDates: ['2026-12-25'],
      populationNames: 'veterans',
    });
    expect(partialSlots(schedule, [18, 19])).toEqual([18]);
  });

  it('measures great-circle distance', () => {
    // Oakland to Sacramento as the crow flies: about 110 km.
    expect(
      haversineKm({ lat: 37.8044, lng: -122.2712 }, { lat: 38.5816, lng: -121.4944 }),
    ).toBeCloseTo(109.9, 1);
  });
});
