/**
 * A deterministic, realistic sample directory for California: shelters, food, job programs,
 * clinics, crisis services and peer-run centers in six cities. Pure data: no I/O, no database,
 * no Math.random or Date.now. All names, street numbers, phones (555-01xx), e-mails and web sites
 * (*.example.org) are fictional; streets, neighborhoods, ZIP codes and coordinates are real.
 */

import {
  type HolidayClosure,
  type Weekday,
  type WeeklyHours,
  WEEKDAYS as DAYS,
} from '../subgraphs/resources/location/schedule';
import {
  Insurance,
  Population,
  ResourceStatus,
} from '../subgraphs/resources/resource/resource.enums';
import { OrganizationKind } from '../subgraphs/resources/organization/organization.enums';
import { Dice } from './dice';
import {
  ARCHETYPES,
  CITY_WEIGHTS,
  LOCATION_DETAILS,
  MORE_CITIES,
  ORGANIZATION_NAMES,
  SAMPLE_CATEGORY_IDS,
  SAMPLE_CITIES,
  SAMPLE_LANGUAGES,
  SERVICES,
  type Archetype,
  type HoursKind,
  type SampleCity,
  type SampleNeighborhood,
  type ServiceTemplate,
} from './sample-data';

// The tables are data (seed/data/, loaded by sample-data.ts); these are the ones others read.
export {
  SAMPLE_CATEGORY_IDS,
  SAMPLE_CITIES,
  SAMPLE_LANGUAGES,
  type SampleCity,
  type SampleNeighborhood,
};

export type SampleHours = WeeklyHours; // 'HH:MM'; closesAt may be '24:00'; closesAt < opensAt means past midnight
export type SampleClosure = HolidayClosure; // YYYY-MM-DD
export interface SampleLocation {
  id: string; // UUID
  name: string;
  description: string | null;
  address: {
    address1: string;
    address2: string | null;
    city: string;
    region: string | null /* county, e.g. 'Alameda County' */;
    stateProvince: 'CA';
    postalCode: string;
    country: 'US';
  };
  latitude: number;
  longitude: number; // real coordinates inside the named city
  timeZone: 'America/Los_Angeles';
  accessibility: string | null;
  transitNotes: string | null;
  schedule: { weekly: SampleHours[]; closures: SampleClosure[] };
}
export interface SampleResource {
  id: string; // UUID
  name: string;
  alternateName: string | null;
  description: string;
  url: string | null;
  email: string | null;
  phone: string | null; // phone like '(510) 555-0142'
  status: Exclude<ResourceStatus, ResourceStatus.DEFUNCT>;
  categories: string[]; // category ids from SAMPLE_CATEGORY_IDS
  populations: Population[];
  insurance: Insurance[];
  languages: string[]; // ISO 639-1 when the language has a code there ('en', 'es', 'zh'), else ISO 639-3 ('hmn', 'ase')
  minimumAge: number | null;
  maximumAge: number | null;
  eligibilityDescription: string | null;
  feesDescription: string | null;
  applicationProcess: string | null;
  requiredDocuments: string[];
  acceptsReferrals: boolean;
  capacity: { unit: string; available: number; maximum: number | null; updatedAt: string } | null;
  lastVerifiedAt: string; // ISO instant before `now`: most within four months, some stale (over 180 days)
  locationIds: string[]; // ids of this organization's locations where it is offered
}
export interface SampleOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  alternateName: string | null;
  description: string;
  email: string | null;
  website: string | null;
  phone: string | null;
  locations: SampleLocation[];
  resources: SampleResource[];
}

const WEEKDAYS = DAYS.slice(0, 5);

/**
 * The load time when none is given. Dates are relative to it and nothing else is (ids, names and
 * counts are the same at any load time), so the demo accounts made from sampleDirectory() name
 * the organizations `npm start` loads with today's dates.
 */
export const SAMPLE_NOW = new Date('2026-11-01T16:00:00.000Z');
const THANKSGIVING = '2026-11-26';
const CHRISTMAS = '2026-12-25';

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

