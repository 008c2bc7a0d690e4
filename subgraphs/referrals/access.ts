import { hasRole, isAdmin, type Identity, type Role } from '../kit/identity';
import { coveredInformation, type ConsentTerms } from './consent/consent-rules';
import { ConsentInformation } from './consent/consent.enums';
import type { Actor } from './referral/referral-lifecycle';

/** Who a referral involves, as far as access is concerned. */
export interface ReferralParties {
  createdBy: string;
  referrerOrgId: string | null;
  receivingOrgId: string;
  assignedPeerId: string | null;
  /** The assigned peer's organization: a consent naming it covers the peer. */
  assignedPeerOrgId: string | null;
  /** Whether the person may be contacted directly: without it nobody else gets their contact. */
  personContactAllowed: boolean;
  /** Sent to the receiving organization (drafts are not). */
  requestedAt: Date | null;
}

/** The ways one caller is involved in one referral. */
export interface Involvement extends Actor {
  assignedPeer: boolean;
}

/**
 * The referrer and their organization's discharge planners are the referring side; the receiving
 * organization's partners, once it was sent, the receiving side; the assigned peer walks with the
 * person; admins see everything.
 */
export function involvement(identity: Identity, referral: ReferralParties): Involvement {
  const signedIn = identity.sub !== null;
  return {
    admin: signedIn && isAdmin(identity),
    referrer:
      signedIn &&
      (identity.sub === referral.createdBy ||
        (hasRole(identity, 'discharge_planner') &&
          identity.org !== null &&
          identity.org === referral.referrerOrgId)),
    receiver:
      signedIn &&
      hasRole(identity, 'partner') &&
      identity.org !== null &&
      identity.org === referral.receivingOrgId &&
      referral.requestedAt !== null,
    assignedPeer:
      signedIn &&
      hasRole(identity, 'peer') &&
      identity.peer !== null &&
      identity.peer === referral.assignedPeerId,
  };
}

export function canSee(who: Involvement): boolean {
  return who.admin || who.referrer || who.receiver || who.assignedPeer;
}

/**
 * What of a referral one reader is shown, part by part (42 CFR Part 2: the minimum necessary). Each
 * part is a set of fields; DISCLOSURE_POLICY says which consent classes open it, and
 * ReferralDisclosureService applies it to every field, the FHIR bundle and the access log.
 */
export interface PersonAccess {
  /** Who the person is: `Referral.person` (name, language, reference), the FHIR Patient. */
  identity: boolean;
  /** How to reach them: `ReferralPerson.contact`, the Patient's telecom. */
  contact: boolean;
  /**
   * Anything a person typed, which can name the person or say more about them than any code:
   * `Referral.statusReason`, `ReferralEvent.reason`, `ReferralOutcome.note`, `Referral.notes`, and
   * the same text in the FHIR bundle (Task.statusReason.text, Task.output text). Without it the
   * reader sees the codes (`statusReasonCode`, `reasonCode`, `outcome.code`).
   */
  freeText: boolean;
  /**
   * What the person needs: `Referral.needs`, and in the FHIR ServiceRequest its SDOH `category` and
   * the need codings beside `code` (substance use apart).
   */
  needs: boolean;
  /** When they leave: `Referral.expectedDischargeAt`, ServiceRequest.occurrenceDateTime. */
  dischargePlan: boolean;
  /**
   * Substance-use treatment (42 CFR Part 2's own): the needs in SUBSTANCE_USE_NEEDS (detox, MAT,
   * SUD treatment, recovery residences), wherever the needs appear.
   */
  substanceUse: boolean;
}

export type DisclosedPart = keyof PersonAccess;

/** Needs that are substance-use treatment: shown only with SUBSTANCE_USE_TREATMENT. */
export const SUBSTANCE_USE_NEEDS: ReadonlySet<string> = new Set([
  'substance-use-treatment',
  'medication-for-addiction-treatment',
  'recovery-residence',
  'detox',
]);

