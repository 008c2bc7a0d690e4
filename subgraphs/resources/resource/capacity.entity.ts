import { Embeddable, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/** Open capacity of a resource (HSDS 3.1 service_capacity). */
@ObjectType({ description: 'Open capacity, such as beds tonight (HSDS 3.1 service_capacity).' })
@Embeddable()
export class Capacity {
  @Field({ description: 'What is counted: "beds", "appointments", "slots"...' })
  @Property({ type: 'text' })
  unit!: string;

  @Field(() => Int)
  @Property({ type: 'int' })
  available!: number;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'int', nullable: true })
  maximum?: number | null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