function hoursFor(kind: HoursKind, d: Dice): SampleHours[] {
  const span = (days: readonly Weekday[], opensAt: string, closesAt: string): SampleHours[] =>
    days.map((day) => ({ day, opensAt, closesAt }));
  switch (kind) {
    case 'always':
      return span(DAYS, '00:00', '24:00');
    case 'overnight':
      return span(
        DAYS,
        d.pick(['18:00', '19:00', '19:00', '20:00']),
        d.pick(['07:00', '07:00', '08:00']),
      );
    case 'office':
      return span(
        WEEKDAYS,
        d.pick(['08:00', '08:30', '09:00']),
        d.pick(['16:30', '17:00', '17:00', '18:00']),
      );
    case 'clinic': {
      const weekly = span(
        WEEKDAYS,
        d.pick(['07:30', '08:00', '08:30']),
        d.pick(['17:00', '17:30']),
      );
      if (d.chance(0.4)) weekly[3].closesAt = '19:00'; // late Thursday
      return d.chance(0.4) ? [...weekly, ...span(['SATURDAY'], '09:00', '13:00')] : weekly;
    }
    case 'pantry': {
      const days = d
        .sample(DAYS.slice(0, 6), d.int(2, 3))
        .sort((a, b) => DAYS.indexOf(a) - DAYS.indexOf(b));
      const [opensAt, closesAt] = d.pick([
        ['09:00', '12:00'],
        ['10:00', '13:00'],
        ['13:00', '16:00'],
        ['16:00', '18:30'],
      ]);
      return span(days, opensAt, closesAt);
    }
    case 'foodbank':
      return span(WEEKDAYS, d.pick(['07:30', '08:00']), d.pick(['15:00', '15:30', '16:00']));
    case 'meals': {
      const days = d.chance(0.6) ? DAYS : WEEKDAYS;
      return days
        .flatMap((day) => [
          { day, opensAt: '07:00', closesAt: '08:30' },
          { day, opensAt: d.pick(['11:30', '12:00']), closesAt: '13:30' },
        ])
        .sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day));
    }
    case 'dropin': {
      const weekly = span(
        WEEKDAYS,
        d.pick(['09:00', '10:00']),
        d.pick(['15:00', '16:00', '17:00']),
      );
      return d.chance(0.5) ? [...weekly, ...span(['SATURDAY'], '10:00', '14:00')] : weekly;
    }
  }
}

function phone(city: SampleCity, d: Dice): string {
  return `(${city.areaCode}) 555-01${String(d.int(0, 99)).padStart(2, '0')}`;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function jitter(n: SampleNeighborhood, d: Dice): { latitude: number; longitude: number } {
  const km = 1.2 * Math.sqrt(d.float());
  const theta = 2 * Math.PI * d.float();
  return {
    latitude: round6(n.latitude + (km * Math.cos(theta)) / 111.0),
    longitude: round6(
      n.longitude + (km * Math.sin(theta)) / (111.0 * Math.cos((n.latitude * Math.PI) / 180)),
    ),
  };
}

/**
 * Languages besides English and Spanish that a city's services commonly offer, by what is spoken
 * there: Hmong and Punjabi in the Central Valley, Cantonese beside Chinese in the Bay Area, Armenian
 * and Korean in Los Angeles, and American Sign Language here and there.
 */
const LOCAL_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  Fresno: ['hmn', 'pa', 'hy', 'mix'],
  Sacramento: ['hmn', 'pa', 'ru', 'vi', 'ase'],
  Oakland: ['zh', 'yue', 'vi', 'tl', 'ar'],
  'San Francisco': ['zh', 'yue', 'tl', 'vi', 'ru', 'ase'],
  'Los Angeles': ['ko', 'hy', 'fa', 'tl', 'zh', 'vi', 'ase'],
  'San Diego': ['tl', 'vi', 'ar', 'fa', 'zh'],
};