/** The needs `access` shows: substance-use ones only with `substanceUse`, the others with `needs`. */
export function disclosedNeeds(needs: readonly string[], access: PersonAccess): string[] {
  return needs.filter((need) =>
    SUBSTANCE_USE_NEEDS.has(need) ? access.substanceUse : access.needs,
  );
}

/**
 * The disclosure policy, in one table: the consent classes a part needs, all of them. Free text
 * needs IDENTITY, as the person does: a reason or a note can name them ("Maria G., born 1990,
 * re-arrested"), so whoever may not know who the person is may not read it. Substance-use needs
 * are needs, and Part 2's own class besides. GraphQL fields and the FHIR bundle go through it
 * (ReferralDisclosureService, referral-fhir.ts); the access log names the parts it opened.
 */
export const DISCLOSURE_POLICY: Readonly<Record<DisclosedPart, readonly ConsentInformation[]>> = {
  identity: [ConsentInformation.IDENTITY],
  contact: [ConsentInformation.IDENTITY, ConsentInformation.CONTACT],
  freeText: [ConsentInformation.IDENTITY],
  needs: [ConsentInformation.NEEDS],
  dischargePlan: [ConsentInformation.DISCHARGE_PLAN],
  substanceUse: [ConsentInformation.NEEDS, ConsentInformation.SUBSTANCE_USE_TREATMENT],
};

const PARTS = Object.keys(DISCLOSURE_POLICY) as DisclosedPart[];

export const NO_ACCESS: PersonAccess = Object.freeze({
  identity: false,
  contact: false,
  freeText: false,
  needs: false,
  dischargePlan: false,
  substanceUse: false,
});
export const FULL_ACCESS: PersonAccess = Object.freeze({
  identity: true,
  contact: true,
  freeText: true,
  needs: true,
  dischargePlan: true,
  substanceUse: true,
});

/** The parts the classes covered open. */
export function accessFrom(covered: ReadonlySet<ConsentInformation>): PersonAccess {
  const access = { ...NO_ACCESS };
  for (const part of PARTS) access[part] = DISCLOSURE_POLICY[part].every((c) => covered.has(c));
  return access;
}

/**
 * The referring side and admins hold the person's details already; the receiving organization sees
 * what an active consent naming it covers; the assigned peer what an active consent naming them (or
 * the organization they work for) covers. Being assigned is not being named: a peer outside the
 * consent works the referral and sees nothing of the person. A person who may not be contacted
 * directly has their contact details withheld from everyone but the referring side.
 */
export function personAccess(
  who: Involvement,
  referral: ReferralParties,
  consents: readonly ConsentTerms[],
  now: Date,
): PersonAccess {
  if (who.admin || who.referrer) return FULL_ACCESS;
  const covered = new Set<ConsentInformation>();
  if (who.receiver) {
    for (const i of coveredInformation(consents, { organizationId: referral.receivingOrgId }, now))
      covered.add(i);
  }
  if (who.assignedPeer && referral.assignedPeerId) {
    const peer = {
      peerId: referral.assignedPeerId,
      peerOrganizationId: referral.assignedPeerOrgId,
    };
    for (const i of coveredInformation(consents, peer, now)) covered.add(i);
  }
  const access = accessFrom(covered);
  return referral.personContactAllowed ? access : { ...access, contact: false };
}

/** What a peer would see of the person if assigned: for the history of an assignment. */
export function peerAccess(
  peer: { peerId: string; peerOrganizationId: string | null },
  referral: { personContactAllowed: boolean },
  consents: readonly ConsentTerms[],
  now: Date,
): PersonAccess {
  const access = accessFrom(coveredInformation(consents, peer, now));
  return referral.personContactAllowed ? access : { ...access, contact: false };
}

/** Who may create referrals. */
export const REFERRER_ROLES: Role[] = ['discharge_planner', 'peer', 'admin'];

/** The role a change is recorded under: the strongest one the person holds. */
export function actingRole(identity: Identity): Role | null {
  for (const role of ['admin', 'partner', 'discharge_planner', 'peer'] as const) {
    if (identity.roles.includes(role)) return role;
  }
  return null;
}
