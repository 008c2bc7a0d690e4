import { BigIntType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReferralEventKind, ReferralReasonCode, ReferralStatus } from './referral.enums';

/** One change to a referral: who, in which role, when, from what, to what, and why. */
@ObjectType({
  description: 'One change to a referral: who, role, when, from, to, reason.',
  simpleResolvers: true,
})
@Entity({ tableName: 'referral_event' })
@Index({ properties: ['referralId', 'id'] })
export class ReferralEvent {
  @Field(() => ID)
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  referralId!: string;

  @Field(() => ReferralEventKind)
  @Enum({ items: () => ReferralEventKind, nativeEnumName: undefined, type: 'text' })
  kind!: ReferralEventKind;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'The user (token subject) who made the change.' })
  @Property({ type: 'text' })
  actor!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  actorRole: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'text', nullable: true })
  actorOrganizationId: string | null = null;

  @Field(() => ReferralStatus, {
    nullable: true,
    description: 'The status before; null when it was created.',
  })
  @Enum({ items: () => ReferralStatus, nativeEnumName: undefined, type: 'text', nullable: true })
  from: ReferralStatus | null = null;

  @Field(() => ReferralStatus, { nullable: true })
  @Enum({ items: () => ReferralStatus, nativeEnumName: undefined, type: 'text', nullable: true })
  to: ReferralStatus | null = null;

  /**
   * Free text, which can name the person: `ReferralEvent.reason` shows it only to those who may see
   * the person (ReferralDisclosureService).
   */
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Field(() => ReferralReasonCode, {
    nullable: true,
    description: 'Why, as a code: shown to everyone who sees the referral.',
  })
  @Enum({
    items: () => ReferralReasonCode,
    nativeEnumName: undefined,
    type: 'text',
    nullable: true,
  })
  reasonCode: ReferralReasonCode | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'What else changed: the peer assigned, the consent recorded...',
  })
  @Property({ type: 'text', nullable: true })
  detail: string | null = null;

  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;
}
