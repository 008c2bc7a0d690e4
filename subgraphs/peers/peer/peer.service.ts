import type { EntityManager } from '@mikro-orm/postgresql';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../kit/errors';
import { hasRole, isAdmin, type Identity } from '../../kit/identity';
import { isUuid } from '../../kit/ids';
import { canonicalLanguages } from '../../kit/languages';
import { assertVersion, flushOrConflict } from '../../kit/orm-errors';
import { keysetPage, type Page } from '../../kit/pagination';
import { assertCanEditPeer, assertSignedIn, isSignedInStaff } from '../access';
import { canonicalCounty } from '../county';
import { CERTIFICATION_NAMES, certificationToday, type CertificationRecord } from './certification';
import { certificationsView, peerStaffView, type PeerStaffView } from './peer-staff-view';
import { DEFAULT_LIVED_EXPERIENCE_VISIBILITY, PeerCertificationType } from './peer.enums';
import { Peer, type PeerCertification } from './peer.entity';
import { readerOf, showsArea, visibilityForAreas } from './peer-visibility';
import type {
  PeerCertificationInput,
  PeerFilter,
  PeerProfileInput,
  PeerServiceAreaInput,
} from './peer.inputs';

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

function certificationFrom(input: PeerCertificationInput, index: number): CertificationRecord {
  const field = `certifications[${index}]`;
  if (input.type === PeerCertificationType.OTHER && !clean(input.name)) {
    throw new BadUserInputError('is required for a certification of type OTHER', `${field}.name`);
  }
  if (input.issuedOn && input.expiresOn && input.expiresOn < input.issuedOn) {
    throw new BadUserInputError('must not be before issuedOn', `${field}.expiresOn`);
  }
  return {
    type: input.type,
    name: clean(input.name) ?? CERTIFICATION_NAMES[input.type],
    number: clean(input.number),
    issuedOn: input.issuedOn ?? null,
    expiresOn: input.expiresOn ?? null,
    specializations: [...new Set(input.specializations ?? [])],
  };
}

function assertServiceArea(area: PeerServiceAreaInput): void {
  const point = [area.latitude, area.longitude, area.radiusKm];
  const given = point.filter((v) => v !== null && v !== undefined).length;
  if (given > 0 && given < 3) {
    const missing = (['latitude', 'longitude', 'radiusKm'] as const).find(
      (k) => area[k] === null || area[k] === undefined,
    )!;
    throw new BadUserInputError(
      'is required with the other two of latitude, longitude and radiusKm',
      `serviceArea.${missing}`,
    );
  }
  if (given === 0 && !(area.counties ?? []).some((c) => c.trim())) {
    throw new BadUserInputError('must give a point with radiusKm, or counties', 'serviceArea');
  }
}

