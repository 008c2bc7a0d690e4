import { describe, expect, it } from 'vitest';
import { certificationsView, peerStaffView } from './peer-staff-view';
import {
  LivedExperienceArea,
  LivedExperienceVisibility,
  PeerCertificationType,
  WorkContactVisibility,
} from './peer.enums';
import type { Reader } from './peer-visibility';
import { Peer } from './peer.entity';

const peer = (over: Partial<Peer> = {}): Peer =>
  Object.assign(new Peer(), {
    id: 'p1',
    livedExperience: [LivedExperienceArea.HOMELESSNESS],
    serviceCounties: ['Alameda County'],
    caseloadCapacity: 5,
    currentCaseload: 2,
    workPhone: '+1 510 555 0100',
    certifications: [
      {
        type: PeerCertificationType.MEDI_CAL_PEER_SUPPORT_SPECIALIST,
        name: null,
        number: 'PSS-1',
        issuedOn: null,
        expiresOn: '2026-11-23',
        specializations: [],
      },
    ],
    ...over,
  });

const colleague: Reader = { self: false, organizationStaff: true, signedIn: true };
const stranger: Reader = { self: false, organizationStaff: false, signedIn: true };

describe('peerStaffView', () => {
  it('gathers the details staff see, with open places never below zero', () => {
    expect(peerStaffView(peer(), colleague)).toMatchObject({
      serviceArea: {
        latitude: null,
        longitude: null,
        radiusKm: null,
        counties: ['Alameda County'],
      },
      workContact: { phone: '+1 510 555 0100', email: null },
      caseloadCapacity: 5,
      currentCaseload: 2,
      openPlaces: 3,
      caseloadUpdatedAt: null,
    });
    expect(peerStaffView(peer({ currentCaseload: 9 }), colleague).openPlaces).toBe(0);
  });

  it('shows lived experience and the work contact only as far as the peer chose', () => {
    const areas = [LivedExperienceArea.HOMELESSNESS, LivedExperienceArea.IMMIGRATION];
    const byDefault = peer({ livedExperience: areas });
    expect(peerStaffView(byDefault, colleague)).toMatchObject({
      livedExperience: [LivedExperienceArea.HOMELESSNESS],
      workContact: { phone: '+1 510 555 0100' },
    });
    expect(peerStaffView(byDefault, stranger)).toMatchObject({
      livedExperience: [],
      workContact: null,
    });
    const open = peer({
      livedExperience: areas,
      livedExperienceVisibility: { IMMIGRATION: LivedExperienceVisibility.SIGNED_IN },
      workContactVisibility: WorkContactVisibility.SIGNED_IN,
    });
    expect(peerStaffView(open, stranger)).toMatchObject({
      livedExperience: [LivedExperienceArea.IMMIGRATION],
      workContact: { phone: '+1 510 555 0100' },
    });
  });
});

describe('certificationsView', () => {
  it('shows certificate numbers to staff only, and expiry as of today', () => {
    const [forStaff] = certificationsView(peer(), '2026-11-24', true);
    const [forAnyone] = certificationsView(peer(), '2026-11-23', false);
    expect(forStaff).toMatchObject({
      number: 'PSS-1',
      expired: true,
      name: 'MEDI_CAL_PEER_SUPPORT_SPECIALIST',
    });
    expect(forAnyone).toMatchObject({ number: null, expired: false });
  });
});
