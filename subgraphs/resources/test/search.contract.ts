/**
 * The contract every search engine keeps, as one suite: `searchContract(name, makeEngine)` runs it
 * against an engine built on a fresh resources database. Postgres runs it always; Meilisearch when
 * MEILI_HOST is set (see subgraphs/resources/test/search-contract.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../kit/identity';
import type { MikroORM } from '../../kit/orm';
import { startResources, type TestSubgraph } from '../../../test/support/stack';
import { CategoryService } from '../category/category.service';
import { Location } from '../location/location.entity';
import { WEEKDAYS, type Schedule, type Weekday } from '../location/schedule';
import { Organization } from '../organization/organization.entity';
import { Capacity } from '../resource/capacity.entity';
import { totalCapacity } from '../resource/site-capacity';
import { SiteCapacity } from '../resource/site-capacity.entity';
import { Resource } from '../resource/resource.entity';
import { Insurance, Population, ResourceStatus } from '../resource/resource.enums';
import { haversineKm } from '../search/meili-request';
import type { ResourceSearchInput } from '../search/search.inputs';
import { COUNT_WINDOW, type ResourceSearch } from '../search/search.port';
import { SearchService, type SearchPage, type SearchWants } from '../search/search.service';
import { SearchSort } from '../search/search.types';

export interface EngineUnderTest {
  engine: ResourceSearch;
  dispose(): Promise<void>;
}

const MONDAY_TO_FRIDAY = WEEKDAYS.slice(0, 5);
const hours = (
  days: readonly Weekday[],
  opensAt: string,
  closesAt: string,
  closures: Schedule['closures'] = [],
): Schedule => ({
  weekly: days.map((day) => ({ day, opensAt, closesAt })),
  closures,
});

/** Wednesday 25 November 2026, 11:00 in Oakland (PST). */
export const NOW = new Date('2026-11-25T19:00:00.000Z');
const OAKLAND = { lat: 37.8044, lng: -122.2712 };
const RECENT = new Date('2026-10-01T00:00:00.000Z');

interface Place {
  name: string;
  lat: number | null;
  lng: number | null;
  schedule: Schedule;
}

const PLACES = {
  downtown: {
    name: 'Downtown Hub',
    lat: 37.8005,
    lng: -122.2705,
    schedule: hours(MONDAY_TO_FRIDAY, '09:00', '17:00'),
  },
  harbor: {
    name: 'Harbor House',
    lat: 37.812,
    lng: -122.29,
    schedule: hours(WEEKDAYS, '19:00', '07:00'),
  },
  fruitvale: {
    name: 'Fruitvale Site',
    lat: 37.775,
    lng: -122.224,
    schedule: hours(WEEKDAYS, '00:00', '24:00'),
  },
  sacramento: {
    name: 'Sacramento Clinic',
    lat: 38.5816,
    lng: -121.4944,
    schedule: hours(MONDAY_TO_FRIDAY, '08:00', '17:00', [
      { date: '2026-11-25', note: 'Staff training' },
    ]),
  },
  meals: {
    name: 'Kitchen',
    lat: 37.806,
    lng: -122.268,
    schedule: hours(WEEKDAYS, '11:30', '13:30'),
  },
  holiday: {
    name: 'Holiday Depot',
    lat: 37.79,
    lng: -122.24,
    schedule: hours(['MONDAY'], '09:00', '10:00', [
      { date: '2026-11-25', opensAt: '10:00', closesAt: '12:00' },
    ]),
  },
  quarter: {
    name: 'Law Office',
    lat: 37.803,
    lng: -122.275,
    schedule: hours(['WEDNESDAY'], '11:15', '12:00'),
  },
  berkeley: {
    name: 'Berkeley Annex',
    lat: 37.8716,
    lng: -122.2727,
    schedule: hours(WEEKDAYS, '00:00', '24:00'),
  },
} satisfies Record<string, Place>;

type PlaceKey = keyof typeof PLACES;

