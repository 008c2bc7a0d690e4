import { isAdmin, type Identity } from '../../kit/identity';
import { isSignedInStaff, isThisPeer } from '../access';
import {
  DEFAULT_LIVED_EXPERIENCE_VISIBILITY,
  LivedExperienceVisibility,
  WorkContactVisibility,
  type LivedExperienceArea,
} from './peer.enums';
import type { LivedExperienceVisibilityMap } from './peer.entity';

/**
 * Who is reading a peer's profile, in the terms a peer chooses by: the peer themself, staff of the
 * peer's organization (admins count as such), anyone signed in, or no one signed in.
 */
export interface Reader {
  self: boolean;
  organizationStaff: boolean;
  signedIn: boolean;
}

export interface VisibilityOwner {
  id: string;
  organizationId?: string | null;
  livedExperience: readonly LivedExperienceArea[];
  livedExperienceVisibility: LivedExperienceVisibilityMap;
  workContactVisibility: WorkContactVisibility;
}

export function readerOf(
  identity: Identity,
  peer: { id: string; organizationId?: string | null },
): Reader {
  const signedIn = isSignedInStaff(identity);
  const sameOrganization = identity.org !== null && identity.org === (peer.organizationId ?? null);
  return {
    self: isThisPeer(identity, peer.id),
    organizationStaff: signedIn && (isAdmin(identity) || sameOrganization),
    signedIn,
  };
}

/** Who sees an area of this peer: the peer's choice, else the area's default. */
export function areaVisibility(
  peer: Pick<VisibilityOwner, 'livedExperienceVisibility'>,
  area: LivedExperienceArea,
): LivedExperienceVisibility {
  return peer.livedExperienceVisibility[area] ?? DEFAULT_LIVED_EXPERIENCE_VISIBILITY[area];
}

export function shows(
  reader: Reader,
  visibility: LivedExperienceVisibility | WorkContactVisibility,
): boolean {
  if (reader.self) return true;
  switch (visibility) {
    case LivedExperienceVisibility.SIGNED_IN:
    case WorkContactVisibility.SIGNED_IN:
      return reader.signedIn;
    case LivedExperienceVisibility.ORGANIZATION_STAFF:
    case WorkContactVisibility.ORGANIZATION_STAFF:
      return reader.organizationStaff;
    case LivedExperienceVisibility.MATCHING_ONLY:
      return false;
  }
}

export function showsArea(
  reader: Reader,
  peer: Pick<VisibilityOwner, 'livedExperienceVisibility'>,
  area: LivedExperienceArea,
): boolean {
  return shows(reader, areaVisibility(peer, area));
}

/** The areas of a peer this reader may see, in the peer's order. */
export function shownAreas(reader: Reader, peer: VisibilityOwner): LivedExperienceArea[] {
  return peer.livedExperience.filter((area) => showsArea(reader, peer, area));
}

export function showsWorkContact(reader: Reader, peer: VisibilityOwner): boolean {
  return shows(reader, peer.workContactVisibility);
}

/** Wider first: who sees more. Only the peer may widen who sees something of theirs. */
const REACH: Record<LivedExperienceVisibility | WorkContactVisibility, number> = {
  [LivedExperienceVisibility.SIGNED_IN]: 2,
  [LivedExperienceVisibility.ORGANIZATION_STAFF]: 1,
  [LivedExperienceVisibility.MATCHING_ONLY]: 0,
};

export function widens(
  from: LivedExperienceVisibility | WorkContactVisibility,
  to: LivedExperienceVisibility | WorkContactVisibility,
): boolean {
  return REACH[to] > REACH[from];
}

/**
 * The visibility of each area a peer now holds: an area kept keeps the peer's choice, a new one
 * gets its default written out, a removed one is forgotten.
 */
export function visibilityForAreas(
  areas: readonly LivedExperienceArea[],
  current: LivedExperienceVisibilityMap,
): LivedExperienceVisibilityMap {
  const next: LivedExperienceVisibilityMap = {};
  for (const area of areas) next[area] = current[area] ?? DEFAULT_LIVED_EXPERIENCE_VISIBILITY[area];
  return next;
}
