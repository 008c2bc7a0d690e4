/**
 * Peer matching: a transparent, deterministic score. Pure: no I/O, no clock (the caller passes
 * today's date), so the same peers and the same request always give the same ranking.
 *
 * The score is the sum of the points of its factors, and every factor carries the sentence a person
 * reads ("speaks Spanish", "3.2 km away", "2 of 15 places free"). Points are counted in tenths as
 * integers, so equal profiles get exactly equal scores and ties are real ties, broken by fixed rules.
 */
import { canonicalCounty } from '../county';
import { canonicalLanguages } from '../../kit/languages';
import { languageName } from '../../kit/validators';
import { currentSpecializations, type CertificationRecord } from '../peer/certification';
import { LivedExperienceArea, PeerAvailability, PeerSpecialization } from '../peer/peer.enums';

export enum MatchFactorKind {
  LANGUAGE = 'LANGUAGE',
  LIVED_EXPERIENCE = 'LIVED_EXPERIENCE',
  SPECIALIZATION = 'SPECIALIZATION',
  PRONOUNS = 'PRONOUNS',
  DISTANCE = 'DISTANCE',
  COUNTY = 'COUNTY',
  CAPACITY = 'CAPACITY',
  AVAILABILITY = 'AVAILABILITY',
}

/** Points per factor. Language first: without a shared language there is no peer support. */
export const WEIGHTS = {
  /** Speaks at least one of the languages asked for. */
  language: 30,
  /** Each lived-experience area asked for that the peer shares (at most MAX_COUNTED count). */
  livedExperience: 20,
  /** Each specialization asked for that a current certification holds (at most MAX_COUNTED count). */
  specialization: 20,
  /** Uses one of the pronouns asked for (a gender preference). */
  pronouns: 10,
  /** At the person's door; falls linearly to 0 at DISTANCE_ZERO_KM. */
  distance: 20,
  /** Serves the county asked for. */
  county: 5,
  /** All places of the caseload free; proportionally less as it fills. */
  capacity: 10,
  /** AVAILABLE rather than LIMITED. */
  available: 5,
} as const;

export const DISTANCE_ZERO_KM = 50;
export const MAX_COUNTED = 2;

export interface MatchCandidate {
  id: string;
  pronouns: string | null;
  languages: readonly string[];
  livedExperience: readonly LivedExperienceArea[];
  certifications: readonly CertificationRecord[];
  availability: PeerAvailability;
  caseloadCapacity: number;
  currentCaseload: number;
  serviceLatitude: number | null;
  serviceLongitude: number | null;
  serviceRadiusKm: number | null;
  serviceCounties: readonly string[];
}

export interface MatchRequest {
  near?: { latitude: number; longitude: number } | null;
  county?: string | null;
  languages?: readonly string[] | null;
  livedExperience?: readonly LivedExperienceArea[] | null;
  specializations?: readonly PeerSpecialization[] | null;
  pronouns?: readonly string[] | null;
  includeAtCapacity?: boolean | null;
  includeUnavailable?: boolean | null;
  includeOutsideServiceArea?: boolean | null;
}

export interface MatchFactor {
  kind: MatchFactorKind;
  points: number;
  reason: string;
  /** The lived-experience area a LIVED_EXPERIENCE factor is for (withHiddenAreas needs it). */
  area?: LivedExperienceArea;
  /** What the reason says, as data, so a client can say it in its own language. */
  detail?: MatchFactorDetail;
}

/** The facts behind a factor's reason; only those of its kind are set. */
export interface MatchFactorDetail {
  languages?: string[];
  specialization?: PeerSpecialization;
  pronouns?: string;
  distanceKm?: number;
  county?: string;
  openPlaces?: number;
  caseloadCapacity?: number;
  availability?: PeerAvailability;
}

export interface ScoredMatch<C extends MatchCandidate = MatchCandidate> {
  candidate: C;
  score: number;
  /** Kilometres from the person to the peer's service point, to 0.1 km; null when either is unknown. */
  distanceKm: number | null;
  openPlaces: number;
  factors: MatchFactor[];
  reasons: string[];
}

export type Exclusion = 'UNAVAILABLE' | 'AT_CAPACITY' | 'OUTSIDE_SERVICE_AREA';

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const normalizePronouns = (p: string) => p.trim().toLowerCase().replace(/\s+/g, '');

