/**
 * Deterministic, realistic peer support specialists over the sample directory's California cities.
 * Pure data: no I/O, no Math.random, no clock (the caller passes the day the data is "as of", so
 * certificates expire in plausible proportions). Names are invented; phones are 555-01xx numbers and
 * e-mails are under example.org. Peer i is the same for any count above i, so seeding more peers
 * adds to those already there instead of replacing them.
 */
import type { CertificationRecord } from '../subgraphs/peers/peer/certification';
import {
  LivedExperienceArea,
  PeerAvailability,
  PeerCertificationType,
  PeerSpecialization,
} from '../subgraphs/peers/peer/peer.enums';
import { Dice } from './dice';
import { PEER_DATA, type PeerBackground as Background } from './sample-data';
import {
  SAMPLE_CITIES,
  sampleDirectory,
  type SampleCity,
  type SampleOrganization,
} from './sample-directory';

export interface SamplePeer {
  id: string;
  displayName: string;
  pronouns: string | null;
  organizationId: string | null;
  city: string;
  certifications: CertificationRecord[];
  languages: string[];
  livedExperience: LivedExperienceArea[];
  serviceLatitude: number | null;
  serviceLongitude: number | null;
  serviceRadiusKm: number | null;
  serviceCounties: string[];
  caseloadCapacity: number;
  currentCaseload: number;
  availability: PeerAvailability;
  workPhone: string | null;
  workEmail: string | null;
}

export interface SamplePeersOptions {
  count: number;
  seed?: number;
  /** The day the data is as of (YYYY-MM-DD); certificates are issued in the years before it. */
  asOf?: string;
}

/** How many peers `npm start` loads into an empty database. */
export const DEFAULT_SAMPLE_PEERS = 240;

const { cityWeights: CITY_WEIGHTS, firstNames: FIRST, lastNames: LAST } = PEER_DATA;
const FEMININE = new Set(PEER_DATA.feminineNames);
const MASCULINE = new Set(PEER_DATA.masculineNames);

/**
 * The first names of a background that fit the pronouns: she/her a name given to women or to
 * anyone, he/him to men or to anyone, they/them one given to anyone (else any name).
 */
export function namesFitting(names: readonly string[], pronouns: string | null): string[] {
  const fits = names.filter((n) => {
    if (pronouns === 'she/her' || pronouns === 'she/they') return !MASCULINE.has(n);
    if (pronouns === 'he/him') return !FEMININE.has(n);
    if (pronouns === 'they/them') return !FEMININE.has(n) && !MASCULINE.has(n);
    return true;
  });
  return fits.length > 0 ? fits : [...names];
}

/** Chance a peer with this heritage still works in the language (the rest work in English only). */
const HERITAGE_FLUENCY = 0.8;

const LIVED: [LivedExperienceArea, number][] = [
  [LivedExperienceArea.MENTAL_HEALTH, 0.6],
  [LivedExperienceArea.SUBSTANCE_USE, 0.5],
  [LivedExperienceArea.JUSTICE_INVOLVEMENT, 0.3],
  [LivedExperienceArea.HOMELESSNESS, 0.3],
  [LivedExperienceArea.FAMILY_MEMBER, 0.2],
  [LivedExperienceArea.LGBTQ, 0.15],
  [LivedExperienceArea.DOMESTIC_VIOLENCE, 0.1],
  [LivedExperienceArea.FOSTER_CARE, 0.08],
  [LivedExperienceArea.DISABILITY, 0.08],
  [LivedExperienceArea.VETERAN, 0.07],
];

const SPECIALIZATIONS: [PeerSpecialization, number][] = [
  [PeerSpecialization.JUSTICE_INVOLVED, 0.25],
  [PeerSpecialization.UNHOUSED, 0.25],
  [PeerSpecialization.CRISIS_CARE, 0.2],
  [PeerSpecialization.PARENT_CAREGIVER_FAMILY, 0.15],
];

// Organizations that employ peer specialists, by kind (name suffix), and how likely a peer works at one.
const EMPLOYER_WEIGHTS: [RegExp, number][] = [
  [/Peer/, 5],
  [/Recovery/, 4],
  [/Crisis/, 3],
  [/Reentry|Second Chance|Workforce/, 3],
  [/Youth/, 2],
  [/Shelter|Housing|Homes|Supportive/, 2],
  [/Health|Clinic/, 2],
  [/Justice|Legal/, 1],
];

function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(d, last));
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const strip = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');

function organizationsByCity(
  orgs: SampleOrganization[],
): Map<string, [SampleOrganization, number][]> {
  const byCity = new Map<string, [SampleOrganization, number][]>();
  for (const org of orgs) {
    const city = org.locations[0]?.address.city;
    if (!city) continue;
    const weight = EMPLOYER_WEIGHTS.find(([pattern]) => pattern.test(org.name))?.[1] ?? 0.5;
    byCity.set(city, [...(byCity.get(city) ?? []), [org, weight]]);
  }
  return byCity;
}

