import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NotificationType } from '../notification-event';
import { EmailDelivery } from './preferences';

registerEnumType(EmailDelivery, {
  name: 'EmailDelivery',
  description: 'How one type of notification comes by email: at once, in the daily digest, or not.',
});

@ObjectType()
export class NotificationEmailSetting {
  @Field(() => NotificationType)
  type!: NotificationType;

  @Field(() => EmailDelivery)
  delivery!: EmailDelivery;
}

@ObjectType({
  description:
    "The signed-in person's notification email settings. The in-app feed always has every notification.",
})
export class NotificationPreferences {
  @Field({ description: 'The language of the mail: en or es.' })
  language!: string;

  @Field(() => Int, { description: 'Local hour (0-23) the daily digest is sent at.' })
  digestHour!: number;

  @Field({
    description:
      "The time zone of the digest hour: the person's own, else their organization's, else America/Los_Angeles.",
  })
  timeZone!: string;

  @Field({ description: 'Whether timeZone is the person’s own choice.' })
  ownTimeZone!: boolean;

  @Field(() => [NotificationEmailSetting], {
    description: 'Every notification type and how it comes.',
  })
  email!: NotificationEmailSetting[];
}

@InputType()
export class NotificationEmailSettingInput {
  @Field(() => NotificationType)
  type!: NotificationType;

  @Field(() => EmailDelivery)
  delivery!: EmailDelivery;
}

@InputType({ description: 'What to change; what is left out stays as it was.' })
export class NotificationPreferencesInput {
  @Field(() => String, { nullable: true, description: 'en or es.' })
  language?: string | null;

  @Field(() => Int, { nullable: true })
  digestHour?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'An IANA time zone, or an empty string to follow the organization’s.',
  })
  timeZone?: string | null;

  @Field(() => [NotificationEmailSettingInput], {
    nullable: true,
    description: 'The types to change; others keep their setting.',
  })
  email?: NotificationEmailSettingInput[] | null;
}
