import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../kit/connection';
import { ReferralStatus } from '../referral/referral.enums';
import { NotificationType } from './notification-event';

registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'What happened to a referral.',
});

@ObjectType({
  description:
    'Something that happened to a referral the caller works on. It names the change and links to the referral, never the person: reading the referral stays under consent.',
  simpleResolvers: true,
})
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationType)
  type!: NotificationType;

  @Field(() => ID, {
    nullable: true,
    description: 'The referral it is about; none for a notice about the organization itself.',
  })
  referralId!: string | null;

  /** The listing the referral went to (resolved as `resource`). */
  resourceId!: string | null;

  @Field(() => ReferralStatus, {
    nullable: true,
    description: "The referral's status right after the change; none when it is not about one.",
  })
  status!: ReferralStatus | null;

  @Field(() => Date)
  occurredAt!: Date;

  @Field({ description: 'What changed, in a sentence that names no one.' })
  message!: string;

  @Field({
    description:
      'Where the app shows it: `/referrals/<id>`, or `/inbox?referral=<id>` for the receiving organization.',
  })
  link!: string;

  @Field()
  read!: boolean;
}

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}
