import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The resources subgraph's `Organization`, by its key only; referrals adds `referralInbox` to it.
 * Named apart from resources' own class because type-graphql's metadata is global to the process.
 */
@ObjectType('Organization')
@Directive('@key(fields: "id")')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}
