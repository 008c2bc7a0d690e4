import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('ResponseTarget', {
  description:
    'How soon an organization answers referrals: business days counted in its business hours and time zone.',
})
export class ResponseTargetType {
  @Field(() => Float)
  targetBusinessDays!: number;

  @Field({ description: 'IANA time zone, e.g. America/Los_Angeles.' })
  timeZone!: string;

  @Field({ description: 'Opening time, HH:MM local.' })
  opensAt!: string;

  @Field({ description: 'Closing time, HH:MM local.' })
  closesAt!: string;

  @Field(() => [Int], { description: 'Open weekdays, 1 (Monday) to 7 (Sunday).' })
  days!: number[];
}

@InputType()
export class ResponseTargetInput {
  @Field(() => Float)
  targetBusinessDays!: number;

  @Field()
  timeZone!: string;

  @Field({ description: 'HH:MM local.' })
  opensAt!: string;

  @Field({ description: 'HH:MM local.' })
  closesAt!: string;

  @Field(() => [Int])
  days!: number[];
}
