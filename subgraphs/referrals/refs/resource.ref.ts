import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { OrganizationRef } from './organization.ref';

/**
 * The resources subgraph's `Resource`, by its key; referrals adds `referralStats` to it. Its
 * `organization` is resolved by resources and only read here (`@requires`), to decide who may see
 * the statistics.
 */
@ObjectType('Resource')
@Directive('@key(fields: "id")')
export class ResourceRef {
  @Field(() => ID)
  id!: string;

  @Field(() => OrganizationRef)
  @Directive('@external')
  organization?: OrganizationRef;
}
