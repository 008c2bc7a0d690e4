import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The resources subgraph's Resource, known here by its key only. A saved list returns these stubs
 * and the gateway fetches every listing's fields (openNow, capacity...) from the resources subgraph
 * in one batched `_entities` request.
 */
@ObjectType('Resource')
@Directive('@key(fields: "id", resolvable: false)')
export class ResourceRef {
  @Field(() => ID)
  id!: string;
}
