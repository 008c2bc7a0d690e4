import { ForbiddenError, UnauthenticatedError } from '../kit/errors';
import { hasRole, isAdmin, type Identity } from '../kit/identity';

/** Staff: anyone signed in with a role. Peers' details (contact, lived experience...) are for them. */
export function isSignedInStaff(identity: Identity): boolean {
  return identity.sub !== null && identity.roles.length > 0;
}

export function assertSignedIn(identity: Identity): void {
  if (!isSignedInStaff(identity)) throw new UnauthenticatedError();
}

/** The peer themself (by the token's `peer` claim). */
export function isThisPeer(identity: Identity, peerId: string): boolean {
  return hasRole(identity, 'peer') && identity.peer === peerId;
}

/** A profile is kept by the peer, by partner users of the peer's organization, and by admins. */
export function canEditPeer(
  identity: Identity,
  peer: { id: string; organizationId?: string | null },
): boolean {
  if (isAdmin(identity) || isThisPeer(identity, peer.id)) return true;
  return (
    hasRole(identity, 'partner') &&
    identity.org !== null &&
    identity.org === (peer.organizationId ?? null)
  );
}

export function assertCanEditPeer(
  identity: Identity,
  peer: { id: string; organizationId?: string | null },
): void {
  assertSignedIn(identity);
  if (!canEditPeer(identity, peer)) {
    throw new ForbiddenError(
      "Only the peer, their organization's partners and admins may change this profile.",
    );
  }
}

/** A saved list is private to the peer; admins may read it. */
export function canReadSavedList(identity: Identity, peerId: string): boolean {
  return isAdmin(identity) || isThisPeer(identity, peerId);
}
