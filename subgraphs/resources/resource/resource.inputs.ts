import {
  ArrayMaxSize,
  IsEmail,
  IsInt,
  IsOptional,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsNotBlank } from '../../kit/validators';
import { IsLanguageCodes, LIMITS } from '../validators';
import { Insurance, Population, ResourceStatus } from './resource.enums';

@InputType({ description: 'Open capacity right now.' })
export class CapacityInput {
  @Field({
    nullable: true,
    description: 'What is counted; defaults to the current unit, or "places".',
  })
  @IsOptional()
  @IsNotBlank()
  @MaxLength(50)
  unit?: string;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(100_000)
  available!: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  maximum?: number | null;
}

/** Fields a partner may set on a listing; shared by create and update. */
@InputType()
export class ResourceFieldsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.name)
  alternateName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.shortText)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  url?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.shortText)
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(50)
  phone?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Category ids, e.g. ["emergency-shelter"].' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  categories?: string[];

  @Field(() => [Population], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  populations?: Population[];

  @Field(() => [Insurance], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  insurance?: Insurance[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Languages staff speak: ISO 639-1 or ISO 639-3 codes ("es" or "spa", "hmn"); each is stored under one code, 639-1 when the language has one.',
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  @IsLanguageCodes()
  languages?: string[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  minimumAge?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  maximumAge?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText)
  eligibilityDescription?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText)
  feesDescription?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText)
  applicationProcess?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIMITS.listItems)
  @MaxLength(LIMITS.shortText, { each: true })
  requiredDocuments?: string[];

  @Field({ nullable: true })
  @IsOptional()
  acceptsReferrals?: boolean;

  @Field(() => [ID], {
    nullable: true,
    description: 'Locations of the same organization where it is offered.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  locationIds?: string[];
}

@InputType()
export class CreateResourceInput extends ResourceFieldsInput {
  @Field(() => ID)
  @IsUUID('all')
  organizationId!: string;

  @Field()
  @IsNotBlank()
  @MaxLength(LIMITS.name)
  name!: string;

  @Field(() => ResourceStatus, { nullable: true, defaultValue: ResourceStatus.ACTIVE })
  status?: ResourceStatus;

  @Field(() => CapacityInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  capacity?: CapacityInput | null;
}

@InputType({ description: 'Only the fields given change; null clears an optional field.' })
export class UpdateResourceInput extends ResourceFieldsInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsNotBlank()
  @MaxLength(LIMITS.name)
  name?: string;
}

@InputType()
export class ResourceFilter {
  @Field(() => [ID], {
    nullable: true,
    description: 'Any of these categories or their sub-categories.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  categories?: string[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  organizationId?: string;

  @Field(() => [ResourceStatus], { nullable: true })
  @IsOptional()
  status?: ResourceStatus[];

  @Field({ nullable: true })
  @IsOptional()
  acceptsReferrals?: boolean;
}
