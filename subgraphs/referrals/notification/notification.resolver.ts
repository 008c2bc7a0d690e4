import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection } from '../../kit/connection';
import type { ReferralsContext } from '../context';
import { ResourceRef } from '../refs/resource.ref';
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

  @FieldResolver(() => ResourceRef, {
    nullable: true,
    description:
      'The listing the referral went to (public, like every listing; the person stays unnamed). None for a notice about the organization itself.',
  })
  resource(@Root() notification: Notification): ResourceRef | null {
    return notification.resourceId ? { id: notification.resourceId } : null;
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
