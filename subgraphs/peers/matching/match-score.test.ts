import { describe, expect, it } from 'vitest';
import type { CertificationRecord } from '../peer/certification';
import {
  LivedExperienceArea,
  PeerAvailability,
  PeerCertificationType,
  PeerSpecialization,
} from '../peer/peer.enums';
import {
  compareMatches,
  distanceKm,
  exclusionOf,
  MatchFactorKind,
  rankCandidates,
  scoreCandidate,
  withHiddenAreas,
  type MatchCandidate,
  type MatchRequest,
} from './match-score';

const TODAY = '2026-11-23';
const OAKLAND = { latitude: 37.8044, longitude: -122.2712 };

let n = 0;
function candidate(overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    pronouns: 'she/her',
    languages: ['en'],
    livedExperience: [],
    certifications: [],
    availability: PeerAvailability.AVAILABLE,
    caseloadCapacity: 15,
    currentCaseload: 13,
    serviceLatitude: OAKLAND.latitude,
    serviceLongitude: OAKLAND.longitude,
    serviceRadiusKm: 25,
    serviceCounties: [],
    ...overrides,
  };
}

const certified = (
  expiresOn: string,
  ...specializations: PeerSpecialization[]
): CertificationRecord[] => [
  {
    type: PeerCertificationType.MEDI_CAL_PEER_SUPPORT_SPECIALIST,
    name: null,
    number: null,
    issuedOn: null,
    expiresOn,
    specializations,
  },
];

describe('distanceKm', () => {
  it('measures great-circle distance (Oakland to San Francisco City Hall is about 13 km)', () => {
    expect(distanceKm(OAKLAND, { latitude: 37.7793, longitude: -122.4193 })).toBeCloseTo(13.3, 0);
    expect(distanceKm(OAKLAND, OAKLAND)).toBe(0);
  });
});

describe('scoreCandidate', () => {
  it('explains every point with a reason a person can read', () => {
    const peer = candidate({
      languages: ['en', 'es'],
      livedExperience: [LivedExperienceArea.JUSTICE_INVOLVEMENT, LivedExperienceArea.SUBSTANCE_USE],
      certifications: certified('2027-06-30', PeerSpecialization.JUSTICE_INVOLVED),
      serviceLatitude: 37.8334, // about 3.2 km north of the request point
      serviceLongitude: -122.2712,
      caseloadCapacity: 15,
      currentCaseload: 13,
    });
    const request: MatchRequest = {
      near: OAKLAND,
      languages: ['es'],
      livedExperience: [LivedExperienceArea.JUSTICE_INVOLVEMENT],
      specializations: [PeerSpecialization.JUSTICE_INVOLVED],
    };
    const match = scoreCandidate(peer, request, TODAY)!;
    expect(match.reasons).toEqual([
      'speaks Spanish',
      'justice-involved lived experience',
      'certified in supporting justice-involved people',
      '3.2 km away',
      '2 of 15 places free',
      'available now',
    ]);
    expect(match.factors.map((f) => [f.kind, f.points])).toEqual([
      [MatchFactorKind.LANGUAGE, 30],
      [MatchFactorKind.LIVED_EXPERIENCE, 20],
      [MatchFactorKind.SPECIALIZATION, 20],
      [MatchFactorKind.DISTANCE, 18.7], // 20 × (1 − 3.2 / 50)
      [MatchFactorKind.CAPACITY, 1.3], // 10 × 2 / 15
      [MatchFactorKind.AVAILABILITY, 5],
    ]);
    expect(match.score).toBe(95);
    expect(match.distanceKm).toBe(3.2);
    expect(match.openPlaces).toBe(2);
  });

  it('the score is the sum of the factors, to a tenth', () => {
    const match = scoreCandidate(
      candidate({ currentCaseload: 4 }),
      { near: { latitude: 37.81, longitude: -122.28 } },
      TODAY,
    )!;
    const sum = match.factors.reduce((s, f) => s + f.points * 10, 0) / 10;
    expect(match.score).toBe(sum);
  });

  it('counts a specialization only from a certification that has not expired', () => {
    const request: MatchRequest = { specializations: [PeerSpecialization.CRISIS_CARE] };
    const current = scoreCandidate(
      candidate({ certifications: certified('2026-11-23', PeerSpecialization.CRISIS_CARE) }),
      request,
      TODAY,
    )!;
    const lapsed = scoreCandidate(
      candidate({ certifications: certified('2026-11-22', PeerSpecialization.CRISIS_CARE) }),
      request,
      TODAY,
    )!;
    expect(current.reasons).toContain('certified in crisis care');
    expect(lapsed.reasons).not.toContain('certified in crisis care');
    expect(current.score - lapsed.score).toBe(20);
  });

  it('matches languages in any case, with their English names, and pronouns loosely', () => {
    const match = scoreCandidate(
      candidate({ languages: ['en', 'vi', 'zh'], pronouns: 'They/Them' }),
      { languages: ['ZH', 'vi'], pronouns: ['they/them'] },
      TODAY,
    )!;
    expect(match.reasons.slice(0, 2)).toEqual([
      'speaks Chinese and Vietnamese',
      'uses They/Them pronouns',
    ]);
  });

  it('counts at most two lived-experience areas, but names them all', () => {
    const all = [
      LivedExperienceArea.HOMELESSNESS,
      LivedExperienceArea.VETERAN,
      LivedExperienceArea.LGBTQ,
    ];
    const match = scoreCandidate(
      candidate({ livedExperience: all }),
      { livedExperience: all },
      TODAY,
    )!;
    const lived = match.factors.filter((f) => f.kind === MatchFactorKind.LIVED_EXPERIENCE);
    expect(lived.map((f) => f.points)).toEqual([20, 20, 0]);
    expect(lived.map((f) => f.reason)).toEqual([
      'lived experience of homelessness',
      'a veteran',
      'LGBTQ+ lived experience',
    ]);
  });
});

