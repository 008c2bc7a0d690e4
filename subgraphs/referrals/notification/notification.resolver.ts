import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../kit/connection';
import type { ReferralsContext } from '../context';
import { Notification, NotificationConnection } from './notification.types';

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, {
    description:
      "The signed-in person's notifications, newest first: changes to referrals they made, that their organization receives, or that they are the assigned peer of (not their own changes).",
  })
  async notifications(
    @Ctx() ctx: ReferralsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<NotificationConnection> {
    return toConnection(await ctx.notifications.page(first, after));
  }

  @Query(() => Int, { description: "How many of the signed-in person's notifications are unread." })
  unreadNotificationCount(@Ctx() ctx: ReferralsContext): Promise<number> {
    return ctx.notifications.unreadCount();
  }

  @Mutation(() => Int, {
    description:
      "Marks the signed-in person's notifications read (each person's own marks); returns how many were unread. Ids of other notifications are passed over.",
  })
  markNotificationsRead(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: ReferralsContext,
  ): Promise<number> {
    return ctx.notifications.markRead(ids);
  }
}
