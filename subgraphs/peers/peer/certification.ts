import { PeerCertificationType, PeerSpecialization } from './peer.enums';

/** A certification as stored in the peer's row (jsonb). Dates are calendar days, `YYYY-MM-DD`. */
export interface CertificationRecord {
  type: PeerCertificationType;
  name: string | null;
  number: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  specializations: PeerSpecialization[];
}

/**
 * Certificates are Californian, so a certificate is good through its expiry day as it is in
 * California: at 17:00 in Los Angeles on the expiry day it is still valid, whatever UTC says.
 */
export const CERTIFICATION_TIME_ZONE = 'America/Los_Angeles';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: CERTIFICATION_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date (`YYYY-MM-DD`) where certificates are issued. */
export function certificationToday(now: Date = new Date()): string {
  return dayFormat.format(now);
}

/** Expired once the expiry day has passed; a certificate without an expiry day never expires. */
export function isExpired(
  certification: Pick<CertificationRecord, 'expiresOn'>,
  today: string,
): boolean {
  return certification.expiresOn !== null && certification.expiresOn < today;
}

const ORDER = Object.values(PeerSpecialization);

/** The specializations a peer holds today: those of certifications that have not expired. */
export function currentSpecializations(
  certifications: readonly CertificationRecord[],
  today: string,
): PeerSpecialization[] {
  const held = new Set<PeerSpecialization>();
  for (const c of certifications) {
    if (!isExpired(c, today)) for (const s of c.specializations) held.add(s);
  }
  return ORDER.filter((s) => held.has(s));
}

export const CERTIFICATION_NAMES: Record<PeerCertificationType, string> = {
  [PeerCertificationType.MEDI_CAL_PEER_SUPPORT_SPECIALIST]:
    'Medi-Cal Peer Support Specialist Certification (California)',
  [PeerCertificationType.NATIONAL_CERTIFIED_PEER_SPECIALIST]: 'National Certified Peer Specialist',
  [PeerCertificationType.CERTIFIED_PEER_RECOVERY_SPECIALIST]: 'Certified Peer Recovery Specialist',
  [PeerCertificationType.OTHER]: 'Other certification',
};