export class PeerService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
  ) {}

  /** Whether the caller may see a peer's details beyond the public card. */
  get showsDetails(): boolean {
    return isSignedInStaff(this.identity);
  }

  /** Today's date for certification expiry; one value per request so a response agrees with itself. */
  readonly today = certificationToday();

  /**
   * The peer's details beyond the public card; null unless the caller is signed-in staff. Built from
   * the peer as it is at each read, so a change made earlier in the same operation shows.
   */
  staffView(peer: Peer): PeerStaffView | null {
    return this.showsDetails ? peerStaffView(peer, readerOf(this.identity, peer)) : null;
  }

  /** The peer's certifications as of today; their numbers, like the rest of the details, for staff only. */
  certifications(peer: Peer): PeerCertification[] {
    return certificationsView(peer, this.today, this.showsDetails);
  }

  async get(id: string): Promise<Peer> {
    const peer = isUuid(id) ? await this.em.findOne(Peer, id) : null;
    if (!peer) throw new NotFoundError('Peer', id);
    return peer;
  }

  /** The caller's own profile, or null when they are not a peer or have none yet. */
  async mine(): Promise<Peer | null> {
    if (!hasRole(this.identity, 'peer') || !isUuid(this.identity.peer)) return null;
    return this.em.findOne(Peer, this.identity.peer);
  }

  list(
    filter: PeerFilter | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<Peer>> {
    const where = this.filterSql(filter);
    const qb = () => {
      const q = this.em.createQueryBuilder(Peer, 'p');
      for (const [sql, params] of where) q.andWhere(sql, params);
      return q;
    };
    return keysetPage({
      first,
      after,
      cursorField: 'name',
      sortValue: (peer) => peer.displayName,
      rows: (cursor, limit) => {
        const page = qb();
        if (cursor) page.andWhere('(p.display_name, p.id) > (?, ?)', [cursor.value, cursor.id]);
        return page.orderBy({ displayName: 'asc', id: 'asc' }).limit(limit).getResultList();
      },
      count: () => qb().getCount(),
    });
  }

  private filterSql(filter: PeerFilter | undefined): [string, unknown[]][] {
    const where: [string, unknown[]][] = [];
    if (!filter) return where;
    if (filter.organizationId) where.push(['p.organization_id = ?', [filter.organizationId]]);
    const text = filter.nameContains?.trim();
    if (text)
      where.push(['p.display_name ilike ?', [`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]]);
    if (filter.languages?.length)
      where.push(['p.languages && array[?]::text[]', [canonicalLanguages(filter.languages)]]);
    if (filter.availability?.length) where.push(['p.availability in (?)', [filter.availability]]);
    if (filter.county?.trim()) {
      where.push(['p.service_counties @> array[?]::text[]', [canonicalCounty(filter.county)]]);
    }
    if (filter.livedExperience?.length) {
      // Filtering by it would disclose it: lived experience is for signed-in staff only.
      if (!this.showsDetails)
        throw new UnauthenticatedError('Sign in to find peers by lived experience.');
      // Only by the areas this caller may see: a filter must not find a peer through a hidden one.
      const self =
        hasRole(this.identity, 'peer') && isUuid(this.identity.peer) ? this.identity.peer : null;
      const org = isUuid(this.identity.org) ? this.identity.org : null;
      const defaults = JSON.stringify(DEFAULT_LIVED_EXPERIENCE_VISIBILITY);
      where.push([
        `exists (select 1 from unnest(p.lived_experience) a
          cross join lateral (select coalesce(p.lived_experience_visibility ->> a, ?::jsonb ->> a) as shown_to) v
          where a in (?) and (p.id = ?::uuid or v.shown_to = 'SIGNED_IN'
            or (v.shown_to = 'ORGANIZATION_STAFF' and (?::boolean or p.organization_id = ?::uuid))))`,
        [defaults, filter.livedExperience, self, isAdmin(this.identity), org],
      ]);
    }
    if (filter.specializations?.length) {
      where.push([
        `exists (select 1 from jsonb_array_elements(p.certifications) c, jsonb_array_elements_text(c->'specializations') s
          where (c->>'expiresOn' is null or c->>'expiresOn' >= ?) and s in (?))`,
        [this.today, filter.specializations],
      ]);
    }
    return where;
  }

  /**
   * Creates or updates a profile. Without an id a peer means their own profile (the token's `peer`
   * claim); partners and admins creating one get a new id.
   */
  async upsert(
    id: string | null | undefined,
    expectedVersion: number | null | undefined,
    input: PeerProfileInput,
  ): Promise<Peer> {
    assertSignedIn(this.identity);
    const targetId = id ?? (hasRole(this.identity, 'peer') ? this.identity.peer : null);
    if (targetId !== null && !isUuid(targetId))
      throw new BadUserInputError('must be a peer id (a UUID)', 'id');
    const existing = targetId ? await this.em.findOne(Peer, targetId) : null;
    return existing ? this.update(existing, expectedVersion, input) : this.create(targetId, input);
  }

  private async create(id: string | null, input: PeerProfileInput): Promise<Peer> {
    const organizationId =
      input.organizationId === undefined ? this.identity.org : input.organizationId;
    const self = id !== null && hasRole(this.identity, 'peer') && this.identity.peer === id;
    const partnerOfOrg =
      hasRole(this.identity, 'partner') &&
      !!this.identity.org &&
      organizationId === this.identity.org;
    if (!isAdmin(this.identity) && !self && !partnerOfOrg) {
      throw new ForbiddenError(
        'Peers may create their own profile, partners profiles in their own organization, admins any profile.',
      );
    }
    if (self && !isAdmin(this.identity)) this.assertOwnOrganization(organizationId ?? null);
    if (!input.displayName)
      throw new BadUserInputError('is required for a new profile', 'displayName');
    if (input.caseloadCapacity === undefined)
      throw new BadUserInputError('is required for a new profile', 'caseloadCapacity');
    const peer = this.em.create(Peer, {
      ...(id ? { id } : {}),
      displayName: input.displayName.trim(),
      organizationId: isUuid(organizationId) ? organizationId : null,
      caseloadCapacity: input.caseloadCapacity,
    });
    this.apply(peer, input);
    this.em.persist(peer);
    await flushOrConflict(this.em, 'This peer profile');
    return peer;
  }

  private async update(
    peer: Peer,
    expectedVersion: number | null | undefined,
    input: PeerProfileInput,
  ): Promise<Peer> {
    assertCanEditPeer(this.identity, peer);
    assertVersion('This peer profile', peer.version, expectedVersion);
    if (input.displayName === null) throw new BadUserInputError('cannot be cleared', 'displayName');
    if (input.caseloadCapacity === null)
      throw new BadUserInputError('cannot be cleared', 'caseloadCapacity');
    if (
      input.organizationId !== undefined &&
      (input.organizationId ?? null) !== (peer.organizationId ?? null)
    ) {
      if (!isAdmin(this.identity)) {
        if (!hasRole(this.identity, 'peer') || this.identity.peer !== peer.id) {
          throw new ForbiddenError('Only admins may move a peer to another organization.');
        }
        this.assertOwnOrganization(input.organizationId ?? null);
      }
      peer.organizationId = input.organizationId ?? null;
    }
    if (input.displayName !== undefined) peer.displayName = input.displayName.trim();
    if (input.caseloadCapacity !== undefined) peer.caseloadCapacity = input.caseloadCapacity;
    this.apply(peer, input);
    await flushOrConflict(this.em, 'This peer profile');
    return peer;
  }

  /** A peer may say they work for the organization their token names, or for none. */
  private assertOwnOrganization(organizationId: string | null): void {
    if (organizationId !== null && organizationId !== this.identity.org) {
      throw new ForbiddenError(
        'A peer may name only the organization of their sign-in; ask a partner or admin.',
      );
    }
  }

  private apply(peer: Peer, input: PeerProfileInput): void {
    if (input.pronouns !== undefined) peer.pronouns = clean(input.pronouns);
    // One code per language, as every subgraph stores it ("spa" is "es"; "hmn" stays "hmn").
    if (input.languages) peer.languages = canonicalLanguages(input.languages);
    if (input.livedExperience) {
      // Areas this editor cannot see stay: a partner keeping a profile neither sees nor removes
      // what the peer shows no one. New areas get their default visibility written out.
      const reader = readerOf(this.identity, peer);
      const hidden = peer.livedExperience.filter((area) => !showsArea(reader, peer, area));
      peer.livedExperience = [...new Set([...input.livedExperience, ...hidden])];
      peer.livedExperienceVisibility = visibilityForAreas(
        peer.livedExperience,
        peer.livedExperienceVisibility,
      );
    }
    if (input.certifications) peer.certifications = input.certifications.map(certificationFrom);
    if (input.availability) peer.availability = input.availability;
    if (input.currentCaseload !== undefined && input.currentCaseload !== null) {
      peer.currentCaseload = input.currentCaseload;
      peer.caseloadUpdatedAt = new Date();
    }
    if (input.serviceArea !== undefined) {
      const area = input.serviceArea;
      if (area) assertServiceArea(area);
      peer.serviceLatitude = area?.latitude ?? null;
      peer.serviceLongitude = area?.longitude ?? null;
      peer.serviceRadiusKm = area?.radiusKm ?? null;
      peer.serviceCounties = [
        ...new Set((area?.counties ?? []).filter((c) => c.trim()).map(canonicalCounty)),
      ];
    }
    if (input.workContact !== undefined) {
      peer.workPhone = clean(input.workContact?.phone);
      peer.workEmail = clean(input.workContact?.email);
    }
  }
}