function languages(city: SampleCity, d: Dice): string[] {
  const out = d.chance(0.97) ? ['en'] : [];
  // Spanish is offered widely: California's second language by far.
  if (out.length === 0 || d.chance(0.6)) out.push('es');
  for (const lang of LOCAL_LANGUAGES[city.city] ?? city.languages)
    if (d.chance(0.12)) out.push(lang);
  return out;
}

/**
 * Ages are drawn as a fraction of a year and a half before the load time: most listings were
 * verified within the last four months, about one in six not for over 180 days (stale).
 */
const DAY_MS = 86_400_000;
function verifiedAgeMs(u: number): number {
  return u < 0.84 ? (u / 0.84) * 120 * DAY_MS : (200 + ((u - 0.84) / 0.16) * 400) * DAY_MS;
}

interface Draft {
  resource: SampleResource;
  template: ServiceTemplate;
}

function buildOrganization(
  arch: Archetype,
  city: SampleCity,
  d: Dice,
  usedNames: Set<string>,
  now: number,
): {
  org: SampleOrganization;
  drafts: Draft[];
  kinds: Map<string, HoursKind[]>;
  city: SampleCity;
} {
  const { first, second } = ORGANIZATION_NAMES;
  let a = d.pick(first);
  let b = d.pick(second);
  while (usedNames.has(`${a} ${b}`)) [a, b] = [d.pick(first), d.pick(second)];
  const short = `${a} ${b}`;
  usedNames.add(short);
  const name = `${short} ${d.pick(arch.suffixes)}`;
  const host = `${a}${b}`.toLowerCase() + '.example.org';
  const orgPhone = phone(city, d);

  const nLocations = d.int(arch.locations[0], arch.locations[1]);
  const hoods = d.sample(city.neighborhoods, nLocations);
  const siteLabel = d.pick(arch.site);
  const locations: SampleLocation[] = hoods.map((n, i) => {
    const street = d.pick(n.streets);
    const line = d.pick(city.transit);
    return {
      id: d.uuid(),
      name: nLocations === 1 ? `${short} ${siteLabel}` : `${short} ${siteLabel} – ${n.name}`,
      description:
        i === 0
          ? `Main site in ${n.name}. ${d.pick(LOCATION_DETAILS.notes) ?? ''}`.trim()
          : d.pick(LOCATION_DETAILS.notes),
      address: {
        address1: `${d.int(1, 39) * 100 + d.int(0, 98)} ${street}`,
        address2: d.pick(LOCATION_DETAILS.address2),
        city: city.city,
        region: city.county,
        stateProvince: 'CA',
        postalCode: n.postalCode,
        country: 'US',
      },
      ...jitter(n, d),
      timeZone: 'America/Los_Angeles',
      accessibility: d.pick(LOCATION_DETAILS.accessibility),
      transitNotes: d.chance(0.8)
        ? `${line} stops within ${d.pick(['one block', 'two blocks', 'a 5-minute walk'])}.`
        : null,
      schedule: { weekly: [], closures: [] },
    };
  });

  const keys: string[] = [
    ...arch.core,
    ...arch.extra.filter(([, p]) => d.chance(p)).map(([k]) => k),
  ];
  const kinds = new Map<string, HoursKind[]>(locations.map((l) => [l.id, []]));
  const drafts: Draft[] = keys.map((key, i) => {
    const t: ServiceTemplate = SERVICES[key];
    const at =
      i === 0 || d.chance(0.5) ? locations : d.sample(locations, d.int(1, locations.length));
    for (const l of at) kinds.get(l.id)!.push(t.hours);
    const extraPops = t.morePops
      ? d.sample(t.morePops, d.int(0, Math.min(2, t.morePops.length)))
      : [];
    const cap = t.cap ? d.pick(t.cap[1]) : null;
    const age = verifiedAgeMs(d.float());
    const verifiedAt = new Date(now - age);
    // Beds are counted more often than listings are verified: minutes to half a day ago.
    const countedAt = new Date(now - Math.min(age, ((age / 60000) % 720) * 60000 + 5 * 60000));
    const resource: SampleResource = {
      id: d.uuid(),
      name: `${short} ${d.pick(t.names)}`,
      alternateName: t.alt && d.chance(0.5) ? t.alt : null,
      description: t.desc,
      url: d.chance(0.7) ? `https://${host}/${t.path}` : null,
      email: d.chance(0.5) ? `${t.path.split('-')[0]}@${host}` : null,
      phone: d.chance(0.6) ? phone(city, d) : orgPhone,
      status: ResourceStatus.ACTIVE,
      categories: [...t.cats],
      populations: [...t.pops, ...extraPops.filter((p) => !t.pops.includes(p))],
      insurance: t.ins
        ? [
            ...t.ins,
            ...(t.privateIns !== undefined && d.chance(t.privateIns) ? [Insurance.PRIVATE] : []),
          ]
        : [],
      languages: languages(city, d),
      minimumAge: t.age?.[0] ?? null,
      maximumAge: t.age?.[1] ?? null,
      eligibilityDescription: t.elig,
      feesDescription: t.fees ?? 'Free',
      applicationProcess: t.app,
      requiredDocuments: [...(t.docs ?? [])],
      acceptsReferrals: t.referrals,
      capacity:
        t.cap && cap !== null
          ? {
              unit: t.cap[0],
              available: d.chance(0.25) ? 0 : d.int(1, cap),
              maximum: cap,
              updatedAt: countedAt.toISOString(),
            }
          : null,
      lastVerifiedAt: verifiedAt.toISOString(),
      locationIds: at.map((l) => l.id),
    };
    return { resource, template: t };
  });

  for (const l of locations) {
    const here = kinds.get(l.id)!;
    const kind = here.includes('always')
      ? 'always'
      : here.includes('overnight')
        ? 'overnight'
        : here[0];
    l.schedule.weekly = hoursFor(kind, d);
  }

  const alternateName = d.chance(0.35)
    ? name
        .split(' ')
        .map((w) => w[0])
        .join('')
        .toUpperCase()
    : null;
  const org: SampleOrganization = {
    id: d.uuid(),
    name,
    kind: arch.core.includes('primaryCare')
      ? OrganizationKind.CLINIC
      : arch.core.includes('crisisLine')
        ? OrganizationKind.CRISIS_CENTER
        : OrganizationKind.SERVICE_PROVIDER,
    alternateName,
    description: d
      .pick(arch.descs)
      .replace('{city}', city.city)
      .replace('{year}', String(d.int(1972, 2018))),
    email: `info@${host}`,
    website: `https://${host}`,
    phone: orgPhone,
    locations,
    resources: drafts.map((x) => x.resource),
  };
  return { org, drafts, kinds, city };
}

