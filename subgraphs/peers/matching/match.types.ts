import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Peer } from '../peer/peer.entity';
import { LivedExperienceArea, PeerAvailability, PeerSpecialization } from '../peer/peer.enums';
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

  @Field({
    description:
      'For example "speaks Spanish", "3.2 km away", "2 of 15 places free": in English; the fields below say the same as data, for a client to say it in its own language.',
  })
  reason!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'LANGUAGE: the languages asked for that the peer speaks (ISO 639 codes).',
  })
  languages?: string[];

  @Field(() => LivedExperienceArea, {
    nullable: true,
    description:
      'LIVED_EXPERIENCE: the area, when the peer shows it to you; null when the peer keeps it for matching only.',
  })
  livedExperience?: LivedExperienceArea;

  @Field(() => PeerSpecialization, { nullable: true, description: 'SPECIALIZATION: which one.' })
  specialization?: PeerSpecialization;

  @Field({ nullable: true, description: "PRONOUNS: the peer's pronouns." })
  pronouns?: string;

  @Field(() => Float, { nullable: true, description: 'DISTANCE: kilometres, to 0.1.' })
  distanceKm?: number;

  @Field({ nullable: true, description: 'COUNTY: the county asked for, which the peer serves.' })
  county?: string;

  @Field(() => Int, { nullable: true, description: 'CAPACITY: free places in the caseload.' })
  openPlaces?: number;

  @Field(() => Int, { nullable: true, description: 'CAPACITY: the caseload the peer can hold.' })
  caseloadCapacity?: number;

  @Field(() => PeerAvailability, {
    nullable: true,
    description: 'AVAILABILITY: as the peer set it.',
  })
  availability?: PeerAvailability;
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
