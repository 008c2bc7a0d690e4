import { describe, expect, it } from 'vitest';
import { canonicalLanguage } from '../subgraphs/resources/language/languages';
import { validateSchedule } from '../subgraphs/resources/location/schedule';
import {
  Insurance,
  Population,
  ResourceStatus,
} from '../subgraphs/resources/resource/resource.enums';
import {
  SAMPLE_CATEGORY_IDS,
  SAMPLE_CITIES,
  SAMPLE_LANGUAGES,
  SAMPLE_NOW,
  type SampleOrganization,
  type SampleResource,
  sampleDirectory,
} from './sample-directory';
import { OrganizationKind } from '../subgraphs/resources/organization/organization.enums';

const ALLOWED_CATEGORIES = [
  'housing',
  'food',
  'employment',
  'clinics',
  'emergency-shelter',
  'transitional-housing',
  'recovery-residence',
  'permanent-supportive-housing',
  'food-bank',
  'food-pantry',
  'meals',
  'job-training',
  'job-placement',
  'reentry-employment',
  'primary-care',
  'mental-health',
  'substance-use-treatment',
  'medication-for-addiction-treatment',
  'dental',
  'peer-drop-in',
  'benefits',
  'legal-aid',
  'transportation',
  'clothing-hygiene',
  'crisis',
];
const ALLOWED_LANGUAGES = ['en', 'es', 'zh', 'vi', 'tl', 'ko', 'ru', 'fa', 'hy', 'ar', 'pa'];
const DAY_MS = 86_400_000;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const orgs: SampleOrganization[] = sampleDirectory();
const resources: SampleResource[] = orgs.flatMap((o) => o.resources);
const locations = orgs.flatMap((o) => o.locations);
const locationById = new Map(locations.map((l) => [l.id, l]));

