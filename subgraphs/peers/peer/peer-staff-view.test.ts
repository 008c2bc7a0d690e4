import { describe, expect, it } from 'vitest';
import { certificationsView, peerStaffView } from './peer-staff-view';
import { LivedExperienceArea, PeerCertificationType } from './peer.enums';
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

describe('peerStaffView', () => {
  it('gathers the details staff see, with open places never below zero', () => {
    expect(peerStaffView(peer())).toMatchObject({
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
    expect(peerStaffView(peer({ currentCaseload: 9 })).openPlaces).toBe(0);
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
