import { ForbiddenError, UnauthenticatedError } from '../kit/errors';
import { hasRole, isAdmin, type Identity, type Role } from '../kit/identity';

/** Partners keep their own organization's listings; admins keep every listing. */
export function canEditOrganization(identity: Identity, organizationId: string): boolean {
  return isAdmin(identity) || (hasRole(identity, 'partner') && identity.org === organizationId);
}

export function assertCanEditOrganization(identity: Identity, organizationId: string): void {
  if (!identity.sub) throw new UnauthenticatedError();
  if (!canEditOrganization(identity, organizationId)) {
    throw new ForbiddenError(
      "Only this organization's partners and admins may change its listings.",
    );
  }
}

export function assertRole(identity: Identity, roles: Role[], what: string): void {
  if (!identity.sub) throw new UnauthenticatedError();
  if (!hasRole(identity, ...roles))
    throw new ForbiddenError(`Only ${roles.join(', ')} users may ${what}.`);
}

/** The role a change is recorded under: the strongest one the person holds. */
export function actingRole(identity: Identity): Role | null {
  for (const role of ['admin', 'partner', 'discharge_planner', 'peer'] as const) {
    if (identity.roles.includes(role)) return role;
  }
  return null;
}
