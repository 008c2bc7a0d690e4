import { randomUUID } from 'node:crypto';
import {
  Collection,
  Embedded,
  Entity,
  Index,
  ManyToMany,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Organization } from '../organization/organization.entity';
import type { Resource } from '../resource/resource.entity';
import { Address } from './address.entity';
import type { Schedule } from './schedule';

/** Where resources are offered (HSDS location), with its weekly schedule in its own time zone. */
@ObjectType({ description: 'A place where resources are offered (HSDS location).' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'location' })
export class Location {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'version' | 'schedule';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { ref: true, deleteRule: 'cascade' })
  @Index()
  organization!: Ref<Organization>;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => Address, { nullable: true })
  @Embedded(() => Address, { nullable: true, prefix: 'address_' })
  address?: Address | null;

  @Field(() => Float, {
    nullable: true,
    description: 'WGS 84; null when the place cannot be found by distance.',
  })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;

  @Field({ description: 'IANA time zone, e.g. "America/Los_Angeles".' })
  @Property({ type: 'text' })
  timeZone!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  accessibility?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  transitNotes?: string | null;

  @Property({ type: 'json' })
  schedule: Schedule = { weekly: [], closures: [] };

  @ManyToMany(() => 'Resource', (resource: Resource) => resource.locations)
  resources = new Collection<Resource>(this);

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