describe('withHiddenAreas', () => {
  it('names only the areas the reader may see, keeping the points of the others in one unnamed factor', () => {
    const areas = [
      LivedExperienceArea.IMMIGRATION,
      LivedExperienceArea.VETERAN,
      LivedExperienceArea.DOMESTIC_VIOLENCE,
    ];
    const match = scoreCandidate(
      candidate({ livedExperience: areas, languages: ['es'] }),
      { livedExperience: areas, languages: ['es'] },
      TODAY,
    )!;
    const factors = withHiddenAreas(match.factors, (a) => a === LivedExperienceArea.VETERAN);
    const reasons = factors.map((f) => f.reason);
    expect(reasons.slice(0, 3)).toEqual([
      'speaks Spanish',
      'shares lived experience asked for',
      'a veteran',
    ]);
    expect(reasons.join(' ')).not.toMatch(/immigration|domestic violence/);
    expect(factors.reduce((sum, f) => sum + f.points * 10, 0) / 10).toBe(match.score);
    // A reader who may see everything gets the factors as they were.
    expect(withHiddenAreas(match.factors, () => true)).toEqual(match.factors);
  });
});

describe('exclusions', () => {
  it('leaves out a peer at capacity unless asked, and then shows no free places', () => {
    const full = candidate({ caseloadCapacity: 12, currentCaseload: 12 });
    const over = candidate({ caseloadCapacity: 12, currentCaseload: 14 });
    const none = candidate({ caseloadCapacity: 0, currentCaseload: 0 });
    for (const peer of [full, over, none]) {
      expect(exclusionOf(peer, {})).toBe('AT_CAPACITY');
      expect(scoreCandidate(peer, {}, TODAY)).toBeNull();
    }
    const shown = scoreCandidate(over, { includeAtCapacity: true }, TODAY)!;
    expect(shown.openPlaces).toBe(0);
    expect(shown.reasons).toContain('0 of 12 places free');
  });

  it('leaves out an unavailable peer unless asked', () => {
    const away = candidate({ availability: PeerAvailability.UNAVAILABLE });
    expect(scoreCandidate(away, {}, TODAY)).toBeNull();
    expect(scoreCandidate(away, { includeUnavailable: true }, TODAY)!.reasons).toContain(
      'not taking new people now',
    );
    expect(
      scoreCandidate(candidate({ availability: PeerAvailability.LIMITED }), {}, TODAY)!.reasons,
    ).toContain('limited availability');
  });

  it('leaves out a peer whose radius or counties do not cover the person, unless asked', () => {
    const near = candidate({ serviceRadiusKm: 5 });
    const farAway = { near: { latitude: 37.7793, longitude: -122.4193 } }; // 13 km
    expect(exclusionOf(near, farAway)).toBe('OUTSIDE_SERVICE_AREA');
    expect(
      scoreCandidate(near, { ...farAway, includeOutsideServiceArea: true }, TODAY)!.distanceKm,
    ).toBe(13.3);

    const county = candidate({
      serviceLatitude: null,
      serviceLongitude: null,
      serviceRadiusKm: null,
      serviceCounties: ['Alameda County'],
    });
    expect(exclusionOf(county, { county: 'alameda' })).toBeNull();
    expect(exclusionOf(county, { county: 'San Francisco County' })).toBe('OUTSIDE_SERVICE_AREA');
    expect(exclusionOf(county, { near: OAKLAND })).toBe('OUTSIDE_SERVICE_AREA'); // a point cannot tell its county
    expect(
      scoreCandidate(county, { near: OAKLAND, county: 'Alameda County' }, TODAY)!.reasons,
    ).toContain('serves Alameda County');
    expect(exclusionOf(county, {})).toBeNull(); // no location asked: everyone covers it
  });
});

