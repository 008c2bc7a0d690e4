import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import { LivedExperienceArea, PeerSpecialization } from '../peer/peer.enums';
import { IsLanguageCodes, IsNotBlank } from '../../kit/validators';
import { LIMITS } from '../validators';

export const MAX_MATCHES = 50;

@InputType({ description: 'Where the person is (WGS 84).' })
export class PeerMatchLocationInput {
  @Field(() => Float)
  @Min(-90)
  @Max(90)
  latitude!: number;

  @Field(() => Float)
  @Min(-180)
  @Max(180)
  longitude!: number;
}

@InputType({
  description: 'Who the person is looking for. Everything is optional; what is given is scored.',
})
export class MatchPeersInput {
  @Field(() => PeerMatchLocationInput, {
    nullable: true,
    description: 'Where the person is; give county too when known.',
  })
  @IsOptional()
  @ValidateNested()
  near?: PeerMatchLocationInput;

  @Field({ nullable: true, description: 'The county the person is in, e.g. "Alameda County".' })
  @IsOptional()
  @IsNotBlank()
  @MaxLength(60)
  county?: string;

  @Field(() => [String], {
    nullable: true,
    description:
      'Languages the person speaks (ISO 639-1 or 639-3, e.g. "es", "hmn"); any one counts.',
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  @IsLanguageCodes()
  languages?: string[];

  @Field(() => [LivedExperienceArea], {
    nullable: true,
    description: 'Lived experience the person would like their peer to share.',
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  livedExperience?: LivedExperienceArea[];

  @Field(() => [PeerSpecialization], {
    nullable: true,
    description: 'Specializations needed; only current certifications count.',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  specializations?: PeerSpecialization[];

  @Field(() => [String], {
    nullable: true,
    description: 'Preferred pronouns of the peer (a gender preference), e.g. ["she/her"].',
  })
  @IsOptional()
  @ArrayMaxSize(5)
  @MaxLength(40, { each: true })
  pronouns?: string[];

  @Field({
    defaultValue: false,
    description: 'Include peers with no free place in their caseload.',
  })
  includeAtCapacity!: boolean;

  @Field({ defaultValue: false, description: 'Include peers who are not taking new people now.' })
  includeUnavailable!: boolean;

  @Field({
    defaultValue: false,
    description: 'Include peers whose service area does not cover near or county.',
  })
  includeOutsideServiceArea!: boolean;

  @Field(() => Int, { defaultValue: 10, description: `How many matches, at most ${MAX_MATCHES}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_MATCHES)
  first!: number;
}
