import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  Entity,
  Enum,
  Index,
  OptionalProps,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ConsentInformation, ConsentMethod, ConsentSigner } from './consent.enums';

/**
 * A person's consent to disclose their referral, with the elements 42 CFR 2.31 requires: whose, who
 * may disclose, what, to whom, why, that it may be revoked, until when, and the signature.
 */
@ObjectType('Consent', {
  description: "A person's consent to disclose their referral (42 CFR Part 2 elements).",
})
@Entity({ tableName: 'referral_consent' })
@Index({ properties: ['referralId'] })
export class ReferralConsent {
  [OptionalProps]?:
    | 'id'
    | 'recordedAt'
    | 'revokedAt'
    | 'revokedBy'
    | 'revocationReason'
    | 'informationDescription'
    | 'representativeRelationship'
    | 'disclosingOrganizationId'
    | 'recordedByRole'
    | 'recipientPeerIds';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID)
  @Property({ type: 'uuid' })
  referralId!: string;

  /** Whose consent: the referral's person. */
  @Property({ type: 'text' })
  personRef!: string;

  @Field({ description: 'Who may disclose: the program that holds the information.' })
  @Property({ type: 'text' })
  disclosingParty!: string;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'text', nullable: true })
  disclosingOrganizationId: string | null = null;

  @Field(() => [ID], { description: 'To whom: the organizations that may receive it.' })
  @Property({ type: ArrayType })
  recipientOrganizationIds!: string[];

  @Field(() => [ID], {
    description:
      'To whom: the peers (by id) who may receive it, whoever is assigned. A peer assigned later who is not named here, and whose organization is not named either, sees nothing of the person.',
  })
  @Property({ type: ArrayType })
  recipientPeerIds: string[] = [];

  @Field({
    description:
      'Whether it was given for the peer assigned when it was recorded; that peer is then among recipientPeerIds.',
  })
  @Property({ type: 'boolean' })
  includesAssignedPeer!: boolean;

  @Field(() => [ConsentInformation], { description: 'What information may be disclosed.' })
  @Property({ type: ArrayType })
  information!: ConsentInformation[];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  informationDescription: string | null = null;

  @Field({ description: 'Why: the purpose of the disclosure.' })
  @Property({ type: 'text' })
  purpose!: string;

  @Field({ description: 'The person was told they may revoke it at any time.' })
  @Property({ type: 'boolean' })
  revocationAcknowledged!: boolean;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Field(() => ConsentMethod, { description: 'How it was given.' })
  @Enum({ items: () => ConsentMethod, nativeEnumName: undefined, type: 'text' })
  method!: ConsentMethod;

  @Field(() => ConsentSigner)
  @Enum({ items: () => ConsentSigner, nativeEnumName: undefined, type: 'text' })
  signedBy!: ConsentSigner;

  @Field(() => String, {
    nullable: true,
    description: 'For a representative: their authority, e.g. "legal guardian".',
  })
  @Property({ type: 'text', nullable: true })
  representativeRelationship: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  signedAt!: Date;

  @Field({ description: 'Who recorded it (token subject).' })
  @Property({ type: 'text' })
  recordedBy!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  recordedByRole: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  recordedAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  revokedBy: string | null = null;

  /** Free text: `Consent.revocationReason` shows it only to those who may see the person. */
  @Property({ type: 'text', nullable: true })
  revocationReason: string | null = null;
}
