import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from '../../kit/connection';
import { ContactMethod, ReferralOutcomeCode } from './referral.enums';
import { Referral } from './referral.entity';

@ObjectType()
export class ReferralConnection extends Connection(Referral) {}

/** The person, as disclosed to one caller. */
@ObjectType('ReferralPerson', {
  description: 'The person referred. Disclosed only to those entitled; every read is logged.',
})
export class ReferralPersonView {
  @Field(() => ID, {
    description: 'Stable across referrals of the same person; used to list their disclosures.',
  })
  ref!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  preferredLanguage!: string | null;

  @Field(() => ContactMethod)
  contactMethod!: ContactMethod;

  @Field(() => String, {
    nullable: true,
    description: 'Null unless a consent covers contact details for you.',
  })
  contact!: string | null;

  @Field()
  contactAllowed!: boolean;

  @Field({ description: 'The 42 CFR Part 2 notice that comes with this disclosure.' })
  redisclosureNotice!: string;
}

@ObjectType('ReferralOutcome')
export class ReferralOutcomeView {
  @Field(() => ReferralOutcomeCode)
  code!: ReferralOutcomeCode;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Date)
  recordedAt!: Date;
}

@ObjectType('ReferralReferrer', { description: 'Who sent the referral.' })
export class ReferralReferrerView {
  @Field({ description: 'The user (token subject).' })
  userId!: string;

  @Field()
  role!: string;

  @Field(() => ID, { nullable: true })
  organizationId!: string | null;
}
