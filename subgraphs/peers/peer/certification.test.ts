import { describe, expect, it } from 'vitest';
import {
  certificationToday,
  currentSpecializations,
  isExpired,
  type CertificationRecord,
} from './certification';
import { PeerCertificationType, PeerSpecialization } from './peer.enums';

const cert = (
  expiresOn: string | null,
  specializations: PeerSpecialization[],
): CertificationRecord => ({
  type: PeerCertificationType.MEDI_CAL_PEER_SUPPORT_SPECIALIST,
  name: null,
  number: null,
  issuedOn: null,
  expiresOn,
  specializations,
});

describe('certification expiry', () => {
  it('is valid through its expiry day and expired the day after', () => {
    expect(isExpired(cert('2026-11-23', []), '2026-11-23')).toBe(false);
    expect(isExpired(cert('2026-11-23', []), '2026-11-24')).toBe(true);
    expect(isExpired(cert(null, []), '2099-01-01')).toBe(false);
  });

  it("takes today's date in California, not UTC", () => {
    // 02:00 UTC on the 24th is still the evening of the 23rd in Los Angeles.
    expect(certificationToday(new Date('2026-11-24T02:00:00Z'))).toBe('2026-11-23');
    expect(certificationToday(new Date('2026-11-24T09:00:00Z'))).toBe('2026-11-24');
  });

  it('counts only the specializations of certifications that have not expired', () => {
    const certs = [
      cert('2026-01-31', [PeerSpecialization.CRISIS_CARE, PeerSpecialization.UNHOUSED]),
      cert('2027-06-30', [PeerSpecialization.JUSTICE_INVOLVED, PeerSpecialization.UNHOUSED]),
    ];
    expect(currentSpecializations(certs, '2026-11-23')).toEqual([
      PeerSpecialization.UNHOUSED,
      PeerSpecialization.JUSTICE_INVOLVED,
    ]);
    expect(currentSpecializations(certs, '2027-07-01')).toEqual([]);
  });
});
