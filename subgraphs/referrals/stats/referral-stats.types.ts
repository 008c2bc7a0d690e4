import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ReferralStatus } from '../referral/referral.enums';

@ObjectType()
export class ReferralStatusCount {
  @Field(() => ReferralStatus)
  status!: ReferralStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Hours, as percentiles over the referrals that got that far.' })
export class HoursPercentiles {
  @Field(() => Float, { nullable: true, description: 'Half took at most this long.' })
  p50!: number | null;

  @Field(() => Float, { nullable: true, description: 'Nine in ten took at most this long.' })
  p90!: number | null;
}

/** What a network lead reports monthly, over the referrals sent in [from, to). */
@ObjectType({
  description: 'Referrals sent in [from, to): counts, acceptance, and how long the loop took.',
})
export class ReferralStats {
  @Field(() => Date)
  from!: Date;

  @Field(() => Date)
  to!: Date;

  @Field(() => Int, { description: 'Referrals sent in the window (drafts are not sent).' })
  sent!: number;

  @Field(() => [ReferralStatusCount], { description: 'How many are in each status now.' })
  byStatus!: ReferralStatusCount[];

  @Field(() => Int, { description: 'Accepted at some point, whatever happened next.' })
  accepted!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => Int)
  completed!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'accepted / (accepted + rejected); null before any decision.',
  })
  acceptanceRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from sent to accepted.' })
  medianHoursToAcceptance!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from sent to completed.' })
  medianHoursToCompletion!: number | null;

  @Field(() => HoursPercentiles, { description: 'Hours from sent to accepted.' })
  hoursToAccept!: HoursPercentiles;

  @Field(() => HoursPercentiles, {
    description: 'Hours from sent to the loop closing (completed, failed, declined, cancelled).',
  })
  hoursToClose!: HoursPercentiles;

  @Field(() => Float, {
    nullable: true,
    description:
      "Of the referrals answered (accepted or declined) or past their organization's response target, the share answered by the target; null before any.",
  })
  answeredWithinTarget!: number | null;

  @Field(() => Int, {
    description: 'Sent and still waiting for an answer past the response target, now.',
  })
  overdue!: number;
}
