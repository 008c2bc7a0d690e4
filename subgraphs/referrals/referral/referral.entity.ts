import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  Entity,
  Enum,
  Index,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
} from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import {
  ContactMethod,
  DischargeSetting,
  ReferralOutcomeCode,
  ReferralReasonCode,
  ReferralStatus,
  ReferralUrgency,
} from './referral.enums';

/**
 * A closed-loop referral of one person to one resource. The person's details are columns here but
 * not GraphQL fields: `Referral.person` (the resolver) discloses them only to those entitled.
 */
// simpleResolvers: plain property reads, without type-graphql's per-field wrapper (no middlewares here).
@ObjectType('Referral', {
  description:
    'A closed-loop referral of a person to a resource (FHIR SDOH ServiceRequest + Task).',
  simpleResolvers: true,
})
@Directive('@key(fields: "id")')
@Entity({ tableName: 'referral' })
@Unique({ name: 'referral_idempotency_unique', properties: ['createdBy', 'idempotencyKey'] })
@Index({ name: 'referral_created_index', properties: ['createdAt', 'id'] })
@Index({ name: 'referral_created_by_index', properties: ['createdBy', 'createdAt'] })
@Index({ name: 'referral_referrer_org_index', properties: ['referrerOrgId', 'createdAt'] })
@Index({ name: 'referral_receiving_org_index', properties: ['receivingOrgId', 'createdAt'] })
@Index({ name: 'referral_resource_index', properties: ['resourceId', 'requestedAt'] })
@Index({ name: 'referral_peer_index', properties: ['assignedPeerId', 'status'] })
@Index({ name: 'referral_person_index', properties: ['personRef'] })
export class Referral {
  [OptionalProps]?:
    | 'id'
    | 'createdAt'
    | 'updatedAt'
    | 'version'
    | 'locationId'
    | 'assignedPeerId'
    | 'assignedPeerOrgId'
    | 'statusReasonCode'
    | 'statusReason'
    | 'expectedDischargeAt'
    | 'requestedAt'
    | 'acceptedAt'
    | 'closedAt'
    | 'outcomeCode'
    | 'outcomeNote'
    | 'outcomeRecordedAt'
    | 'referrerOrgId'
    | 'personPreferredLanguage'
    | 'personContact';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The referrer: the token subject who created it. */
  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'text' })
  referrerRole!: string;

  @Property({ type: 'text', nullable: true })
  referrerOrgId: string | null = null;

  /** With `createdBy`, unique: a retried create finds the referral it made the first time. */
  @Property({ type: 'text' })
  idempotencyKey!: string;

  /** Hash of the create input, so a key reused for a different referral is refused. */
  @Property({ type: 'text' })
  requestHash!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  resourceId!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'uuid', nullable: true })
  locationId: string | null = null;

  /** The organization that offers the resource, as the resources subgraph said when it was created. */
  @Field(() => ID, { name: 'receivingOrganizationId', simple: false })
  @Property({ type: 'uuid' })
  receivingOrgId!: string;

  /** A stable reference to the person across referrals: the referrer's own, or generated. */
  @Property({ type: 'text' })
  personRef!: string;

  @Property({ type: 'text' })
  personDisplayName!: string;

  @Property({ type: 'text', nullable: true })
  personPreferredLanguage: string | null = null;

  @Enum({ items: () => ContactMethod, nativeEnumName: undefined, type: 'text' })
  personContactMethod!: ContactMethod;

  @Property({ type: 'text', nullable: true })
  personContact: string | null = null;

  @Property({ type: 'boolean' })
  personContactAllowed!: boolean;

  /** Category ids; `Referral.needs` shows those the disclosure policy opens to the caller. */
  @Property({ type: ArrayType })
  needs!: string[];

  @Field(() => DischargeSetting)
  @Enum({ items: () => DischargeSetting, nativeEnumName: undefined, type: 'text' })
  setting!: DischargeSetting;

  /** The discharge plan: `Referral.expectedDischargeAt` shows it with DISCHARGE_PLAN. */
  @Property({ type: 'timestamptz', nullable: true })
  expectedDischargeAt: Date | null = null;

  @Field(() => ReferralUrgency)
  @Enum({ items: () => ReferralUrgency, nativeEnumName: undefined, type: 'text' })
  urgency!: ReferralUrgency;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'text', nullable: true })
  assignedPeerId: string | null = null;

  /**
   * The assigned peer's organization, as the peers subgraph said when they were assigned: a consent
   * naming that organization covers them.
   */
  @Property({ type: 'text', nullable: true })
  assignedPeerOrgId: string | null = null;

  @Field(() => ReferralStatus)
  @Enum({ items: () => ReferralStatus, nativeEnumName: undefined, type: 'text' })
  status!: ReferralStatus;

  /** Free text: `Referral.statusReason` shows it only to those who may see the person. */
  @Property({ type: 'text', nullable: true })
  statusReason: string | null = null;

  @Field(() => ReferralReasonCode, {
    nullable: true,
    description: 'Why it has its current status, as a code; given to reject, cancel, hold or fail.',
  })
  @Enum({
    items: () => ReferralReasonCode,
    nativeEnumName: undefined,
    type: 'text',
    nullable: true,
  })
  statusReasonCode: ReferralReasonCode | null = null;

  @Enum({
    items: () => ReferralOutcomeCode,
    nativeEnumName: undefined,
    type: 'text',
    nullable: true,
  })
  outcomeCode: ReferralOutcomeCode | null = null;

  @Property({ type: 'text', nullable: true })
  outcomeNote: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Date, {
    nullable: true,
    description: 'When it was sent to the receiving organization.',
  })
  @Property({ type: 'timestamptz', nullable: true })
  requestedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the loop closed (completed, failed, rejected, cancelled).',
  })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Field(() => Int, { description: 'Pass as expectedVersion when changing it.' })
  @Property({ type: 'int', version: true })
  version: number = 1;
}
