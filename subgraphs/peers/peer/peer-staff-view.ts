import { isExpired } from './certification';
import type { LivedExperienceArea } from './peer.enums';
import type { Peer, PeerCertification, PeerServiceArea, PeerWorkContact } from './peer.entity';
import { shownAreas, showsWorkContact, type Reader } from './peer-visibility';

/**
 * What signed-in staff see of a peer beyond the public card. Lived experience and the work contact
 * go only as far as the peer chose (peer-visibility.ts): the areas this reader may see, and the
 * contact or null.
 */
export interface PeerStaffView {
  livedExperience: LivedExperienceArea[];
  serviceArea: PeerServiceArea;
  workContact: PeerWorkContact | null;
  caseloadCapacity: number;
  currentCaseload: number;
  /** caseloadCapacity − currentCaseload, at least 0. */
  openPlaces: number;
  caseloadUpdatedAt: Date | null;
}

export function peerStaffView(peer: Peer, reader: Reader): PeerStaffView {
  return {
    livedExperience: shownAreas(reader, peer),
    serviceArea: {
      latitude: peer.serviceLatitude ?? null,
      longitude: peer.serviceLongitude ?? null,
      radiusKm: peer.serviceRadiusKm ?? null,
      counties: peer.serviceCounties,
    },
    workContact: showsWorkContact(reader, peer)
      ? { phone: peer.workPhone ?? null, email: peer.workEmail ?? null }
      : null,
    caseloadCapacity: peer.caseloadCapacity,
    currentCaseload: peer.currentCaseload,
    openPlaces: Math.max(0, peer.caseloadCapacity - peer.currentCaseload),
    caseloadUpdatedAt: peer.caseloadUpdatedAt ?? null,
  };
}

/** A peer's certifications as of `today`; their numbers only for staff. */
export function certificationsView(peer: Peer, today: string, staff: boolean): PeerCertification[] {
  return peer.certifications.map((c) => ({
    type: c.type,
    name: c.name ?? c.type,
    number: staff ? c.number : null,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    expired: isExpired(c, today),
    specializations: c.specializations,
  }));
}