interface Listing {
  name: string;
  description?: string;
  categories: string[];
  at: PlaceKey[];
  populations?: Population[];
  languages?: string[];
  insurance?: Insurance[];
  minimumAge?: number;
  maximumAge?: number;
  acceptsReferrals?: boolean;
  /** Open beds at each of its places (the same at every one), or per place. */
  capacity?: number | Partial<Record<PlaceKey, number>>;
  status?: ResourceStatus;
  verified?: Date;
}

const LISTINGS = {
  pantry: {
    name: 'Eastside Food Pantry',
    categories: ['food-pantry'],
    at: ['downtown'],
    populations: [Population.FAMILIES],
    languages: ['en', 'es'],
  },
  nightShelter: {
    name: 'Harbor Night Shelter',
    categories: ['emergency-shelter'],
    at: ['harbor'],
    populations: [Population.PEOPLE_LEAVING_JAIL, Population.PEOPLE_EXPERIENCING_HOMELESSNESS],
    languages: ['en', 'es'],
    acceptsReferrals: true,
    minimumAge: 18,
    capacity: 5,
    verified: new Date('2024-06-01T00:00:00.000Z'),
  },
  fullShelter: {
    name: 'Full House Shelter',
    categories: ['emergency-shelter'],
    at: ['fruitvale', 'berkeley'],
    // Full in Fruitvale, beds in Berkeley: capacity is per site.
    capacity: { fruitvale: 0, berkeley: 3 },
    languages: ['en'],
  },
  mat: {
    name: 'Bridge Clinic',
    description: 'Same-day buprenorphine starts.',
    categories: ['medication-for-addiction-treatment'],
    at: ['sacramento'],
    insurance: [Insurance.MEDI_CAL],
    languages: ['en'],
  },
  meals: {
    name: 'Café Niño Community Meals',
    categories: ['meals'],
    at: ['meals'],
    languages: ['es'],
  },
  holidayPantry: {
    name: 'Holiday Grocery Distribution',
    categories: ['food-bank'],
    at: ['holiday'],
    languages: ['en'],
  },
  legal: {
    name: 'Quarter Past Legal Aid',
    categories: ['legal-aid'],
    at: ['quarter'],
    languages: ['en'],
  },
  withdrawal: {
    name: 'Withdrawal Management Unit',
    description: 'Medically supervised withdrawal management, 24 hours.',
    categories: ['substance-use-treatment'],
    at: ['fruitvale'],
    minimumAge: 18,
    maximumAge: 64,
    languages: ['en', 'vi', 'yue'],
  },
  jobs: {
    name: 'Westside Job Center',
    categories: ['job-placement'],
    at: ['downtown'],
    languages: ['en', 'zh'],
    acceptsReferrals: true,
  },
  crisisLine: { name: '24/7 Crisis Line', categories: ['crisis'], at: [], languages: ['en', 'es'] },
  hidden: {
    name: 'Hidden Shelter',
    categories: ['emergency-shelter'],
    at: ['downtown'],
    status: ResourceStatus.INACTIVE,
  },
} satisfies Record<string, Listing>;

type ListingKey = keyof typeof LISTINGS;