function certifications(d: Dice, asOf: string, i: number): CertificationRecord[] {
  const out: CertificationRecord[] = [];
  if (d.chance(0.85)) {
    // Issued in the 26 months before asOf and valid two years: about one in thirteen has lapsed.
    const issuedOn = addDays(asOf, -d.int(0, 26 * 30));
    out.push({
      type: PeerCertificationType.MEDI_CAL_PEER_SUPPORT_SPECIALIST,
      name: 'Medi-Cal Peer Support Specialist Certification (California)',
      number: `PSS-${String(100000 + ((i * 7919 + d.int(0, 999)) % 900000)).padStart(6, '0')}`,
      issuedOn,
      expiresOn: addMonths(issuedOn, 24),
      specializations: SPECIALIZATIONS.filter(([, p]) => d.chance(p)).map(([s]) => s),
    });
  }
  // National certificates renew every two years; most holders keep them current.
  const renewable = (
    type: PeerCertificationType,
    name: string,
    number: string,
  ): CertificationRecord => ({
    type,
    name,
    number,
    issuedOn: addDays(asOf, -d.int(60, 6 * 365)),
    expiresOn: d.chance(0.9) ? addDays(asOf, d.int(30, 700)) : addDays(asOf, -d.int(1, 300)),
    specializations: [],
  });
  if (d.chance(0.12)) {
    out.push(
      renewable(
        PeerCertificationType.CERTIFIED_PEER_RECOVERY_SPECIALIST,
        'Certified Peer Recovery Specialist',
        `CPRS-${d.int(10000, 99999)}`,
      ),
    );
  }
  if (d.chance(0.05)) {
    out.push(
      renewable(
        PeerCertificationType.NATIONAL_CERTIFIED_PEER_SPECIALIST,
        'National Certified Peer Specialist',
        `NCPS-${d.int(1000, 9999)}`,
      ),
    );
  }
  return out;
}

function onePeer(
  i: number,
  seed: number,
  asOf: string,
  employers: Map<string, [SampleOrganization, number][]>,
): SamplePeer {
  // Each peer has dice of its own, so peer i does not depend on how many come after it.
  const d = new Dice((seed * 1_000_003 + i * 7_919 + 17) >>> 0);
  const cityName = d.weighted(Object.entries(CITY_WEIGHTS));
  const city = SAMPLE_CITIES.find((c) => c.city === cityName) as SampleCity;
  const heritage: Background = d.weighted<Background>([
    ['en', 45],
    ['es', 38],
    ...city.languages.map((l): [Background, number] => [
      l as Background,
      17 / city.languages.length,
    ]),
  ]);
  const pronouns = d.weighted<string | null>([
    ['she/her', 54],
    ['he/him', 38],
    ['they/them', 5],
    ['she/they', 2],
    [null, 1],
  ]);
  // The name fits the pronouns: no "Michael, she/her" by chance.
  const first = d.pick(namesFitting(FIRST[heritage], pronouns));
  const last = d.pick(LAST[heritage]);
  const languages =
    heritage === 'en' ? ['en'] : d.chance(HERITAGE_FLUENCY) ? ['en', heritage] : ['en'];
  if (heritage === 'en' && d.chance(0.12)) languages.push('es'); // learned Spanish on the job

  const livedExperience = LIVED.filter(([, p]) => d.chance(p)).map(([a]) => a);
  if (heritage !== 'en' && d.chance(0.3)) livedExperience.push(LivedExperienceArea.IMMIGRATION);
  if (livedExperience.length === 0) livedExperience.push(LivedExperienceArea.MENTAL_HEALTH);

  const employerPool = employers.get(city.city) ?? [];
  const org = employerPool.length > 0 && d.chance(0.9) ? d.weighted(employerPool) : null;

  const hood = d.pick(city.neighborhoods);
  const area = d.weighted<'radius' | 'counties' | 'both'>([
    ['radius', 70],
    ['counties', 15],
    ['both', 15],
  ]);
  const point = area !== 'counties';
  const caseloadCapacity = d.pick([8, 10, 12, 12, 15, 15, 15, 18, 20, 25]);
  const full = d.chance(0.12);
  const currentCaseload = full
    ? caseloadCapacity
    : Math.floor(caseloadCapacity * (0.3 + d.float() * 0.65));
  const host = org?.website ? new URL(org.website).host : 'peers.example.org';

  return {
    id: d.uuid(),
    displayName: `${first} ${last}`,
    pronouns,
    organizationId: org?.id ?? null,
    city: city.city,
    certifications: certifications(d, asOf, i),
    languages: [...new Set(languages)],
    livedExperience,
    serviceLatitude: point ? round6(hood.latitude + (d.float() - 0.5) * 0.02) : null,
    serviceLongitude: point ? round6(hood.longitude + (d.float() - 0.5) * 0.02) : null,
    serviceRadiusKm: point ? d.pick([5, 8, 10, 10, 15, 15, 20, 25, 40]) : null,
    serviceCounties: area === 'radius' ? [] : [city.county],
    caseloadCapacity,
    currentCaseload,
    availability: d.weighted([
      [PeerAvailability.AVAILABLE, 70],
      [PeerAvailability.LIMITED, 20],
      [PeerAvailability.UNAVAILABLE, 10],
    ]),
    workPhone: `(${city.areaCode}) 555-01${String(d.int(0, 99)).padStart(2, '0')}`,
    workEmail: `${strip(first)}.${strip(last)}@${host}`,
  };
}

/** `count` peers (the first `count` of an endless deterministic sequence for `seed`). */
export function samplePeers(options: SamplePeersOptions): SamplePeer[] {
  const seed = options.seed ?? 1;
  const asOf = options.asOf ?? '2026-11-01';
  // Peers work for the organizations of the sample directory (seed 1), in their own city.
  const employers = organizationsByCity(sampleDirectory({ seed: 1 }));
  return Array.from({ length: options.count }, (_, i) => onePeer(i, seed, asOf, employers));
}
