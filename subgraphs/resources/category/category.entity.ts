import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** A term of the directory's taxonomy (HSDS taxonomy_term); ids are stable slugs. */
@ObjectType({ description: 'A category of the directory taxonomy (HSDS taxonomy_term).' })
@Entity({ tableName: 'category' })
export class Category {
  @Field(() => ID, { description: 'A stable slug such as "emergency-shelter".' })
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'text', nullable: true })
  parentId?: string | null;

  @Field(() => Int, { description: 'Display order among siblings.' })
  @Property({ type: 'int', default: 0 })
  position: number = 0;
}
