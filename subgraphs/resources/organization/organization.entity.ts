import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { OrganizationKind } from './organization.enums';

/** A partner organization (HSDS organization). */
@ObjectType({ description: 'A partner organization that offers resources (HSDS organization).' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'organization' })
export class Organization {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'version';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  alternateName?: string | null;

  @Field(() => OrganizationKind, {
    nullable: true,
    description: 'What it is (a hospital, a jail, a service provider...); null when not said.',
  })
  @Property({ type: 'text', nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Int, { description: 'Pass as expectedVersion when editing.' })
  @Property({ type: 'int', version: true })
  version: number = 1;
}
