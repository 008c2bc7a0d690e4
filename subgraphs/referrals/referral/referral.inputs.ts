import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ConsentInput } from '../consent/consent.inputs';
import { IsLanguageCode, IsNotBlank } from '../../kit/validators';
import { LIMITS } from '../validators';
import {
  ContactMethod,
  DischargeSetting,
  ReferralOutcomeCode,
  ReferralStatus,
  ReferralUrgency,
} from './referral.enums';

@InputType({ description: 'The person referred: the minimum necessary to reach and serve them.' })
export class ReferralPersonInput {
  @Field({ description: 'What to call them, e.g. "Maria G."; a full legal name is not needed.' })
  @IsNotBlank()
  @MaxLength(100)
  displayName!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO 639-1 or 639-3 code, e.g. "es", "mix" (Mixtec); stored as 639-1 when the language has one.',
  })
  @IsOptional()
  @IsLanguageCode()
  preferredLanguage?: string | null;

  @Field(() => ContactMethod)
  contactMethod!: ContactMethod;

  @Field(() => String, {
    nullable: true,
    description: 'The phone number or email address, for PHONE, SMS and EMAIL.',
  })
  @IsOptional()
  @MaxLength(200)
  contact?: string | null;

  @Field({ description: 'Whether the receiving organization may contact them directly.' })
  contactAllowed!: boolean;

  @Field(() => ID, {
    nullable: true,
    description:
      "The referrer's own reference for the person, to list their disclosures later; generated when omitted.",
  })
  @IsOptional()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9._:@-]+$/, {
    message: '$property may hold only letters, digits and . _ : @ -',
  })
  ref?: string | null;
}

@InputType()
export class CreateReferralInput {
  @Field(() => ReferralPersonInput)
  @ValidateNested()
  person!: ReferralPersonInput;

  @Field(() => [ID], {
    description: 'Category ids of what the person needs, e.g. ["emergency-shelter", "food-bank"].',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  needs!: string[];

  @Field(() => ID, {
    description: 'The resource referred to; it must be active and accept referrals.',
  })
  @IsUUID('all')
  resourceId!: string;

  @Field(() => ID, { nullable: true, description: 'One of the resource’s locations.' })
  @IsOptional()
  @IsUUID('all')
  locationId?: string | null;

  @Field(() => DischargeSetting)
  setting!: DischargeSetting;

  @Field(() => Date, {
    nullable: true,
    description: 'When the person is expected to leave; not in the past.',
  })
  @IsOptional()
  expectedDischargeAt?: Date | null;

  @Field(() => ReferralUrgency, { defaultValue: ReferralUrgency.ROUTINE })
  urgency!: ReferralUrgency;

  @Field(() => String, {
    nullable: true,
    description: 'A first note for the receiving organization.',
  })
  @IsOptional()
  @MaxLength(LIMITS.note)
  notes?: string | null;

  @Field({ defaultValue: false, description: 'Keep it as a draft instead of sending it now.' })
  draft!: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  assignedPeerId?: string | null;

  @Field(() => ConsentInput, {
    nullable: true,
    description: 'The consent the person signed, when they have.',
  })
  @IsOptional()
  @ValidateNested()
  consent?: ConsentInput | null;
}

@InputType({ description: 'What came of a referral.' })
export class ReferralOutcomeInput {
  @Field(() => ReferralOutcomeCode)
  code!: ReferralOutcomeCode;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.reason)
  note?: string | null;
}

@InputType()
export class ReferralFilter {
  @Field(() => [ReferralStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  status?: ReferralStatus[];

  @Field(() => [ReferralUrgency], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(4)
  urgency?: ReferralUrgency[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  resourceId?: string;

  @Field(() => ID, { nullable: true, description: 'The receiving organization.' })
  @IsOptional()
  @MaxLength(100)
  organizationId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  assignedPeerId?: string;

  @Field(() => Date, { nullable: true, description: 'Expected discharge at or after this time.' })
  @IsOptional()
  dischargeFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Expected discharge before this time.' })
  @IsOptional()
  dischargeTo?: Date;
}
