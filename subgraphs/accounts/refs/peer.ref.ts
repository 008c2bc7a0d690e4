import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The peers subgraph's Peer, known here by its key only; the gateway fetches the rest. */
@ObjectType('Peer')
@Directive('@key(fields: "id", resolvable: false)')
export class PeerRef {
  @Field(() => ID)
  id!: string;
}