/** Creates the contract's directory through the ORM, as partners' edits would. */
async function createDirectory(
  orm: MikroORM,
): Promise<{ ids: Record<ListingKey, string>; placeIds: Record<PlaceKey, string> }> {
  const em = orm.em.fork();
  const organization = em.create(Organization, { name: 'Contract Test Collective' });
  const places = Object.fromEntries(
    Object.entries(PLACES).map(([key, p]) => [
      key,
      em.create(Location, {
        organization,
        name: p.name,
        latitude: p.lat,
        longitude: p.lng,
        timeZone: 'America/Los_Angeles',
        schedule: p.schedule,
      }),
    ]),
  ) as Record<PlaceKey, Location>;
  const ids = {} as Record<ListingKey, string>;
  for (const [key, l] of Object.entries(LISTINGS) as [ListingKey, Listing][]) {
    const resource = em.create(Resource, {
      organization,
      name: l.name,
      description: l.description ?? null,
      status: l.status ?? ResourceStatus.ACTIVE,
      categoryIds: l.categories,
      populations: l.populations ?? [],
      languages: l.languages ?? ['en'],
      insurance: l.insurance ?? [],
      minimumAge: l.minimumAge ?? null,
      maximumAge: l.maximumAge ?? null,
      acceptsReferrals: l.acceptsReferrals ?? false,
      lastVerifiedAt: l.verified ?? RECENT,
    });
    for (const p of l.at) resource.locations.add(places[p]);
    if (l.capacity !== undefined) {
      const count = l.capacity;
      const beds = (available: number) =>
        Object.assign(new Capacity(), { unit: 'beds', available, maximum: 20, updatedAt: RECENT });
      const perSite = l.at.map((p) => ({
        location: places[p],
        capacity: beds(typeof count === 'number' ? count : (count[p] ?? 0)),
      }));
      for (const site of perSite) em.create(SiteCapacity, { resource, ...site });
      resource.capacity = totalCapacity(perSite.map((site) => site.capacity));
    }
    ids[key] = resource.id;
  }
  await em.flush();
  const placeIds = Object.fromEntries(
    Object.entries(places).map(([key, place]) => [key, place.id]),
  ) as Record<PlaceKey, string>;
  return { ids, placeIds };
}

