import { registerEnumType } from 'type-graphql';

/**
 * What an organization is, so discharge planners' workplaces (a hospital, a jail, a prison), which
 * may list no services at all, can be told from the partners that offer them.
 */
export enum OrganizationKind {
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  HOSPITAL = 'HOSPITAL',
  CLINIC = 'CLINIC',
  JAIL = 'JAIL',
  PRISON = 'PRISON',
  CRISIS_CENTER = 'CRISIS_CENTER',
  PROBATION = 'PROBATION',
  GOVERNMENT_AGENCY = 'GOVERNMENT_AGENCY',
}
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description:
    'What an organization is: a service provider, or a setting people are discharged or released from (hospital, jail, prison...).',
});

const KINDS: readonly string[] = Object.values(OrganizationKind);

export const isOrganizationKind = (value: unknown): value is OrganizationKind =>
  typeof value === 'string' && KINDS.includes(value);
