import { describe, expect, it } from 'vitest';
import { validateSchedule } from '../subgraphs/resources/location/schedule';
import { Insurance, Population } from '../subgraphs/resources/resource/resource.enums';
import {
  SAMPLE_CATEGORY_IDS,
  SAMPLE_CITIES,
  SAMPLE_LANGUAGES,
  type SampleOrganization,
  type SampleResource,
  sampleDirectory,
} from './sample-directory';

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
      expect(org.resources.length).toBeGreaterThan(0);
    }
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
      for (const lang of r.languages) expect(ALLOWED_LANGUAGES).toContain(lang);
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
      expect(
        r.lastVerifiedAt >= '2024-11-01T00:00:00.000Z' &&
          r.lastVerifiedAt < '2026-11-01T00:00:00.000Z',
      ).toBe(true);
      if (r.capacity) {
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
});
