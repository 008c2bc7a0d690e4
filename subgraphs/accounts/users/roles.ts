import { registerEnumType } from 'type-graphql';
import type { Role } from '../../kit/identity';

/** The roles a person can hold, as GraphQL names them. */
export enum AccountRole {
  PEER = 'peer',
  DISCHARGE_PLANNER = 'discharge_planner',
  PARTNER = 'partner',
  ADMIN = 'admin',
}
registerEnumType(AccountRole, {
  name: 'AccountRole',
  description: 'A role a person holds in the directory (see the README: Identity and access).',
});

export const toRoles = (roles: readonly AccountRole[]): Role[] => [...new Set(roles)];
const ACCOUNT_ROLES: readonly string[] = Object.values(AccountRole);

export const toAccountRoles = (roles: readonly string[]): AccountRole[] =>
  roles.filter((r): r is AccountRole => ACCOUNT_ROLES.includes(r));
