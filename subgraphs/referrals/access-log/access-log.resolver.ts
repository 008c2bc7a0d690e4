import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { ReferralsContext } from '../context';
import { ReferralAccess } from './referral-access.entity';

@Resolver(() => ReferralAccess)
export class AccessLogResolver {
  @Query(() => [ReferralAccess], {
    description: "Every read of a referral's person, newest first. Admins only.",
  })
  referralAccessLog(
    @Arg('referralId', () => ID) referralId: string,
    @Ctx() ctx: ReferralsContext,
    @Arg('first', () => Int, { defaultValue: 500 }) first: number,
  ): Promise<ReferralAccess[]> {
    return ctx.accessLog.forReferral(referralId, first);
  }

  @Query(() => [ReferralAccess], {
    description:
      "Disclosures of a person's details over the past three years (42 CFR 2.24), newest first. Admins, and the referring organization's discharge planners for its referrals. A reference is the referring organization's own; when several organizations use it, admins ask for one as `<organization id>:<ref>`.",
  })
  disclosures(
    @Arg('personRef', () => ID) personRef: string,
    @Ctx() ctx: ReferralsContext,
    @Arg('first', () => Int, { defaultValue: 1000 }) first: number,
  ): Promise<ReferralAccess[]> {
    return ctx.accessLog.disclosures(personRef, first);
  }
}