/** Organizations until there are `resources` listings, over the whole state, weighted by city size and archetype. */
function buildAtScale(resources: number, d: Dice, now: number) {
  const cities = [...SAMPLE_CITIES, ...MORE_CITIES];
  const namesByCity = new Map(cities.map((c) => [c.city, new Set<string>()]));
  const built: ReturnType<typeof buildOrganization>[] = [];
  let total = 0;
  while (total < resources) {
    const city = d.weighted(cities.map((c) => [c, CITY_WEIGHTS[c.city] ?? 1] as const));
    const names = namesByCity.get(city.city)!;
    if (names.size >= 200) names.clear(); // big cities repeat names, as real directories do (branches)
    const b = buildOrganization(
      d.weighted(ARCHETYPES.map((a) => [a, a.count] as const)),
      city,
      d,
      names,
      now,
    );
    built.push(b);
    total += b.org.resources.length;
  }
  const last = built[built.length - 1];
  if (!last) return built;
  const keep = last.org.resources.length - (total - resources);
  last.org.resources = last.org.resources.slice(0, keep);
  last.drafts.splice(keep);
  return built;
}

/**
 * A realistic, deterministic sample directory: about 26 organizations and 75 resources in six
 * California cities, or exactly `resources` listings spread over the state when given.
 */
