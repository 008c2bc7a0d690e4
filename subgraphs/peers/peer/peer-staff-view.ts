import { isExpired } from './certification';
import type { LivedExperienceArea } from './peer.enums';
import type { Peer, PeerCertification, PeerServiceArea, PeerWorkContact } from './peer.entity';

/** What signed-in staff see of a peer beyond the public card. */
export interface PeerStaffView {
  livedExperience: LivedExperienceArea[];
  serviceArea: PeerServiceArea;
  workContact: PeerWorkContact;
  caseloadCapacity: number;
  currentCaseload: number;
  /** caseloadCapacity − currentCaseload, at least 0. */
  openPlaces: number;
  caseloadUpdatedAt: Date | null;
}

export function peerStaffView(peer: Peer): PeerStaffView {
  return {
    livedExperience: peer.livedExperience,
    serviceArea: {
      latitude: peer.serviceLatitude ?? null,
      longitude: peer.serviceLongitude ?? null,
      radiusKm: peer.serviceRadiusKm ?? null,
      counties: peer.serviceCounties,
    },
    workContact: { phone: peer.workPhone ?? null, email: peer.workEmail ?? null },
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
