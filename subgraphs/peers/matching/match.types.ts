import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Peer } from '../peer/peer.entity';
import { MatchFactorKind } from './match-score';

registerEnumType(MatchFactorKind, {
  name: 'PeerMatchFactorKind',
  description: 'What a part of a match score is for.',
});

@ObjectType({
  description: 'One part of a match score: what it is for, its points, and the sentence to show.',
})
export class PeerMatchFactor {
  @Field(() => MatchFactorKind)
  kind!: MatchFactorKind;

  @Field(() => Float)
  points!: number;

  @Field({ description: 'For example "speaks Spanish", "3.2 km away", "2 of 15 places free".' })
  reason!: string;
}

@ObjectType({ description: 'A peer ranked for a person, with why.' })
export class PeerMatch {
  @Field(() => Peer)
  peer!: Peer;

  @Field(() => Float, { description: 'The sum of the points of the factors.' })
  score!: number;

  @Field(() => [String], { description: 'The reasons, in the order of the factors.' })
  reasons!: string[];

  @Field(() => [PeerMatchFactor])
  factors!: PeerMatchFactor[];

  @Field(() => Float, {
    nullable: true,
    description: "From the person to the peer's service point, in km.",
  })
  distanceKm!: number | null;

  @Field(() => Int, { description: 'Free places in the caseload, as last reported.' })
  openPlaces!: number;
}