export function sampleDirectory(options?: {
  seed?: number;
  resources?: number;
  /** The load time every date is relative to (verified, capacity counted, closed today). */
  now?: Date;
}): SampleOrganization[] {
  const d = new Dice(options?.seed ?? 1);
  const now = (options?.now ?? SAMPLE_NOW).getTime();
  let built: ReturnType<typeof buildOrganization>[];
  if (options?.resources !== undefined) {
    built = buildAtScale(options.resources, d, now);
  } else {
    const plan = d.shuffle(
      ARCHETYPES.flatMap((arch) => Array.from({ length: arch.count }, () => arch)),
    );
    const cities = d.shuffle(SAMPLE_CITIES);
    const usedNames = new Set<string>();
    built = plan.map((arch, i) =>
      buildOrganization(arch, cities[i % cities.length], d, usedNames, now),
    );
  }

  // Holiday closures on daytime locations; overnight and 24/7 sites stay open.
  let specialHours = false;
  for (const { org, kinds } of built) {
    for (const l of org.locations) {
      const here = kinds.get(l.id)!;
      if (here.includes('always') || here.includes('overnight')) continue;
      if (!specialHours && here.includes('meals')) {
        l.schedule.closures = [
          {
            date: THANKSGIVING,
            opensAt: '11:00',
            closesAt: '15:00',
            note: 'Thanksgiving community meal',
          },
          {
            date: CHRISTMAS,
            opensAt: '10:00',
            closesAt: '14:00',
            note: 'Holiday meal, 10:00–14:00',
          },
        ];
        specialHours = true;
      } else if (d.chance(0.45)) {
        l.schedule.closures = [
          { date: THANKSGIVING, note: 'Closed for Thanksgiving' },
          { date: CHRISTMAS, note: 'Closed for Christmas Day' },
        ];
      }
    }
  }
  if (!specialHours) {
    const first = built.flatMap((x) => x.org.locations).find((l) => l.schedule.closures.length > 0);
    if (first)
      first.schedule.closures[1] = {
        date: CHRISTMAS,
        opensAt: '10:00',
        closesAt: '14:00',
        note: 'Special holiday hours',
      };
  }

  // About 5% temporarily closed and 2% inactive; crisis services always stay on.
  const drafts = built.flatMap((x) => x.drafts);
  const candidates = d.shuffle(drafts.filter((x) => !x.resource.categories.includes('crisis')));
  const nClosed = Math.max(1, Math.round(drafts.length * 0.05));
  const nInactive = Math.max(1, Math.round(drafts.length * 0.02));
  candidates.slice(0, nClosed).forEach(({ resource }) => {
    resource.status = ResourceStatus.TEMPORARILY_CLOSED;
    resource.description += ' Temporarily closed for renovation; call before visiting.';
    if (resource.capacity) resource.capacity.available = 0;
  });
  candidates.slice(nClosed, nClosed + nInactive).forEach(({ resource }) => {
    resource.status = ResourceStatus.INACTIVE;
  });

  // Some shelters are full tonight.
  const beds = drafts.filter(
    (x) =>
      x.resource.categories.includes('emergency-shelter') &&
      x.resource.status === ResourceStatus.ACTIVE,
  );
  if (beds.length > 0 && !beds.some((x) => x.resource.capacity?.available === 0))
    beds[0].resource.capacity!.available = 0;

  if (options?.resources === undefined) {
    for (const city of SAMPLE_CITIES)
      coverCity(
        built.filter((x) => x.city === city),
        city,
        d,
        now,
      );
    closeToday(built, d, now);
    return [...built.map((x) => x.org), ...careSettings(SAMPLE_CITIES[0])];
  }

  return built.map((x) => x.org);
}

const CARE_SETTING_IDS: Record<string, { organization: string; location: string }> = {
  'county-hospital': {
    organization: '3f6c1d2e-8b4a-4c5d-9e7f-0a1b2c3d4e01',
    location: '3f6c1d2e-8b4a-4c5d-9e7f-0a1b2c3d4e02',
  },
  'county-jail': {
    organization: '3f6c1d2e-8b4a-4c5d-9e7f-0a1b2c3d4e03',
    location: '3f6c1d2e-8b4a-4c5d-9e7f-0a1b2c3d4e04',
  },
};

