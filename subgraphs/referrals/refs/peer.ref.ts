import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A peer support specialist, by id. The peers subgraph owns `Peer` (display name, certifications...);
 * referrals keeps only the id of the peer assigned and adds `activeReferrals` and `caseload`.
 */
@ObjectType('Peer')
@Directive('@key(fields: "id")')
export class PeerRef {
  @Field(() => ID)
  id!: string;
}
