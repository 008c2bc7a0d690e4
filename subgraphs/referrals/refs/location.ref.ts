import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The resources subgraph's `Location`, by its key only: where the person is referred to. */
@ObjectType('Location')
@Directive('@key(fields: "id")')
export class LocationRef {
  @Field(() => ID)
  id!: string;
}
