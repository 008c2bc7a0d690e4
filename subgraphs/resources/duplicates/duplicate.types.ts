import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../kit/connection';
import { Resource } from '../resource/resource.entity';

export enum DuplicateReasonKind {
  SAME_PHONE = 'SAME_PHONE',
  SAME_ADDRESS = 'SAME_ADDRESS',
  NEARBY = 'NEARBY',
  SIMILAR_NAME = 'SIMILAR_NAME',
}
registerEnumType(DuplicateReasonKind, {
  name: 'DuplicateReasonKind',
  description: 'Why two listings look like one program.',
});

@ObjectType({ description: 'One thing two listings share.' })
export class DuplicateReason {
  @Field(() => DuplicateReasonKind)
  kind!: DuplicateReasonKind;

  @Field({
    description:
      'What they share, in words: the phone digits, the street, the distance, the similarity.',
  })
  detail!: string;
}

@ObjectType({ description: 'Two listings that are likely one program, with why.' })
export class DuplicateCandidate {
  @Field(() => Resource)
  first!: Resource;

  @Field(() => Resource)
  second!: Resource;

  @Field(() => Float, { description: 'From 0 to 1: how likely the two are one program.' })
  score!: number;

  @Field(() => [DuplicateReason])
  reasons!: DuplicateReason[];
}

@ObjectType()
export class DuplicateCandidateConnection extends Connection(DuplicateCandidate) {}
