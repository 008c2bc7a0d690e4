import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

/** One field of one listing changed by one person at one time (HSDS metadata). */
@ObjectType({
  description: 'One changed field of a listing: who, when, old and new value (HSDS metadata).',
})
@Entity({ tableName: 'change_record' })
@Index({ properties: ['resourceId', 'changedAt'] })
@Index({ properties: ['entityId', 'changedAt'] })
export class ChangeRecord {
  @Field(() => ID)
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @Field({ description: 'Organization, Resource or Location.' })
  @Property({ type: 'text' })
  entityType!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  entityId!: string;

  /** The listing this change belongs to, when it belongs to one (locations belong to several). */
  @Property({ type: 'uuid', nullable: true })
  resourceId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The site (location) a listing's change is about, such as its capacity there; null for the listing as a whole.",
  })
  @Property({ type: 'uuid', nullable: true })
  locationId?: string | null;

  @Field({ description: 'The field changed, e.g. "capacity.available".' })
  @Property({ type: 'text' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: 'json', nullable: true })
  oldValue?: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  @Property({ type: 'json', nullable: true })
  newValue?: unknown;

  @Field({ description: 'The user (token subject) who made the change.' })
  @Property({ type: 'text' })
  changedBy!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  changedByRole?: string | null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  changedAt!: Date;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  requestId?: string | null;
}