export function searchContract(
  name: string,
  makeEngine: (resources: TestSubgraph) => Promise<EngineUnderTest>,
): void {
  describe(`search contract: ${name}`, () => {
    let resources: TestSubgraph;
    let underTest: EngineUnderTest;
    let ids: Record<ListingKey, string>;
    let placeIds: Record<PlaceKey, string>;
    let names: Map<string, ListingKey>;

    beforeAll(async () => {
      resources = await startResources();
      ({ ids, placeIds } = await createDirectory(resources.orm));
      names = new Map(Object.entries(ids).map(([k, id]) => [id, k as ListingKey]));
      underTest = await makeEngine(resources);
      await underTest.engine.rebuild();
    });
    afterAll(async () => {
      await underTest?.dispose();
      await resources?.stop();
    });

    const service = () => {
      const em = resources.orm.em.fork();
      return new SearchService(
        Promise.resolve(underTest.engine),
        new CategoryService(em),
        ANONYMOUS,
        em.getConnection().getKnex(),
      );
    };
    const search = (
      input: ResourceSearchInput,
      wants: SearchWants = { total: true, facets: true, hints: true },
    ) => service().search(input, wants, NOW);
    const hints = (page: SearchPage) =>
      Object.fromEntries(page.hints.map((h) => [h.filter, h.count]));
    const keys = (page: SearchPage) => [...new Set(page.hits.map((h) => names.get(h.resourceId)!))];
    const sorted = (page: SearchPage) => keys(page).sort();

    it('forgives typos: "fod pantry" finds the food pantry', async () => {
      expect(keys(await search({ text: 'fod pantry' }))).toContain('pantry');
    });

    it('ignores accents both ways', async () => {
      expect(keys(await search({ text: 'cafe nino' }))).toContain('meals');
      expect(keys(await search({ text: 'Café' }))).toContain('meals');
    });

    it('knows the synonyms peers type', async () => {
      expect(sorted(await search({ text: 'food bank' }))).toEqual(
        expect.arrayContaining(['holidayPantry', 'pantry']),
      );
      expect(keys(await search({ text: 'detox' }))).toContain('withdrawal');
      expect(keys(await search({ text: 'MAT' }))).toContain('mat');
      expect(sorted(await search({ text: 'emergency housing' }))).toEqual(
        expect.arrayContaining(['fullShelter', 'nightShelter']),
      );
      expect(keys(await search({ text: 'employment' }))).toContain('jobs');
    });

    it('finds only what is within the radius, with great-circle distances, nearest first', async () => {
      const page = await search({ near: OAKLAND, radiusKm: 10, first: 50 });
      expect(keys(page)).not.toContain('mat');
      expect(keys(page)).not.toContain('crisisLine');
      const distances = page.hits.map((h) => h.distanceKm!);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      for (const hit of page.hits) {
        const place = Object.values(PLACES).find(
          (p) =>
            hit.distanceKm !== null &&
            Math.abs(haversineKm(OAKLAND, { lat: p.lat, lng: p.lng }) - hit.distanceKm) /
              Math.max(hit.distanceKm, 0.01) <
              0.005,
        );
        expect(place, `distance ${hit.distanceKm} matches a place within 0.5%`).toBeDefined();
        expect(hit.distanceKm!).toBeLessThanOrEqual(10);
      }
      const far = await search({ near: OAKLAND, radiusKm: 150, categories: ['clinics'] });
      const sac = far.hits.find((h) => names.get(h.resourceId) === 'mat')!;
      const exact = haversineKm(OAKLAND, {
        lat: PLACES.sacramento.lat,
        lng: PLACES.sacramento.lng,
      });
      expect(Math.abs(sac.distanceKm! - exact) / exact).toBeLessThan(0.005);
    });

    it('draws the radius at the great-circle distance where the nearest listing is just beyond it', async () => {
      // North of Sacramento the nearest listing is the clinic there: a radius a little short of it
      // finds nothing at all (every candidate of the search box is further), a little past it finds it.
      const north = { lat: PLACES.sacramento.lat + 0.3, lng: PLACES.sacramento.lng + 0.05 };
      const exact = haversineKm(north, { lat: PLACES.sacramento.lat, lng: PLACES.sacramento.lng });
      const short = await search({ near: north, radiusKm: exact - 0.05 });
      expect(short.hits).toEqual([]);
      expect(short.totalCount).toBe(0);
      const past = await search({ near: north, radiusKm: exact + 0.05 });
      expect(past.hits.map((h) => names.get(h.resourceId))).toContain('mat');
    });

    it('gives one hit per resource at each location', async () => {
      const page = await search({ text: 'Full House Shelter' });
      const hits = page.hits.filter((h) => h.resourceId === ids.fullShelter);
      expect(hits).toHaveLength(2);
      expect(new Set(hits.map((h) => h.locationId)).size).toBe(2);
    });

    it('counts beds per site: a shelter full at one site is found with beds only at the other', async () => {
      const withBeds = await search({ hasCapacity: true, text: 'Full House Shelter' });
      const hits = withBeds.hits.filter((h) => h.resourceId === ids.fullShelter);
      expect(hits.map((h) => h.locationId)).toEqual([placeIds.berkeley]);
      const full = await search({ hasCapacity: false, text: 'Full House Shelter' });
      expect(
        full.hits.filter((h) => h.resourceId === ids.fullShelter).map((h) => h.locationId),
      ).toEqual([placeIds.fruitvale]);
    });

    it('lets a parent category match its children, at any depth', async () => {
      expect(sorted(await search({ categories: ['food'], first: 50 }))).toEqual([
        'holidayPantry',
        'meals',
        'pantry',
      ]);
      expect(sorted(await search({ categories: ['housing'], first: 50 }))).toEqual([
        'fullShelter',
        'nightShelter',
      ]);
      expect(sorted(await search({ categories: ['clinics'], first: 50 }))).toEqual([
        'mat',
        'withdrawal',
      ]);
    });

    it('answers "open now" exactly: overnight, 24/7, holiday closures, special hours, quarter hours', async () => {
      const page = await search({ openNow: true, first: 50 });
      expect(sorted(page)).toEqual([
        'fullShelter',
        'holidayPantry',
        'jobs',
        'pantry',
        'withdrawal',
      ]);
      expect(page.totalCount).toBe(page.hits.length);
      const open = page.facets
        .find((f) => f.field === 'OPEN_NOW')!
        .values.find((v) => v.value === 'true');
      expect(open?.count).toBe(page.totalCount);
    });

    it('answers "open at" a local time, a date and time, or an instant, in each place\'s zone', async () => {
      // Wednesday 20:00 in Oakland: the overnight shelter and the 24/7 places.
      expect(sorted(await search({ openAt: '20:00', first: 50 }))).toEqual([
        'fullShelter',
        'nightShelter',
        'withdrawal',
      ]);
      // 11:45 today: regular hours, special holiday hours, a quarter-hour opening; not the closure.
      expect(sorted(await search({ openAt: '2026-11-25T11:45', first: 50 }))).toEqual([
        'fullShelter',
        'holidayPantry',
        'jobs',
        'legal',
        'meals',
        'pantry',
        'withdrawal',
      ]);
      // Thursday 09:30 Pacific, given as an instant: the clinic is back after today's closure.
      const thursday = await search({ openAt: '2026-11-26T17:30:00Z', first: 50 });
      expect(sorted(thursday)).toEqual(['fullShelter', 'jobs', 'mat', 'pantry', 'withdrawal']);
      expect(thursday.totalCount).toBe(thursday.hits.length);
    });

    it('answers "open until": open at any moment from now to the next 06:00 ("open tonight")', async () => {
      expect(sorted(await search({ openUntil: '06:00', first: 50 }))).toEqual([
        'fullShelter',
        'holidayPantry',
        'jobs',
        'legal',
        'meals',
        'nightShelter',
        'pantry',
        'withdrawal',
      ]);
      // To the minute: the 11:15 opening is outside "until 11:10", inside "until 11:20".
      const soon = ['fullShelter', 'holidayPantry', 'jobs', 'pantry', 'withdrawal'];
      expect(sorted(await search({ openUntil: '11:10', first: 50 }))).toEqual(soon);
      expect(sorted(await search({ openUntil: '11:20', first: 50 }))).toEqual(
        [...soon, 'legal'].sort(),
      );
      expect(
        sorted(await search({ openUntil: '06:00', categories: ['housing'], hasCapacity: true })),
      ).toEqual(['fullShelter', 'nightShelter']);
    });

    it('when nothing matches, says how many each filter dropped would find', async () => {
      const nothing = await search({ hasCapacity: true, languages: ['vi'] });
      expect(nothing.hits).toEqual([]);
      expect(hints(nothing)).toEqual({ HAS_CAPACITY: 1, LANGUAGES: 2 });
      // The clinic with Medi-Cal is 110 km away and closed today (a holiday closure).
      const far = await search({
        near: OAKLAND,
        radiusKm: 100,
        categories: ['clinics'],
        insurance: [Insurance.MEDI_CAL],
        openNow: true,
      });
      expect(far.totalCount).toBe(0);
      expect(hints(far)).toEqual({ NEAR: 0, CATEGORIES: 0, INSURANCE: 1, OPEN_NOW: 0 });
      expect(far.hints[0]).toEqual({
        filter: 'INSURANCE',
        count: 1,
        countExact: true,
        radiusKm: null,
      });
      const closed = await search({
        near: OAKLAND,
        radiusKm: 100,
        insurance: [Insurance.MEDI_CAL],
      });
      expect(closed.hints).toEqual(
        [
          { filter: 'NEAR', count: 1, countExact: true, radiusKm: 200 },
          { filter: 'INSURANCE', count: 9, countExact: true, radiusKm: null },
        ].sort((a, b) => b.count - a.count),
      );
      expect(
        hints(
          await search({
            openUntil: '06:00',
            categories: ['clinics'],
            insurance: [Insurance.MEDI_CAL],
          }),
        ),
      ).toEqual({ OPEN_AT_OR_UNTIL: 1, CATEGORIES: 0, INSURANCE: 1 });
      // Something matched: no hints, and no counts spent on them.
      expect((await search({ languages: ['vi'] })).hints).toEqual([]);
    });

    it('says when a closed place opens next, and marks stale listings', async () => {
      const page = await search({ first: 50 });
      const hit = (key: ListingKey) => page.hits.find((h) => h.resourceId === ids[key])!;
      expect(hit('meals')).toMatchObject({
        openNow: false,
        nextOpenAt: new Date('2026-11-25T19:30:00.000Z'),
      });
      expect(hit('legal')).toMatchObject({
        openNow: false,
        nextOpenAt: new Date('2026-11-25T19:15:00.000Z'),
      });
      expect(hit('nightShelter')).toMatchObject({
        openNow: false,
        nextOpenAt: new Date('2026-11-26T03:00:00.000Z'),
        stale: true,
      });
      expect(hit('pantry')).toMatchObject({ openNow: true, nextOpenAt: null, stale: false });
      expect(hit('crisisLine')).toMatchObject({
        locationId: null,
        distanceKm: null,
        openNow: false,
      });
    });

    it('filters by capacity, population, language, insurance, age and referrals', async () => {
      expect(sorted(await search({ hasCapacity: true }))).toEqual(['fullShelter', 'nightShelter']);
      expect(sorted(await search({ populations: [Population.PEOPLE_LEAVING_JAIL] }))).toEqual([
        'nightShelter',
      ]);
      expect(sorted(await search({ languages: ['vi'] }))).toEqual(['withdrawal']);
      expect(sorted(await search({ insurance: [Insurance.MEDI_CAL] }))).toEqual(['mat']);
      expect(keys(await search({ age: 70, categories: ['clinics'] }))).toEqual(['mat']);
      expect(sorted(await search({ acceptsReferrals: true }))).toEqual(['jobs', 'nightShelter']);
    });

    it('matches a language by its 639-1 or 639-3 code, and a macrolanguage to its members', async () => {
      expect(sorted(await search({ languages: ['spa'] }))).toEqual(
        sorted(await search({ languages: ['es'] })),
      );
      expect(sorted(await search({ languages: ['VIE'] }))).toEqual(['withdrawal']);
      // "Chinese" finds Cantonese; Cantonese finds a listing that says only "Chinese".
      expect(sorted(await search({ languages: ['zho'] }))).toEqual(['jobs', 'withdrawal']);
      expect(sorted(await search({ languages: ['yue'] }))).toEqual(['jobs', 'withdrawal']);
      // Mandarin is not Cantonese: only the listing that says "Chinese" may speak it.
      expect(sorted(await search({ languages: ['cmn'] }))).toEqual(['jobs']);
    });

    it('combines text, place, category, hours and capacity: the peer on the phone', async () => {
      const page = await search({
        text: 'shelter',
        near: OAKLAND,
        radiusKm: 25,
        categories: ['housing'],
        languages: ['es'],
        hasCapacity: true,
      });
      expect(keys(page)).toEqual(['nightShelter']);
    });

    it('never shows unpublished listings', async () => {
      const page = await search({ text: 'Hidden Shelter', first: 50 });
      expect(keys(page)).not.toContain('hidden');
      expect(keys(await search({ first: 50 }))).not.toContain('hidden');
    });

    it('counts facets over every page', async () => {
      const page = await search({ first: 1 });
      const facet = (field: string) =>
        Object.fromEntries(
          page.facets.find((f) => f.field === field)!.values.map((v) => [v.value, v.count]),
        );
      expect(page.totalCount).toBe(11);
      expect(facet('CATEGORY')).toMatchObject({
        food: 3,
        housing: 3,
        'emergency-shelter': 3,
        clinics: 2,
      });
      expect(facet('LANGUAGE')).toMatchObject({ es: 4, vi: 1 });
      expect(facet('HAS_CAPACITY')).toMatchObject({ true: 2, false: 9 });
      expect(facet('OPEN_NOW')).toMatchObject({ true: 6, false: 5 });
    });

    it('pages with cursors: no hit twice, none missed', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let i = 0; i < 10; i++) {
        const page: SearchPage = await search({ first: 3, after }, { total: true, facets: false });
        total = page.totalCount!;
        seen.push(...page.hits.map((h) => h.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
    });

    it('sorts by relevance when there is text: the name match comes first', async () => {
      const page = await search({ text: 'Harbor Night Shelter', near: OAKLAND });
      expect(keys(page)[0]).toBe('nightShelter');
    });
  });

  describe(`search contract: ${name}, more matches than it counts`, () => {
    const CROWD = COUNT_WINDOW + 5;
    let resources: TestSubgraph;
    let underTest: EngineUnderTest;

    beforeAll(async () => {
      resources = await startResources();
      // One pantry at a line of places about 11 m apart going north from Oakland: the n-th is the
      // n-th nearest to OAKLAND.
      const em = resources.orm.em.fork();
      const organization = em.create(Organization, { name: 'Crowded Collective' });
      const resource = em.create(Resource, {
        organization,
        name: 'Crowded Pantry',
        categoryIds: ['food-pantry'],
        languages: ['es'],
        lastVerifiedAt: RECENT,
      });
      for (let i = 0; i < CROWD; i++) {
        resource.locations.add(
          em.create(Location, {
            organization,
            name: `Stop ${i}`,
            latitude: OAKLAND.lat + i * 0.0001,
            longitude: OAKLAND.lng,
            timeZone: 'America/Los_Angeles',
            schedule: hours(WEEKDAYS, '00:00', '24:00'),
          }),
        );
      }
      await em.flush();
      underTest = await makeEngine(resources);
      await underTest.engine.rebuild();
    }, 120_000);
    afterAll(async () => {
      await underTest?.dispose();
      await resources?.stop();
    });

    const search = (input: ResourceSearchInput, wants = { total: true, facets: true }) => {
      const em = resources.orm.em.fork();
      return new SearchService(
        Promise.resolve(underTest.engine),
        new CategoryService(em),
        ANONYMOUS,
        em.getConnection().getKnex(),
      ).search(input, wants, NOW);
    };
    /** Which stop a hit is: 0.0001° of latitude is 11.1195 m. */
    const stop = (hit: { distanceKm: number | null }) =>
      Math.round((hit.distanceKm ?? NaN) / 0.0111195);

    it('counts up to the window and says there are more; facets count the same hits', async () => {
      const page = await search({ near: OAKLAND, first: 5 });
      expect(page.totalCount).toBe(COUNT_WINDOW);
      expect(page.totalCountExact).toBe(false);
      const facet = (field: string) =>
        Object.fromEntries(
          page.facets.find((f) => f.field === field)!.values.map((v) => [v.value, v.count]),
        );
      expect(facet('CATEGORY')['food-pantry']).toBe(COUNT_WINDOW);
      expect(facet('LANGUAGE').es).toBe(COUNT_WINDOW);
      expect(facet('OPEN_NOW').true).toBe(COUNT_WINDOW);
    });

    it('counts exactly below the window', async () => {
      const page = await search({ near: OAKLAND, radiusKm: 1, first: 5 });
      const within = Array.from({ length: CROWD }, (_, i) =>
        haversineKm(OAKLAND, { lat: OAKLAND.lat + i * 0.0001, lng: OAKLAND.lng }),
      ).filter((km) => km <= 1).length;
      expect(page.totalCountExact).toBe(true);
      expect(page.totalCount).toBe(within);
    });

    it('gives the nearest first, in order, however deep the page', async () => {
      const first = await search({ near: OAKLAND, sort: SearchSort.DISTANCE, first: 10 });
      expect(first.hits.map(stop)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const seen: number[] = [];
      let after: string | null = null;
      for (let i = 0; i < 30; i++) {
        const page: SearchPage = await search(
          { near: OAKLAND, sort: SearchSort.DISTANCE, first: 50, after },
          { total: false, facets: false },
        );
        seen.push(...page.hits.map(stop));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      // Paging goes as deep as the window and one page beyond, each place once, nearest first.
      expect(seen.length).toBeGreaterThanOrEqual(COUNT_WINDOW);
      expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i));
    });
  });
}
