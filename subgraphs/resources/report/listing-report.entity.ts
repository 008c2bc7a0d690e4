import { randomUUID } from 'node:crypto';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Location } from '../location/location.entity';
import { Resource } from '../resource/resource.entity';

export enum ListingIssueKind {
  CLOSED = 'CLOSED',
  WRONG_PHONE = 'WRONG_PHONE',
  WRONG_ADDRESS = 'WRONG_ADDRESS',
  WRONG_HOURS = 'WRONG_HOURS',
  NO_CAPACITY = 'NO_CAPACITY',
  OTHER = 'OTHER',
}
registerEnumType(ListingIssueKind, { name: 'ListingIssueKind' });

export enum ListingReportStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
registerEnumType(ListingReportStatus, { name: 'ListingReportStatus' });

/** A problem someone in the field found with a listing, for its organization to fix. */
@ObjectType({ description: 'A problem reported with a listing by someone in the field.' })
@Entity({ tableName: 'listing_report' })
@Index({ properties: ['resource', 'status'] })
export class ListingReport {
  [OptionalProps]?: 'id' | 'createdAt' | 'status';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Resource, { ref: true, deleteRule: 'cascade' })
  resource!: Ref<Resource>;

  @ManyToOne(() => Location, { ref: true, nullable: true, deleteRule: 'set null' })
  location?: Ref<Location> | null;

  @Field(() => ListingIssueKind)
  @Enum({ items: () => ListingIssueKind, type: 'text' })
  kind!: ListingIssueKind;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  message?: string | null;

  @Field(() => ListingReportStatus)
  @Enum({ items: () => ListingReportStatus, type: 'text' })
  status: ListingReportStatus = ListingReportStatus.OPEN;

  @Field()
  @Property({ type: 'text' })
  reportedBy!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  reportedByRole?: string | null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  resolvedBy?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  resolution?: string | null;
}
