import { registerEnumType } from 'type-graphql';

/** HSDS service.status, in GraphQL's enum style. */
export enum ResourceStatus {
  ACTIVE = 'ACTIVE',
  TEMPORARILY_CLOSED = 'TEMPORARILY_CLOSED',
  INACTIVE = 'INACTIVE',
  DEFUNCT = 'DEFUNCT',
}
registerEnumType(ResourceStatus, {
  name: 'ResourceStatus',
  description:
    'ACTIVE and TEMPORARILY_CLOSED listings are public; INACTIVE and DEFUNCT only to their organization and admins.',
});

/** Statuses anonymous callers and other organizations see. */
export const PUBLIC_STATUSES: readonly ResourceStatus[] = [
  ResourceStatus.ACTIVE,
  ResourceStatus.TEMPORARILY_CLOSED,
];

/** Published: anyone may find and read it (resource(id), the saved lists of peers). */
export function isListed(resource: { status: ResourceStatus }): boolean {
  return PUBLIC_STATUSES.includes(resource.status);
}

export enum Population {
  PEOPLE_LEAVING_JAIL = 'PEOPLE_LEAVING_JAIL',
  PEOPLE_LEAVING_PRISON = 'PEOPLE_LEAVING_PRISON',
  PEOPLE_LEAVING_HOSPITAL = 'PEOPLE_LEAVING_HOSPITAL',
  PEOPLE_EXPERIENCING_HOMELESSNESS = 'PEOPLE_EXPERIENCING_HOMELESSNESS',
  PEOPLE_IN_RECOVERY = 'PEOPLE_IN_RECOVERY',
  VETERANS = 'VETERANS',
  FAMILIES = 'FAMILIES',
  YOUTH = 'YOUTH',
  TRANSITION_AGE_YOUTH = 'TRANSITION_AGE_YOUTH',
  SENIORS = 'SENIORS',
  WOMEN = 'WOMEN',
  MEN = 'MEN',
  LGBTQ = 'LGBTQ',
  PEOPLE_WITH_DISABILITIES = 'PEOPLE_WITH_DISABILITIES',
  SURVIVORS_OF_VIOLENCE = 'SURVIVORS_OF_VIOLENCE',
  IMMIGRANTS = 'IMMIGRANTS',
  PREGNANT_PEOPLE = 'PREGNANT_PEOPLE',
}
registerEnumType(Population, { name: 'Population', description: 'Populations a resource serves.' });

export enum Insurance {
  MEDI_CAL = 'MEDI_CAL',
  MEDICARE = 'MEDICARE',
  PRIVATE = 'PRIVATE',
  VA = 'VA',
  UNINSURED = 'UNINSURED',
  SLIDING_SCALE = 'SLIDING_SCALE',
}
registerEnumType(Insurance, { name: 'Insurance', description: 'Coverage a resource accepts.' });
