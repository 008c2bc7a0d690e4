import { ConsentInformation, ConsentSigner, ConsentStatus } from './consent.enums';

/** The parts of a consent that decide what it allows. */
export interface ConsentTerms {
  recipientOrganizationIds: readonly string[];
  /** The peers the person agreed to, by id: being assigned is not being named. */
  recipientPeerIds: readonly string[];
  information: readonly ConsentInformation[];
  signedAt: Date;
  expiresAt: Date;
  revokedAt?: Date | null;
}

/**
 * Someone a referral's details may be disclosed to: an organization, or a peer, who is covered when
 * the consent names them or the organization they work for.
 */
export type Recipient =
  { organizationId: string } | { peerId: string; peerOrganizationId: string | null };

/** Worked out at each read: a revocation or an expiry takes effect on the very next one. */
export function consentStatus(consent: ConsentTerms, now: Date): ConsentStatus {
  if (consent.revokedAt && consent.revokedAt.getTime() <= now.getTime())
    return ConsentStatus.REVOKED;
  if (consent.expiresAt.getTime() <= now.getTime()) return ConsentStatus.EXPIRED;
  return ConsentStatus.ACTIVE;
}

/** Whether `consent` names `recipient`: only those it names are shown it (or read through it). */
export function names(consent: ConsentTerms, recipient: Recipient): boolean {
  if ('organizationId' in recipient)
    return consent.recipientOrganizationIds.includes(recipient.organizationId);
  return (
    consent.recipientPeerIds.includes(recipient.peerId) ||
    (recipient.peerOrganizationId !== null &&
      consent.recipientOrganizationIds.includes(recipient.peerOrganizationId))
  );
}

/** What the active consents let `recipient` see now: the union of what each of them covers. */
export function coveredInformation(
  consents: readonly ConsentTerms[],
  recipient: Recipient,
  now: Date,
): Set<ConsentInformation> {
  const covered = new Set<ConsentInformation>();
  for (const consent of consents) {
    if (consentStatus(consent, now) !== ConsentStatus.ACTIVE || !names(consent, recipient))
      continue;
    for (const item of consent.information) covered.add(item);
  }
  return covered;
}

export interface ConsentDraft {
  information: readonly ConsentInformation[];
  revocationAcknowledged: boolean;
  expiresAt: Date;
  signedAt: Date;
  signedBy: ConsentSigner;
  representativeRelationship?: string | null;
}

/** A consent may not be signed more than a year before it is recorded. */
export const MAX_SIGNATURE_AGE_DAYS = 365;
/** Clocks differ: a signature a few minutes "in the future" is still taken. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What makes a consent invalid under Part 2 beyond the shape of the input, or undefined. */
export function consentDraftProblem(
  draft: ConsentDraft,
  now: Date,
): { field: string; message: string } | undefined {
  if (!draft.revocationAcknowledged) {
    return {
      field: 'revocationAcknowledged',
      message: 'must be true: the person must be told they may revoke consent',
    };
  }
  if (!draft.information.includes(ConsentInformation.IDENTITY)) {
    // Without IDENTITY nothing about who the person is may be disclosed, so there is nothing to consent to here.
    return {
      field: 'information',
      message: 'must include IDENTITY for a referral to be disclosed',
    };
  }
  if (draft.signedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return { field: 'signedAt', message: 'must not be in the future' };
  }
  if (draft.signedAt.getTime() < now.getTime() - MAX_SIGNATURE_AGE_DAYS * 86_400_000) {
    return { field: 'signedAt', message: `must be within the last ${MAX_SIGNATURE_AGE_DAYS} days` };
  }
  if (draft.expiresAt.getTime() <= now.getTime())
    return { field: 'expiresAt', message: 'must be in the future' };
  if (draft.expiresAt.getTime() <= draft.signedAt.getTime()) {
    return { field: 'expiresAt', message: 'must be after signedAt' };
  }
  if (
    draft.signedBy === ConsentSigner.AUTHORIZED_REPRESENTATIVE &&
    !draft.representativeRelationship?.trim()
  ) {
    return {
      field: 'representativeRelationship',
      message: 'is required when a representative signed',
    };
  }
  return undefined;
}
