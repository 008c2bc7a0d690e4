import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ReferralsContext } from '../context';
import { statsWindow } from './referral-stats.service';
import { ReferralStats } from './referral-stats.types';

@Resolver(() => ReferralStats)
export class ReferralStatsResolver {
  @Query(() => ReferralStats, {
    description:
      'Referrals an organization received in [from, to) (the last 30 days by default). Partners: their own organization; admins: any, or the whole network without orgId.',
  })
  referralStats(
    @Ctx() ctx: ReferralsContext,
    @Arg('orgId', () => ID, { nullable: true }) orgId?: string,
    @Arg('from', () => Date, { nullable: true }) from?: Date,
    @Arg('to', () => Date, { nullable: true }) to?: Date,
  ): Promise<ReferralStats> {
    return ctx.stats.forOrganization(orgId, statsWindow(from, to));
  }
}
