import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../kit/connection';
import { NotificationType } from '../notification/notification-event';

export enum WebhookDisabledReason {
  MANUAL = 'MANUAL',
  GONE = 'GONE',
  FAILING = 'FAILING',
}
registerEnumType(WebhookDisabledReason, {
  name: 'WebhookDisabledReason',
  description:
    'Why an endpoint receives nothing: disabled by its organization (MANUAL), it answered 410 Gone (GONE), or it failed every attempt for days (FAILING).',
});

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: to be (re)tried; DELIVERED: answered 2xx; FAILED: given up.',
});

@ObjectType({
  description:
    "Where an organization's partner system receives referral events, signed as Standard Webhooks specifies.",
  simpleResolvers: true,
})
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field()
  url!: string;

  @Field(() => [NotificationType], { description: 'The event types it receives.' })
  events!: NotificationType[];

  @Field()
  enabled!: boolean;

  @Field(() => WebhookDisabledReason, { nullable: true })
  disabledReason!: WebhookDisabledReason | null;

  @Field(() => Date, { nullable: true })
  disabledAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Since when every attempt has failed; none while it answers.',
  })
  failingSince!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Until when the secret before the last rotation still signs too.',
  })
  previousSecretExpiresAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({ description: 'An endpoint and its signing secret, shown this once.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field({ description: 'The `whsec_` secret that signs every delivery; it is not shown again.' })
  secret!: string;
}

@ObjectType({ description: 'One attempt to deliver a webhook.', simpleResolvers: true })
export class WebhookAttempt {
  @Field(() => Date)
  attemptedAt!: Date;

  @Field()
  succeeded!: boolean;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'None when no answer came.' })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'What went wrong, in a few words.' })
  error!: string | null;
}

@ObjectType({
  description:
    'One event sent to one endpoint: its `id` is the `webhook-id` header, the same on every attempt.',
  simpleResolvers: true,
})
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  endpointId!: string;

  @Field(() => NotificationType)
  eventType!: NotificationType;

  @Field(() => ID)
  referralId!: string;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it is tried next, while PENDING.' })
  nextAttemptAt!: Date | null;

  @Field(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' })
  attempts!: WebhookAttempt[];
}

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}
