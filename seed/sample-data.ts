import { z } from 'zod';
import { Insurance, Population } from '../subgraphs/resources/resource/resource.enums';
import citiesJson from './data/cities.json';
import locationsJson from './data/locations.json';
import organizationsJson from './data/organizations.json';
import peersJson from './data/peers.json';
import servicesJson from './data/services.json';
import { TAXONOMY } from '../subgraphs/resources/category/taxonomy';

/**
 * The tables the sample directory and the sample peers are drawn from, kept as data under
 * seed/data/ and checked once on load, so that a mistyped population or service fails here with
 * its path instead of as odd seed data. Streets, ZIP codes and coordinates are real; names of
 * places and people are invented.
 */

const text = z.string().min(1);

const neighborhood = z.strictObject({
  name: text,
  latitude: z.number(),
  longitude: z.number(),
  postalCode: z.string().regex(/^\d{5}$/),
  streets: z.array(text).min(1),
});

const city = z.strictObject({
  city: text,
  county: text,
  areaCode: z.string().regex(/^\d{3}$/),
  latitude: z.number(),
  longitude: z.number(),
  transit: z.array(text).min(1),
  /** Languages besides en/es common locally (ISO 639-1). */
  languages: z.array(z.string().length(2)),
  neighborhoods: z.array(neighborhood).min(1),
});

export type SampleNeighborhood = z.infer<typeof neighborhood>;
export type SampleCity = z.infer<typeof city>;

const cities = z
  .strictObject({
    /** The six cities of the sample directory. */
    sample: z.array(city),
    /** More cities, for directories larger than the sample. */
    more: z.array(city),
    /** Roughly each city's population in tens of thousands: how many listings it gets at scale. */
    populationWeights: z.record(z.string(), z.number().positive()),
  })
  .parse(citiesJson);

export const SAMPLE_CITIES: readonly SampleCity[] = cities.sample;
export const MORE_CITIES: readonly SampleCity[] = cities.more;
export const CITY_WEIGHTS: Readonly<Record<string, number>> = cities.populationWeights;

/** The sample files may name any category of the directory's taxonomy, and nothing else. */
export const SAMPLE_CATEGORY_IDS: readonly string[] = TAXONOMY.map((term) => term.id);

/** The sample's languages (ISO 639-1). A generated peer's names come from one of the city's. */
const LANGUAGE_CODES = ['en', 'es', 'zh', 'vi', 'tl', 'ko', 'ru', 'fa', 'hy', 'ar', 'pa'] as const;

export const SAMPLE_LANGUAGES: readonly string[] = LANGUAGE_CODES;

export const HOURS_KINDS = [
  'always',
  'overnight',
  'office',
  'clinic',
  'pantry',
  'foodbank',
  'meals',
  'dropin',
] as const;
export type HoursKind = (typeof HOURS_KINDS)[number];

const service = z.strictObject({
  cats: z
    .array(
      z
        .string()
        .refine((id) => SAMPLE_CATEGORY_IDS.includes(id), { message: 'not a sample category' }),
    )
    .min(1),
  names: z.array(text).min(1),
  alt: text.optional(),
  desc: text,
  hours: z.enum(HOURS_KINDS),
  pops: z.array(z.enum(Population)),
  morePops: z.array(z.enum(Population)).optional(),
  ins: z.array(z.enum(Insurance)).optional(),
  /** Chance that a listing also takes private insurance. */
  privateIns: z.number().min(0).max(1).optional(),
  age: z.tuple([z.number().int().nullable(), z.number().int().nullable()]).optional(),
  elig: text.nullable(),
  fees: text.optional(),
  app: text,
  docs: z.array(text).optional(),
  referrals: z.boolean(),
  /** Capacity unit and the maximums to pick from. */
  cap: z.tuple([text, z.array(z.number().int().positive()).min(1)]).optional(),
  /** The listing's path on its organization's web site. */
  path: z.string().regex(/^[a-z-]+$/),
});

export type ServiceTemplate = z.infer<typeof service>;

export const SERVICES: Readonly<Record<string, ServiceTemplate>> = z
  .record(z.string(), service)
  .parse(servicesJson);

const serviceKey = z
  .string()
  .refine((key) => key in SERVICES, { message: 'not a service of seed/data/services.json' });

const archetype = z.strictObject({
  /** How many organizations of this kind the six-city sample has. */
  count: z.number().int().positive(),
  suffixes: z.array(text).min(1),
  site: z.array(text).min(1),
  locations: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  core: z.array(serviceKey).min(1),
  /** Services an organization of this kind offers too, each with its chance. */
  extra: z.array(z.tuple([serviceKey, z.number().min(0).max(1)])),
  /** `{city}` and `{year}` are filled in. */
  descs: z.array(text).min(1),
});

export type Archetype = z.infer<typeof archetype>;

const organizations = z
  .strictObject({
    /** An organization's name is a word of each list, then its kind's suffix. */
    names: z.strictObject({ first: z.array(text).min(1), second: z.array(text).min(1) }),
    archetypes: z.array(archetype).min(1),
  })
  .parse(organizationsJson);

export const ORGANIZATION_NAMES = organizations.names;
export const ARCHETYPES: readonly Archetype[] = organizations.archetypes;

/** Details picked for a location; null means the location has none. */
export const LOCATION_DETAILS = z
  .strictObject({
    accessibility: z.array(text.nullable()),
    address2: z.array(text.nullable()),
    notes: z.array(text.nullable()),
  })
  .parse(locationsJson);

export const PEER_BACKGROUNDS = LANGUAGE_CODES;
export type PeerBackground = (typeof PEER_BACKGROUNDS)[number];

const namesByBackground = z.record(z.enum(PEER_BACKGROUNDS), z.array(text).min(1));

/** Peers' names by language background, and rough shares of California's peer workforce by city. */
export const PEER_DATA = z
  .strictObject({
    cityWeights: z.record(z.string(), z.number().positive()),
    firstNames: namesByBackground,
    lastNames: namesByBackground,
    /** First names mostly given to women, and to men; any other first name is given to anyone. */
    feminineNames: z.array(text),
    masculineNames: z.array(text),
  })
  .parse(peersJson);
