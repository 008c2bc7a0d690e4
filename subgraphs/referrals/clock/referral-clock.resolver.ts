import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../kit/errors';
import type { ReferralsContext } from '../context';
import { Referral } from '../referral/referral.entity';
import type { ResponseTarget } from './business-hours';
import { ResponseTargetInput, ResponseTargetType } from './referral-clock.types';

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function minuteOf(value: string, field: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const minute = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minute > 1440)
    throw new BadUserInputError('must be a time of day, HH:MM', field);
  return minute;
}

const toType = (t: ResponseTarget): ResponseTargetType => ({
  targetBusinessDays: t.targetBusinessDays,
  timeZone: t.timeZone,
  opensAt: hhmm(t.opensMinute),
  closesAt: hhmm(t.closesMinute),
  days: t.days,
});

@Resolver(() => Referral)
export class ReferralClockResolver {
  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'When the receiving organization should answer by (its response target, in its business hours); null for a draft.',
  })
  respondBy(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<Date | null> {
    return ctx.clock.respondBy(referral);
  }

  @FieldResolver(() => Boolean, {
    description: 'Still waiting for the organization to answer, past respondBy.',
  })
  overdue(@Root() referral: Referral, @Ctx() ctx: ReferralsContext): Promise<boolean> {
    return ctx.clock.overdue(referral);
  }

  @Query(() => ResponseTargetType, {
    description:
      "An organization's response target (the default until it sets one). Its partners and admins.",
  })
  async responseTarget(
    @Arg('organizationId', () => ID) organizationId: string,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ResponseTargetType> {
    return toType(await ctx.clock.target(organizationId));
  }

  @Mutation(() => ResponseTargetType, {
    description:
      'Sets how soon an organization answers referrals; applies to referrals sent from now on. Its partners and admins.',
  })
  async setResponseTarget(
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('input', () => ResponseTargetInput) input: ResponseTargetInput,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ResponseTargetType> {
    return toType(
      await ctx.clock.setTarget(organizationId, {
        targetBusinessDays: input.targetBusinessDays,
        timeZone: input.timeZone,
        opensMinute: minuteOf(input.opensAt, 'opensAt'),
        closesMinute: minuteOf(input.closesAt, 'closesAt'),
        days: input.days,
      }),
    );
  }
}
