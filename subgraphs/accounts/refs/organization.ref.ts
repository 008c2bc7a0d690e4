import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The resources subgraph's Organization, known here by its key only; the gateway fetches the rest. */
@ObjectType('Organization')
@Directive('@key(fields: "id", resolvable: false)')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}