export const LIVED_EXPERIENCE_REASONS: Record<LivedExperienceArea, string> = {
  [LivedExperienceArea.MENTAL_HEALTH]: 'lived experience of mental health recovery',
  [LivedExperienceArea.SUBSTANCE_USE]: 'lived experience of substance use recovery',
  [LivedExperienceArea.JUSTICE_INVOLVEMENT]: 'justice-involved lived experience',
  [LivedExperienceArea.HOMELESSNESS]: 'lived experience of homelessness',
  [LivedExperienceArea.VETERAN]: 'a veteran',
  [LivedExperienceArea.FAMILY_MEMBER]: 'lived experience as a family member or caregiver',
  [LivedExperienceArea.LGBTQ]: 'LGBTQ+ lived experience',
  [LivedExperienceArea.FOSTER_CARE]: 'lived experience of foster care',
  [LivedExperienceArea.DOMESTIC_VIOLENCE]: 'lived experience of domestic violence',
  [LivedExperienceArea.IMMIGRATION]: 'lived experience of immigration',
  [LivedExperienceArea.DISABILITY]: 'lived experience of disability',
};

export const SPECIALIZATION_REASONS: Record<PeerSpecialization, string> = {
  [PeerSpecialization.PARENT_CAREGIVER_FAMILY]:
    'certified in parent, caregiver and family peer support',
  [PeerSpecialization.CRISIS_CARE]: 'certified in crisis care',
  [PeerSpecialization.UNHOUSED]: 'certified in supporting people who are unhoused',
  [PeerSpecialization.JUSTICE_INVOLVED]: 'certified in supporting justice-involved people',
};

