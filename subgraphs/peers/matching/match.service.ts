import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../kit/identity';
import { assertSignedIn } from '../access';
import { canonicalCounty } from '../county';
import type { PeerLoaders } from '../loaders';
import { certificationToday, type CertificationRecord } from '../peer/certification';
import type { LivedExperienceArea, PeerAvailability } from '../peer/peer.enums';
import { Peer } from '../peer/peer.entity';
import type { MatchPeersInput } from './match.inputs';
import type { PeerCandidateIndex } from './candidate-index';
import { readerOf, showsArea } from '../peer/peer-visibility';
import {
  rankCandidates,
  withHiddenAreas,
  type MatchCandidate,
  type MatchRequest,
} from './match-score';
import type { PeerMatch, PeerMatchFactor } from './match.types';

type CandidateRow = [
  id: string,
  pronouns: string | null,
  languages: string[] | null,
  livedExperience: LivedExperienceArea[] | null,
  certifications: CertificationRecord[] | null,
  serviceCounties: string[] | null,
  availability: PeerAvailability,
  caseloadCapacity: number,
  currentCaseload: number,
  serviceLatitude: number | null,
  serviceLongitude: number | null,
  serviceRadiusKm: number | null,
];

const KM_PER_DEGREE_LATITUDE = 110.5; // a little under the true 110.57–111.69: the box errs wide

/**
 * Ranks peers for a person. Postgres applies the hard rules as a coarse prefilter (availability,
 * free places, a bounding box around each peer's radius, the county), so only plausible candidates
 * leave the database; the pure scoring module then decides exactly, scores and orders them.
 */
export class PeerMatchService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly loaders: PeerLoaders,
    private readonly index?: PeerCandidateIndex,
  ) {}

  async match(input: MatchPeersInput, now: Date = new Date()): Promise<PeerMatch[]> {
    assertSignedIn(this.identity);
    const request: MatchRequest = input;
    const candidates = this.index?.current(request) ?? (await this.candidates(request));
    const ranked = rankCandidates(candidates, request, certificationToday(now), input.first);
    const peers = await this.loaders.peer.loadMany(ranked.map((m) => m.candidate.id));
    return ranked.flatMap((m, i) => {
      const peer = peers[i];
      if (!(peer instanceof Peer)) return []; // deleted between the two queries
      // Reasons name an area only when the peer shows it to this caller on the profile.
      const reader = readerOf(this.identity, peer);
      const factors = withHiddenAreas(m.factors, (area) => showsArea(reader, peer, area)).map(
        ({ kind, points, reason, area, detail }): PeerMatchFactor => ({
          kind,
          points,
          reason,
          ...detail,
          ...(area ? { livedExperience: area } : {}),
        }),
      );
      const { score, distanceKm, openPlaces } = m;
      return [
        { peer, score, reasons: factors.map((f) => f.reason), factors, distanceKm, openPlaces },
      ];
    });
  }

  private async candidates(request: MatchRequest): Promise<MatchCandidate[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!request.includeUnavailable) where.push(`p.availability <> 'UNAVAILABLE'`);
    if (!request.includeAtCapacity) where.push('p.current_caseload < p.caseload_capacity');
    if (!request.includeOutsideServiceArea && (request.near || request.county)) {
      const area: string[] = [];
      if (request.near) {
        const { latitude, longitude } = request.near;
        // Longitude degrees shrink towards the poles; take the cosine a little poleward of the point.
        const cos = Math.max(
          0.01,
          Math.cos((Math.min(89, Math.abs(latitude) + 2) * Math.PI) / 180),
        );
        area.push(`(p.service_radius_km is not null
          and p.service_latitude between ? - p.service_radius_km / ${KM_PER_DEGREE_LATITUDE} and ? + p.service_radius_km / ${KM_PER_DEGREE_LATITUDE}
          and p.service_longitude between ? - p.service_radius_km / ? and ? + p.service_radius_km / ?)`);
        const kmPerDegreeLongitude = 111.32 * cos;
        params.push(
          latitude,
          latitude,
          longitude,
          kmPerDegreeLongitude,
          longitude,
          kmPerDegreeLongitude,
        );
      }
      if (request.county) {
        area.push('p.service_counties @> array[?]::text[]');
        params.push(canonicalCounty(request.county));
      }
      where.push(`(${area.join(' or ')})`);
    }
    // A factor scores only what the request asks for, so a list it does not ask about need not leave
    // the database: an empty one scores the same.
    const columns = {
      pronouns: !!request.pronouns?.length,
      languages: !!request.languages?.length,
      livedExperience: !!request.livedExperience?.length,
      certifications: !!request.specializations?.length,
      counties: !!request.county,
    };
    return fetchCandidates(this.em, where, params, columns);
  }
}

const ALL_COLUMNS = {
  pronouns: true,
  languages: true,
  livedExperience: true,
  certifications: true,
  counties: true,
};

/** Every peer's matching data, for the in-memory index. */
export function fetchAllCandidates(em: EntityManager): Promise<MatchCandidate[]> {
  return fetchCandidates(em, [], [], ALL_COLUMNS);
}

async function fetchCandidates(
  em: EntityManager,
  where: string[],
  params: unknown[],
  wanted: typeof ALL_COLUMNS,
): Promise<MatchCandidate[]> {
  const columns = [
    wanted.pronouns ? 'p.pronouns' : 'null',
    wanted.languages ? 'p.languages' : 'null',
    wanted.livedExperience ? 'p.lived_experience' : 'null',
    wanted.certifications ? 'p.certifications' : 'null',
    wanted.counties ? 'p.service_counties' : 'null',
  ].join(', ');
  // One row holding every candidate as JSON: JSON.parse is native and quick, where the driver's
  // per-row, per-column parsing of arrays costs more than the scoring itself.
  const [result] = await em.getConnection().execute<{ candidates: string | null }[]>(
    `select coalesce(json_agg(json_build_array(p.id, ${columns}, p.availability, p.caseload_capacity,
            p.current_caseload, p.service_latitude, p.service_longitude, p.service_radius_km))::text, '[]') as candidates
       from peer p ${where.length ? `where ${where.join(' and ')}` : ''}`,
    params,
  );
  const rows = JSON.parse(result?.candidates ?? '[]') as CandidateRow[];
  return rows.map((r) => ({
    id: r[0],
    pronouns: r[1],
    languages: r[2] ?? [],
    livedExperience: r[3] ?? [],
    certifications: r[4] ?? [],
    serviceCounties: r[5] ?? [],
    availability: r[6],
    caseloadCapacity: r[7],
    currentCaseload: r[8],
    serviceLatitude: r[9],
    serviceLongitude: r[10],
    serviceRadiusKm: r[11],
  }));
}