/**
 * Where discharge planners work: a county hospital and a county jail in the first sample city,
 * each with its discharge or re-entry staff and no listing of its own (they refer people to the
 * directory's services). Fixed ids and places, outside the dice, so the generated directory does
 * not move when they change.
 */
function careSettings(city: SampleCity): SampleOrganization[] {
  const place = (
    key: string,
    hood: SampleNeighborhood,
    number: number,
    name: string,
    description: string,
    weekly: SampleHours[],
  ): SampleLocation => ({
    id: CARE_SETTING_IDS[key].location,
    name,
    description,
    address: {
      address1: `${number} ${hood.streets[0]}`,
      address2: null,
      city: city.city,
      region: city.county,
      stateProvince: 'CA',
      postalCode: hood.postalCode,
      country: 'US',
    },
    latitude: hood.latitude,
    longitude: hood.longitude,
    timeZone: 'America/Los_Angeles',
    accessibility: 'Step-free entrance; wheelchairs available at the front desk.',
    transitNotes: `${city.transit[0]} stops in front.`,
    schedule: { weekly, closures: [] },
  });
  const [downtown, second] = [
    city.neighborhoods[0],
    city.neighborhoods[1] ?? city.neighborhoods[0],
  ];
  const areaCode = city.areaCode;
  return [
    {
      id: CARE_SETTING_IDS['county-hospital'].organization,
      name: 'Tidewater General Hospital',
      kind: OrganizationKind.HOSPITAL,
      alternateName: null,
      description: `A county hospital in ${city.county}. Its discharge planners and social workers arrange shelter, treatment and follow-up care before patients leave.`,
      email: null,
      website: null,
      phone: `(${areaCode}) 555-0190`,
      locations: [
        place(
          'county-hospital',
          downtown,
          1411,
          `Tidewater General Hospital`,
          'Case management and social work: ground floor, east wing.',
          DAYS.map((day) => ({ day, opensAt: '00:00', closesAt: '24:00' })),
        ),
      ],
      resources: [],
    },
    {
      id: CARE_SETTING_IDS['county-jail'].organization,
      name: `Tidewater Detention Center – Re-entry Services`,
      kind: OrganizationKind.JAIL,
      alternateName: null,
      description: `Re-entry staff of this county jail in ${city.county} plan each release with the person: housing, treatment, benefits and a ride on the day.`,
      email: null,
      website: null,
      phone: `(${areaCode}) 555-0191`,
      locations: [
        place(
          'county-jail',
          second,
          550,
          `Tidewater Detention Center – Release Office`,
          'Release office and re-entry staff; people are released around the clock.',
          DAYS.map((day) => ({ day, opensAt: '00:00', closesAt: '24:00' })),
        ),
      ],
      resources: [],
    },
  ];
}

/** What someone leaving jail or a hospital needs in the first days, with the service that offers it. */
const FIRST_DAYS_NEEDS: readonly { categories: readonly string[]; service: string }[] = [
  { categories: ['emergency-shelter', 'recovery-residence'], service: 'shelter' },
  { categories: ['food-pantry', 'food-bank', 'meals'], service: 'meals' },
  { categories: ['primary-care'], service: 'primaryCare' },
  { categories: ['medication-for-addiction-treatment'], service: 'mat' },
  { categories: ['mental-health'], service: 'mentalHealth' },
  { categories: ['reentry-employment', 'job-placement', 'job-training'], service: 'reentryJobs' },
];
const LEAVING: readonly Population[] = [
  Population.PEOPLE_LEAVING_JAIL,
  Population.PEOPLE_LEAVING_HOSPITAL,
];

/**
 * Every sample city has, for people leaving jail or a hospital, a shelter or recovery residence,
 * food, a clinic, MAT, mental health care and an employment program, open and serving them: a
 * listing of that kind says so, or an organization of the city adds one.
 */