function listInWords(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A request with its lists made into sets once, however many candidates it is scored against. */
interface Prepared {
  near: { latitude: number; longitude: number } | null;
  /** Canonical ("Alameda County"); peers' counties are stored canonical (PeerService writes them so). */
  county: string | null;
  languages: string[];
  livedExperience: LivedExperienceArea[];
  specializations: PeerSpecialization[];
  pronouns: Set<string>;
  includeAtCapacity: boolean;
  includeUnavailable: boolean;
  includeOutsideServiceArea: boolean;
}

function prepare(request: MatchRequest): Prepared {
  return {
    near: request.near ?? null,
    county: request.county ? canonicalCounty(request.county) : null,
    languages: canonicalLanguages(request.languages ?? []),
    livedExperience: [...new Set(request.livedExperience ?? [])],
    specializations: [...new Set(request.specializations ?? [])],
    pronouns: new Set((request.pronouns ?? []).map(normalizePronouns)),
    includeAtCapacity: !!request.includeAtCapacity,
    includeUnavailable: !!request.includeUnavailable,
    includeOutsideServiceArea: !!request.includeOutsideServiceArea,
  };
}

function candidateDistance(c: MatchCandidate, request: Prepared): number | null {
  if (!request.near || c.serviceLatitude === null || c.serviceLongitude === null) return null;
  // Rounded first, so the points follow the distance people see.
  return (
    Math.round(
      distanceKm(request.near, { latitude: c.serviceLatitude, longitude: c.serviceLongitude }) * 10,
    ) / 10
  );
}

function exclusion(
  c: MatchCandidate,
  request: Prepared,
  distance: number | null,
): Exclusion | null {
  if (c.availability === PeerAvailability.UNAVAILABLE && !request.includeUnavailable)
    return 'UNAVAILABLE';
  if (c.caseloadCapacity - c.currentCaseload <= 0 && !request.includeAtCapacity)
    return 'AT_CAPACITY';
  if (!request.includeOutsideServiceArea && (request.near || request.county)) {
    const byRadius =
      distance !== null && c.serviceRadiusKm !== null && distance <= c.serviceRadiusKm;
    const byCounty = request.county !== null && c.serviceCounties.includes(request.county);
    if (!byRadius && !byCounty) return 'OUTSIDE_SERVICE_AREA';
  }
  return null;
}

/** Why a candidate is left out of the results, or null when it takes part. */
export function exclusionOf(c: MatchCandidate, request: MatchRequest): Exclusion | null {
  const prepared = prepare(request);
  return exclusion(c, prepared, candidateDistance(c, prepared));
}

interface Evaluated<C extends MatchCandidate> {
  candidate: C;
  tenths: number;
  distanceKm: number | null;
  openPlaces: number;
  factors: MatchFactor[];
}

/**
 * The one place points are decided. With `explain` false it only adds up the points (no sentences,
 * no allocations), which is what ranking thousands of candidates needs; the best few are then
 * evaluated again with `explain` true, and the same code gives the same points.
 */
function evaluate<C extends MatchCandidate>(
  c: C,
  request: Prepared,
  today: string,
  explain: boolean,
): Evaluated<C> | null {
  const distance = candidateDistance(c, request);
  if (exclusion(c, request, distance)) return null;
  let tenths = 0;
  const factors: MatchFactor[] = [];
  const add = (
    kind: MatchFactorKind,
    points: number,
    reason: () => string,
    { area, detail }: { area?: LivedExperienceArea; detail?: () => MatchFactorDetail } = {},
  ) => {
    const t = Math.round(points * 10);
    tenths += t;
    if (explain)
      factors.push({
        kind,
        points: t / 10,
        reason: reason(),
        ...(area ? { area } : {}),
        ...(detail ? { detail: detail() } : {}),
      });
  };

  if (request.languages.length > 0) {
    const spoken = c.languages.map((l) => l.toLowerCase());
    const shared = request.languages.filter((l) => spoken.includes(l));
    if (shared.length > 0)
      add(
        MatchFactorKind.LANGUAGE,
        WEIGHTS.language,
        () => `speaks ${listInWords(shared.map(languageName))}`,
        { detail: () => ({ languages: shared }) },
      );
  }

  let counted = 0;
  for (const area of request.livedExperience) {
    if (!c.livedExperience.includes(area)) continue;
    add(
      MatchFactorKind.LIVED_EXPERIENCE,
      counted++ < MAX_COUNTED ? WEIGHTS.livedExperience : 0,
      () => LIVED_EXPERIENCE_REASONS[area],
      { area },
    );
  }

  if (request.specializations.length > 0) {
    const held = currentSpecializations(c.certifications, today);
    counted = 0;
    for (const s of request.specializations) {
      if (!held.includes(s)) continue;
      add(
        MatchFactorKind.SPECIALIZATION,
        counted++ < MAX_COUNTED ? WEIGHTS.specialization : 0,
        () => SPECIALIZATION_REASONS[s],
        { detail: () => ({ specialization: s }) },
      );
    }
  }

  if (
    c.pronouns &&
    request.pronouns.size > 0 &&
    request.pronouns.has(normalizePronouns(c.pronouns))
  ) {
    const pronouns = c.pronouns.trim();
    add(MatchFactorKind.PRONOUNS, WEIGHTS.pronouns, () => `uses ${pronouns} pronouns`, {
      detail: () => ({ pronouns }),
    });
  }

  if (distance !== null) {
    const closeness = 1 - Math.min(distance, DISTANCE_ZERO_KM) / DISTANCE_ZERO_KM;
    add(
      MatchFactorKind.DISTANCE,
      WEIGHTS.distance * closeness,
      () => `${distance.toFixed(1)} km away`,
      { detail: () => ({ distanceKm: distance }) },
    );
  }
  if (request.county && c.serviceCounties.includes(request.county)) {
    const county = request.county;
    add(MatchFactorKind.COUNTY, WEIGHTS.county, () => `serves ${county}`, {
      detail: () => ({ county }),
    });
  }

  const openPlaces = Math.max(0, c.caseloadCapacity - c.currentCaseload);
  const share = c.caseloadCapacity > 0 ? openPlaces / c.caseloadCapacity : 0;
  add(
    MatchFactorKind.CAPACITY,
    WEIGHTS.capacity * share,
    () => `${openPlaces} of ${c.caseloadCapacity} places free`,
    { detail: () => ({ openPlaces, caseloadCapacity: c.caseloadCapacity }) },
  );

  const availability = { detail: () => ({ availability: c.availability }) };
  if (c.availability === PeerAvailability.AVAILABLE)
    add(MatchFactorKind.AVAILABILITY, WEIGHTS.available, () => 'available now', availability);
  else if (c.availability === PeerAvailability.LIMITED)
    add(MatchFactorKind.AVAILABILITY, 0, () => 'limited availability', availability);
  else add(MatchFactorKind.AVAILABILITY, 0, () => 'not taking new people now', availability);

  return { candidate: c, tenths, distanceKm: distance, openPlaces, factors };
}

function explained<C extends MatchCandidate>(e: Evaluated<C>): ScoredMatch<C> {
  return {
    candidate: e.candidate,
    score: e.tenths / 10,
    distanceKm: e.distanceKm,
    openPlaces: e.openPlaces,
    factors: e.factors,
    reasons: e.factors.map((f) => f.reason),
  };
}

/** Scores one candidate; null when it is excluded (at capacity, unavailable, outside its area). */
export function scoreCandidate<C extends MatchCandidate>(
  c: C,
  request: MatchRequest,
  today: string,
): ScoredMatch<C> | null {
  const e = evaluate(c, prepare(request), today, true);
  return e ? explained(e) : null;
}

/**
 * The order of results: higher score; then nearer (unknown distance last); then more free places;
 * then the id, so two equal profiles always come back in the same order.
 */
function order(
  a: { score: number; distanceKm: number | null; openPlaces: number; id: string },
  b: { score: number; distanceKm: number | null; openPlaces: number; id: string },
): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  if (a.openPlaces !== b.openPlaces) return b.openPlaces - a.openPlaces;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function compareMatches(a: ScoredMatch, b: ScoredMatch): number {
  return order({ ...a, id: a.candidate.id }, { ...b, id: b.candidate.id });
}

const orderEvaluated = (a: Evaluated<MatchCandidate>, b: Evaluated<MatchCandidate>) =>
  order(
    { score: a.tenths, distanceKm: a.distanceKm, openPlaces: a.openPlaces, id: a.candidate.id },
    { score: b.tenths, distanceKm: b.distanceKm, openPlaces: b.openPlaces, id: b.candidate.id },
  );

/**
 * Scores every candidate, leaves out the excluded ones and returns the best `limit`, in order, with
 * their reasons. Keeps only the best `limit` while scanning, so thousands of candidates cost little.
 */
export function rankCandidates<C extends MatchCandidate>(
  candidates: readonly C[],
  request: MatchRequest,
  today: string,
  limit: number,
): ScoredMatch<C>[] {
  if (limit < 1) return [];
  const prepared = prepare(request);
  const best: Evaluated<C>[] = [];
  for (const c of candidates) {
    const e = evaluate(c, prepared, today, false);
    if (!e) continue;
    if (best.length === limit && orderEvaluated(e, best[limit - 1]) >= 0) continue;
    let i = best.length;
    while (i > 0 && orderEvaluated(e, best[i - 1]) < 0) i -= 1;
    best.splice(i, 0, e);
    if (best.length > limit) best.pop();
  }
  return best.map((e) => explained(evaluate(e.candidate, prepared, today, true)!));
}

/** What a match says of lived experience the peer does not show the reader. */
export const HIDDEN_LIVED_EXPERIENCE_REASON = 'shares lived experience asked for';

/**
 * A match's factors as one reader may read them. A lived-experience area the peer does not show
 * this reader keeps its points (the peer chose "used for matching"), but is not named: such areas
 * become one factor, where the first of them was, saying only that lived experience asked for is
 * shared. The score is unchanged.
 */
export function withHiddenAreas(
  factors: readonly MatchFactor[],
  shown: (area: LivedExperienceArea) => boolean,
): MatchFactor[] {
  const out: MatchFactor[] = [];
  let hidden: MatchFactor | null = null;
  for (const factor of factors) {
    if (factor.kind !== MatchFactorKind.LIVED_EXPERIENCE || !factor.area || shown(factor.area)) {
      out.push(factor);
    } else if (hidden) {
      hidden.points = Math.round((hidden.points + factor.points) * 10) / 10;
    } else {
      hidden = {
        kind: MatchFactorKind.LIVED_EXPERIENCE,
        points: factor.points,
        reason: HIDDEN_LIVED_EXPERIENCE_REASON,
      };
      out.push(hidden);
    }
  }
  return out;
}
