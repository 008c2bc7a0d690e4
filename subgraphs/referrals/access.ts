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

/** What of the person the caller may see: who they are, and how to reach them. */
export interface PersonAccess {
  identity: boolean;
  contact: boolean;
}

export const NO_ACCESS: PersonAccess = Object.freeze({ identity: false, contact: false });

/**
 * The referring side and admins hold the person's details already; the receiving organization and
 * the assigned peer see them only while an active consent names them (42 CFR Part 2).
 */
export function personAccess(
  who: Involvement,
  referral: ReferralParties,
  consents: readonly ConsentTerms[],
  now: Date,
): PersonAccess {
  if (who.admin || who.referrer) return { identity: true, contact: true };
  const covered = new Set<ConsentInformation>();
  if (who.receiver) {
    for (const i of coveredInformation(consents, { organizationId: referral.receivingOrgId }, now))
      covered.add(i);
  }
  if (who.assignedPeer) {
    for (const i of coveredInformation(consents, { assignedPeer: true }, now)) covered.add(i);
  }
  const identity = covered.has(ConsentInformation.IDENTITY);
  return { identity, contact: identity && covered.has(ConsentInformation.CONTACT) };
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
