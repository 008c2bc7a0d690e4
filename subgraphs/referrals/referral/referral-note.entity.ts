import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** A note on a referral. Notes can identify the person, so they are disclosed like the person. */
@ObjectType({ description: 'A note on a referral by one of the people working it.' })
@Entity({ tableName: 'referral_note' })
@Index({ properties: ['referralId', 'createdAt'] })
export class ReferralNote {
  [OptionalProps]?: 'id' | 'createdAt' | 'authorRole' | 'authorOrganizationId';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  referralId!: string;

  @Field()
  @Property({ type: 'text' })
  body!: string;

  @Field({ description: 'The user (token subject) who wrote it.' })
  @Property({ type: 'text' })
  author!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  authorRole: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'text', nullable: true })
  authorOrganizationId: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
