import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ReferralsContext } from '../../context';
import { NotificationPreferences, NotificationPreferencesInput } from './preferences.types';

@Resolver(() => NotificationPreferences)
export class NotificationPreferencesResolver {
  @Query(() => NotificationPreferences, {
    description:
      'Which notifications the signed-in person gets by email, at once or in a daily digest (every type at once by default).',
  })
  notificationPreferences(@Ctx() ctx: ReferralsContext): Promise<NotificationPreferences> {
    return ctx.preferences.get();
  }

  @Mutation(() => NotificationPreferences, {
    description: "Changes the signed-in person's notification email settings.",
  })
  setNotificationPreferences(
    @Arg('input', () => NotificationPreferencesInput) input: NotificationPreferencesInput,
    @Ctx() ctx: ReferralsContext,
  ): Promise<NotificationPreferences> {
    return ctx.preferences.set(input);
  }
}