function coverCity(
  here: ReturnType<typeof buildOrganization>[],
  city: SampleCity,
  d: Dice,
  now: number,
): void {
  const drafts = here.flatMap((x) => x.drafts);
  for (const need of FIRST_DAYS_NEEDS) {
    const fits = drafts.filter(
      ({ resource: r }) =>
        r.status === ResourceStatus.ACTIVE &&
        (r.maximumAge === null || r.maximumAge >= 65) &&
        r.categories.some((c) => need.categories.includes(c)),
    );
    if (fits.some(({ resource: r }) => r.populations.some((p) => LEAVING.includes(p)))) continue;
    const chosen = fits[0]?.resource ?? addService(here, need.service, city, d, now);
    if (!chosen) continue;
    for (const p of LEAVING) if (!chosen.populations.includes(p)) chosen.populations.push(p);
  }
  // The city's most common languages, and sign language where it is listed, are offered somewhere.
  const local = LOCAL_LANGUAGES[city.city] ?? [];
  const open = drafts.filter(({ resource: r }) => r.status === ResourceStatus.ACTIVE);
  [...local.slice(0, 2), ...local.filter((l) => l === 'ase')].forEach((lang, i) => {
    if (open.length === 0 || open.some(({ resource: r }) => r.languages.includes(lang))) return;
    open[(i * 7) % open.length].resource.languages.push(lang);
  });
}

/** A listing of `service` at the first site of the city's first organization, when the city has one. */
function addService(
  here: ReturnType<typeof buildOrganization>[],
  key: string,
  city: SampleCity,
  d: Dice,
  now: number,
): SampleResource | null {
  const host = here[0];
  if (!host) return null;
  const t = SERVICES[key];
  const short = host.org.name.split(' ').slice(0, 2).join(' ');
  const resource: SampleResource = {
    id: d.uuid(),
    name: `${short} ${d.pick(t.names)}`,
    alternateName: null,
    description: t.desc,
    url: null,
    email: null,
    phone: host.org.phone,
    status: ResourceStatus.ACTIVE,
    categories: [...t.cats],
    populations: [...t.pops],
    insurance: [...(t.ins ?? [])],
    languages: languages(city, d),
    minimumAge: t.age?.[0] ?? null,
    maximumAge: t.age?.[1] ?? null,
    eligibilityDescription: t.elig,
    feesDescription: t.fees ?? 'Free',
    applicationProcess: t.app,
    requiredDocuments: [...(t.docs ?? [])],
    acceptsReferrals: t.referrals,
    capacity: t.cap
      ? {
          unit: t.cap[0],
          available: d.int(1, t.cap[1][0]),
          maximum: t.cap[1][0],
          updatedAt: new Date(now - d.int(10, 600) * 60000).toISOString(),
        }
      : null,
    lastVerifiedAt: new Date(now - d.int(1, 60) * DAY_MS).toISOString(),
    locationIds: [host.org.locations[0].id],
  };
  host.org.resources.push(resource);
  host.drafts.push({ resource, template: t });
  return resource;
}

/** The local date of an instant in California, YYYY-MM-DD. */
function californiaDate(at: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(at);
}

/** A few places are closed today (one shelter tonight), as on any real night. */
function closeToday(built: ReturnType<typeof buildOrganization>[], d: Dice, now: number): void {
  const today = californiaDate(now);
  const all = built.flatMap((x) => x.org.locations.map((l) => ({ l, kinds: x.kinds.get(l.id)! })));
  const shelter = all.find(({ kinds }) => kinds.includes('overnight'));
  const daytime = d
    .shuffle(all.filter(({ kinds }) => !kinds.includes('always') && !kinds.includes('overnight')))
    .slice(0, 3);
  const notes = [
    'Closed tonight: heating repair. Call for a bed at another site.',
    'Closed today for staff training',
    'Closed today: water main repair',
    'Closed today for an all-staff retreat',
  ];
  [shelter, ...daytime].forEach((place, i) => {
    if (!place || place.l.schedule.closures.some((c) => c.date === today)) return;
    place.l.schedule.closures = [
      ...place.l.schedule.closures,
      { date: today, note: notes[i] },
    ].sort((a, b) => a.date.localeCompare(b.date));
  });
}