describe('sampleDirectory', () => {
  it('is deterministic for a seed and varies across seeds', () => {
    expect(sampleDirectory({ seed: 1 })).toEqual(orgs);
    expect(sampleDirectory({ seed: 7 })).toEqual(sampleDirectory({ seed: 7 }));
    expect(sampleDirectory({ seed: 2 })).not.toEqual(orgs);
  });

  it('has a realistic size spread over several cities', () => {
    expect(orgs.length).toBeGreaterThanOrEqual(20);
    expect(resources.length).toBeGreaterThanOrEqual(60);
    expect(new Set(locations.map((l) => l.address.city)).size).toBeGreaterThanOrEqual(3);
    for (const org of orgs) {
      expect(org.locations.length).toBeGreaterThan(0);
      // Where people are discharged from may list nothing; everyone else offers something.
      if (!['HOSPITAL', 'JAIL', 'PRISON'].includes(org.kind))
        expect(org.resources.length).toBeGreaterThan(0);
    }
  });

  it('has a county hospital and a county jail, where discharge planners work', () => {
    const settings = orgs.filter((o) => ['HOSPITAL', 'JAIL'].includes(o.kind));
    expect(settings.map((o) => o.kind).sort()).toEqual(['HOSPITAL', 'JAIL']);
    for (const o of settings) {
      expect(o.locations).toHaveLength(1);
      expect(o.description).toMatch(/discharge|re-entry/i);
    }
    expect(orgs.filter((o) => o.kind === OrganizationKind.CLINIC).length).toBeGreaterThan(0);
  });

  it('exports tables consistent with the allowed lists', () => {
    expect([...SAMPLE_CATEGORY_IDS].sort()).toEqual([...ALLOWED_CATEGORIES].sort());
    expect([...SAMPLE_LANGUAGES].sort()).toEqual([...ALLOWED_LANGUAGES].sort());
  });

  it('uses only allowed category ids and language codes', () => {
    for (const r of resources) {
      expect(r.categories.length).toBeGreaterThan(0);
      for (const c of r.categories) expect(ALLOWED_CATEGORIES).toContain(c);
      expect(r.languages.length).toBeGreaterThan(0);
      // Every code is the directory's own spelling of a known language (639-1, else 639-3).
      for (const lang of r.languages) expect(canonicalLanguage(lang)).toBe(lang);
    }
  });

  it('places every location within 0.1° of its city center', () => {
    for (const l of locations) {
      const city = SAMPLE_CITIES.find((c) => c.city === l.address.city);
      expect(city, l.address.city).toBeDefined();
      expect(l.address.region).toBe(city!.county);
      expect(Math.abs(l.latitude - city!.latitude)).toBeLessThan(0.1);
      expect(Math.abs(l.longitude - city!.longitude)).toBeLessThan(0.1);
    }
  });

  it('links every resource only to locations of its own organization', () => {
    for (const org of orgs) {
      const own = new Set(org.locations.map((l) => l.id));
      for (const r of org.resources) {
        expect(r.locationIds.length).toBeGreaterThan(0);
        for (const id of r.locationIds) expect(own.has(id)).toBe(true);
      }
    }
  });

  it('gives every organization, location and resource a unique UUID', () => {
    const ids = [
      ...orgs.map((o) => o.id),
      ...locations.map((l) => l.id),
      ...resources.map((r) => r.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it('has valid schedules, phones, dates and capacities', () => {
    for (const l of locations) expect(() => validateSchedule(l.schedule)).not.toThrow();
    for (const r of resources) {
      if (r.phone !== null) expect(r.phone).toMatch(/^\(\d{3}\) 555-01\d{2}$/);
      const verifiedDaysAgo = (SAMPLE_NOW.getTime() - Date.parse(r.lastVerifiedAt)) / DAY_MS;
      expect(verifiedDaysAgo).toBeGreaterThan(0);
      expect(verifiedDaysAgo).toBeLessThan(700);
      if (r.capacity) {
        const countedHoursAgo =
          (SAMPLE_NOW.getTime() - Date.parse(r.capacity.updatedAt)) / (DAY_MS / 24);
        expect(countedHoursAgo).toBeGreaterThan(0);
        expect(countedHoursAgo).toBeLessThanOrEqual(24 * verifiedDaysAgo);
        expect(r.capacity.available).toBeGreaterThanOrEqual(0);
        if (r.capacity.maximum !== null)
          expect(r.capacity.available).toBeLessThanOrEqual(r.capacity.maximum);
      }
    }
  });

  it('includes an overnight shelter with beds and a 24/7 service', () => {
    const overnightShelter = resources.find(
      (r) =>
        r.categories.includes('emergency-shelter') &&
        r.capacity?.unit === 'beds' &&
        r.locationIds.some((id) =>
          locationById.get(id)!.schedule.weekly.some((h) => h.closesAt < h.opensAt),
        ),
    );
    expect(overnightShelter).toBeDefined();

    const allDay = resources.filter((r) =>
      r.locationIds.some((id) => {
        const weekly = locationById.get(id)!.schedule.weekly;
        return (
          weekly.length === 7 &&
          weekly.every((h) => h.opensAt === '00:00' && h.closesAt === '24:00')
        );
      }),
    );
    expect(allDay.length).toBeGreaterThanOrEqual(2);
    expect(allDay.some((r) => r.categories.includes('crisis'))).toBe(true);
  });

  it('has reentry jobs, Medi-Cal clinics, MAT and holiday hours', () => {
    expect(
      resources.some(
        (r) =>
          r.categories.includes('reentry-employment') &&
          r.populations.includes(Population.PEOPLE_LEAVING_PRISON),
      ),
    ).toBe(true);
    expect(
      resources.some(
        (r) => r.categories.includes('primary-care') && r.insurance.includes(Insurance.MEDI_CAL),
      ),
    ).toBe(true);
    expect(
      resources.some(
        (r) =>
          r.categories.includes('medication-for-addiction-treatment') &&
          r.categories.includes('substance-use-treatment'),
      ),
    ).toBe(true);
    const closures = locations.flatMap((l) => l.schedule.closures);
    expect(closures.some((c) => c.date === '2026-11-26')).toBe(true);
    expect(closures.some((c) => c.date === '2026-12-25' && c.opensAt == null)).toBe(true);
    expect(
      closures.some(
        (c) => c.date === '2026-12-25' && c.opensAt === '10:00' && c.closesAt === '14:00',
      ),
    ).toBe(true);
  });

  it('dates everything from the load time, and only the dates', () => {
    const now = new Date('2027-03-15T04:00:00.000Z');
    const later = sampleDirectory({ now });
    const shift = now.getTime() - SAMPLE_NOW.getTime();
    const laterResources = later.flatMap((o) => o.resources);
    expect(laterResources.map((r) => r.id)).toEqual(resources.map((r) => r.id));
    laterResources.forEach((r, i) => {
      expect(Date.parse(r.lastVerifiedAt) - Date.parse(resources[i].lastVerifiedAt)).toBe(shift);
      if (r.capacity)
        expect(
          Date.parse(r.capacity.updatedAt) - Date.parse(resources[i].capacity!.updatedAt),
        ).toBe(shift);
    });
    // Closed today is today wherever the sample is loaded (California's date).
    expect(later.flatMap((o) => o.locations).flatMap((l) => l.schedule.closures)).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: '2027-03-14' })]),
    );
  });

  it('looks like the field: most listings fresh, some stale, some full, some closed today', () => {
    const stale = resources.filter(
      (r) => SAMPLE_NOW.getTime() - Date.parse(r.lastVerifiedAt) > 180 * DAY_MS,
    );
    expect(stale.length / resources.length).toBeGreaterThan(0.05);
    expect(stale.length / resources.length).toBeLessThan(0.35);
    const full = resources.filter((r) => r.capacity?.unit === 'beds' && r.capacity.available === 0);
    expect(full.length).toBeGreaterThan(0);
    const closedToday = locations.filter((l) =>
      l.schedule.closures.some((c) => c.date === '2026-11-01' && c.opensAt == null),
    );
    expect(closedToday.length).toBeGreaterThanOrEqual(2);
    expect(
      closedToday.some((l) => l.schedule.weekly.some((h) => h.closesAt < h.opensAt)),
      'an overnight shelter is closed tonight',
    ).toBe(true);
  });

  it('offers, in every city, what someone leaving jail or a hospital needs first', () => {
    const needs: Record<string, string[]> = {
      'a shelter or recovery residence': ['emergency-shelter', 'recovery-residence'],
      food: ['food-pantry', 'food-bank', 'meals'],
      'a clinic': ['primary-care'],
      MAT: ['medication-for-addiction-treatment'],
      'mental health care': ['mental-health'],
      'an employment program': ['reentry-employment', 'job-placement', 'job-training'],
    };
    for (const city of SAMPLE_CITIES) {
      const here = resources.filter(
        (r) =>
          r.status === ResourceStatus.ACTIVE &&
          (r.populations.includes(Population.PEOPLE_LEAVING_JAIL) ||
            r.populations.includes(Population.PEOPLE_LEAVING_HOSPITAL)) &&
          r.locationIds.some((id) => locationById.get(id)!.address.city === city.city),
      );
      for (const [need, categories] of Object.entries(needs))
        expect(
          here.some((r) => r.categories.some((c) => categories.includes(c))),
          `${need} in ${city.city}`,
        ).toBe(true);
    }
  });

  it('speaks Spanish widely and the languages common in each region', () => {
    const spanish = resources.filter((r) => r.languages.includes('es'));
    expect(spanish.length / resources.length).toBeGreaterThan(0.4);
    const inCity = (city: string) =>
      resources
        .filter((r) => r.locationIds.some((id) => locationById.get(id)!.address.city === city))
        .flatMap((r) => r.languages);
    const centralValley = [...inCity('Fresno'), ...inCity('Sacramento')];
    expect(centralValley).toContain('hmn');
    expect(centralValley).toContain('pa');
    for (const city of ['Oakland', 'San Francisco', 'Los Angeles'])
      expect(
        inCity(city).filter((l) => ['vi', 'tl', 'zh', 'yue'].includes(l)).length,
        city,
      ).toBeGreaterThan(0);
    expect(resources.some((r) => r.languages.includes('ase'))).toBe(true);
  });
});
