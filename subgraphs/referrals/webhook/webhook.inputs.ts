import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { NotificationType } from '../notification/notification-event';

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => ID)
  organizationId!: string;

  @Field({ description: 'An https URL on the public internet.' })
  @MaxLength(2000)
  url!: string;

  @Field(() => [NotificationType], { description: 'The event types to receive (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  events!: NotificationType[];
}

@InputType({ description: 'What to change; what is left out stays.' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [NotificationType], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  events?: NotificationType[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false disables it (MANUAL); true enables it again and clears its failures.',
  })
  @IsOptional()
  enabled?: boolean | null;
}