describe('rankCandidates', () => {
  it('orders by score, best first, and returns at most `limit`', () => {
    const spanish = candidate({ languages: ['en', 'es'] });
    const english = candidate();
    const lived = candidate({
      languages: ['es'],
      livedExperience: [LivedExperienceArea.HOMELESSNESS],
    });
    const request: MatchRequest = {
      languages: ['es'],
      livedExperience: [LivedExperienceArea.HOMELESSNESS],
    };
    expect(
      rankCandidates([english, spanish, lived], request, TODAY, 10).map((m) => m.candidate.id),
    ).toEqual([lived.id, spanish.id, english.id]);
    expect(rankCandidates([english, spanish, lived], request, TODAY, 2)).toHaveLength(2);
  });

  it('breaks ties by distance, then free places, then id, whatever the input order', () => {
    const base = { languages: ['en'], caseloadCapacity: 10 };
    const a = candidate({ ...base, currentCaseload: 5 });
    const b = candidate({ ...base, currentCaseload: 5 });
    const c = candidate({ ...base, currentCaseload: 5 });
    const d = candidate({ ...base, currentCaseload: 5 });
    const request: MatchRequest = { near: OAKLAND };
    const ids = (xs: MatchCandidate[]) =>
      rankCandidates(xs, request, TODAY, 10).map((m) => m.candidate.id);
    const expected = [a.id, b.id, c.id, d.id].sort();
    expect(ids([d, c, b, a])).toEqual(expected);
    expect(ids([b, d, a, c])).toEqual(expected);
    expect(new Set(rankCandidates([a, b, c, d], request, TODAY, 10).map((m) => m.score)).size).toBe(
      1,
    );
  });

  it('puts the nearer of two equal scores first, then the one with more free places', () => {
    const request: MatchRequest = { near: OAKLAND };
    // 0.5 km further (−0.2 points) but one more free place of fifty (+0.2 points): equal scores.
    const nearer = candidate({
      serviceLatitude: 37.8044,
      currentCaseload: 26,
      caseloadCapacity: 50,
    });
    const further = candidate({
      serviceLatitude: 37.8089,
      currentCaseload: 25,
      caseloadCapacity: 50,
    });
    const [first, second] = rankCandidates([further, nearer], request, TODAY, 10);
    expect(first.score).toBe(second.score);
    expect([first.candidate.id, second.candidate.id]).toEqual([nearer.id, further.id]);

    const roomy = candidate({ currentCaseload: 0, caseloadCapacity: 20 });
    const tight = candidate({ currentCaseload: 0, caseloadCapacity: 10 });
    const x = scoreCandidate(roomy, {}, TODAY)!;
    const y = scoreCandidate(tight, {}, TODAY)!;
    expect(x.score).toBe(y.score);
    expect(compareMatches(x, y)).toBeLessThan(0);
    expect(compareMatches(y, x)).toBeGreaterThan(0);
  });
});
