import { Embeddable, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

/** A physical address (HSDS address, physical). */
@ObjectType()
@Embeddable()
export class Address {
  @Field()
  @Property({ type: 'text' })
  address1!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  address2?: string | null;

  @Field()
  @Property({ type: 'text' })
  city!: string;

  @Field(() => String, {
    nullable: true,
    description: 'County, or another area between city and state.',
  })
  @Property({ type: 'text', nullable: true })
  region?: string | null;

  @Field({ description: 'State or province, e.g. "CA".' })
  @Property({ type: 'text' })
  stateProvince!: string;

  @Field()
  @Property({ type: 'text' })
  postalCode!: string;

  @Field({ description: 'ISO 3166-1 alpha-2, e.g. "US".' })
  @Property({ type: 'text' })
  country!: string;
}
