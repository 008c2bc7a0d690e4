import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  Collection,
  Embedded,
  Entity,
  Enum,
  Index,
  ManyToMany,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Location } from '../location/location.entity';
import { Organization } from '../organization/organization.entity';
import { Capacity } from './capacity.entity';
import { Insurance, Population, ResourceStatus } from './resource.enums';

/** A service an organization offers (HSDS service). */
@ObjectType({ description: 'A service an organization offers (HSDS service).' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'resource' })
export class Resource {
  [OptionalProps]?:
    | 'id'
    | 'createdAt'
    | 'updatedAt'
    | 'version'
    | 'status'
    | 'categoryIds'
    | 'populations'
    | 'insurance'
    | 'languages'
    | 'requiredDocuments'
    | 'acceptsReferrals';

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
  alternateName?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Field(() => ResourceStatus)
  @Enum({ items: () => ResourceStatus, nativeEnumName: undefined, type: 'text' })
  status: ResourceStatus = ResourceStatus.ACTIVE;

  /** Category slugs; `Resource.categories` in GraphQL resolves them to `Category`. */
  @Property({ type: ArrayType })
  categoryIds: string[] = [];

  @Field(() => [Population])
  @Property({ type: ArrayType })
  populations: Population[] = [];

  @Field(() => [Insurance])
  @Property({ type: ArrayType })
  insurance: Insurance[] = [];

  @Field(() => [String], {
    description:
      'The languages staff speak, one code each: ISO 639-1 when the language has one ("en", "es"), else ISO 639-3 ("hmn", "yue"). spokenLanguages names them.',
  })
  @Property({ type: ArrayType })
  languages: string[] = [];

  @Field(() => Int, { nullable: true })
  @Property({ type: 'int', nullable: true })
  minimumAge?: number | null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'int', nullable: true })
  maximumAge?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  eligibilityDescription?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  feesDescription?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  applicationProcess?: string | null;

  @Field(() => [String])
  @Property({ type: ArrayType })
  requiredDocuments: string[] = [];

  @Field()
  @Property({ type: 'boolean' })
  acceptsReferrals: boolean = false;

  @Field(() => Capacity, { nullable: true })
  @Embedded(() => Capacity, { nullable: true, prefix: 'capacity_' })
  capacity?: Capacity | null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastVerifiedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Who last confirmed this listing is true.' })
  @Property({ type: 'text', nullable: true })
  lastVerifiedBy?: string | null;

  /** Set when an admin merged this listing into another: its id then answers with that one. */
  @Property({ type: 'uuid', nullable: true })
  mergedInto?: string | null;

  @ManyToMany(() => Location, (location) => location.resources, {
    owner: true,
    pivotTable: 'resource_location',
    joinColumn: 'resource_id',
    inverseJoinColumn: 'location_id',
  })
  locations = new Collection<Location>(this);

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
