import {
  ArrayMaxSize,
  IsEmail,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { IsLanguageCodes, IsNotBlank, IsPhone } from '../../kit/validators';
import { LIMITS } from '../validators';
import {
  LivedExperienceArea,
  LivedExperienceVisibility,
  PeerAvailability,
  PeerCertificationType,
  PeerSpecialization,
  WorkContactVisibility,
} from './peer.enums';

export const MAX_RADIUS_KM = 200;
export const MIN_RADIUS_KM = 0.5;
export const MAX_CASELOAD = 200;

@InputType()
export class PeerCertificationInput {
  @Field(() => PeerCertificationType)
  type!: PeerCertificationType;

  @Field(() => String, {
    nullable: true,
    description: 'Required for OTHER; defaults to the name of the type.',
  })
  @IsOptional()
  @IsNotBlank()
  @MaxLength(LIMITS.shortText)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsNotBlank()
  @MaxLength(50)
  number?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @IsOptional()
  issuedOn?: string | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Valid through this day; omit if it never expires.',
  })
  @IsOptional()
  expiresOn?: string | null;

  @Field(() => [PeerSpecialization], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  specializations?: PeerSpecialization[] | null;
}

@InputType({ description: 'A point with a radius, or counties, or both.' })
export class PeerServiceAreaInput {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: `Kilometres, ${MIN_RADIUS_KM} to ${MAX_RADIUS_KM}.`,
  })
  @IsOptional()
  @Min(MIN_RADIUS_KM)
  @Max(MAX_RADIUS_KM)
  radiusKm?: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'For example ["Alameda County", "Contra Costa County"].',
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  @IsNotBlank({ each: true })
  @MaxLength(60, { each: true })
  counties?: string[] | null;
}

@InputType()
export class PeerWorkContactInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPhone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.shortText)
  @IsEmail()
  email?: string | null;
}

/** The fields of a profile. On create displayName and caseloadCapacity are required; on update
 * only what is given changes (null clears), and a list given replaces the list. */
@InputType()
export class PeerProfileInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsNotBlank()
  @MaxLength(LIMITS.name)
  displayName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(40)
  pronouns?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The resources subgraph's organization the peer works for.",
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => [PeerCertificationInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  certifications?: PeerCertificationInput[];

  @Field(() => [String], {
    nullable: true,
    description: 'ISO 639-1 or 639-3 codes, e.g. ["en", "es", "hmn"]; "spa" is stored as "es".',
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  @IsLanguageCodes()
  languages?: string[];

  @Field(() => [LivedExperienceArea], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  livedExperience?: LivedExperienceArea[];

  @Field(() => PeerServiceAreaInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  serviceArea?: PeerServiceAreaInput | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many people the peer can support at once (0 to ${MAX_CASELOAD}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CASELOAD)
  caseloadCapacity?: number;

  @Field(() => Int, { nullable: true, description: 'How many people the peer supports now.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  currentCaseload?: number;

  @Field(() => PeerAvailability, { nullable: true })
  @IsOptional()
  availability?: PeerAvailability;

  @Field(() => PeerWorkContactInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  workContact?: PeerWorkContactInput | null;
}

@InputType({ description: 'Who sees one lived-experience area.' })
export class LivedExperienceVisibilityInput {
  @Field(() => LivedExperienceArea)
  area!: LivedExperienceArea;

  @Field(() => LivedExperienceVisibility)
  visibility!: LivedExperienceVisibility;
}

@InputType({ description: 'Who sees what of a profile; what is omitted stays as it is.' })
export class PeerVisibilityInput {
  @Field(() => [LivedExperienceVisibilityInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  @ValidateNested({ each: true })
  livedExperience?: LivedExperienceVisibilityInput[] | null;

  @Field(() => WorkContactVisibility, { nullable: true })
  @IsOptional()
  workContact?: WorkContactVisibility | null;
}

@InputType()
export class PeerFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Field({ nullable: true, description: 'Part of the name, any case.' })
  @IsOptional()
  @MaxLength(LIMITS.name)
  nameContains?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Speaks any of these (ISO 639-1 or 639-3).',
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  @IsLanguageCodes()
  languages?: string[];

  @Field(() => [PeerSpecialization], {
    nullable: true,
    description: 'Holds any of these in a current certification.',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  specializations?: PeerSpecialization[];

  @Field(() => [LivedExperienceArea], {
    nullable: true,
    description: 'Shares any of these; signed-in staff only.',
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  livedExperience?: LivedExperienceArea[];

  @Field(() => [PeerAvailability], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  availability?: PeerAvailability[];

  @Field({ nullable: true, description: 'Serves this county, e.g. "Alameda County".' })
  @IsOptional()
  @MaxLength(60)
  county?: string;
}
