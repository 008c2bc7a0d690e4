import { ArrayType, BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** One read of a person's details: who, when, which referral, by which operation (42 CFR Part 2). */
@ObjectType({
  description:
    "One read of a person's details in a referral: who, when, which referral, which operation.",
})
@Entity({ tableName: 'referral_access' })
@Index({ properties: ['referralId', 'at'] })
@Index({ properties: ['personRef', 'at'] })
export class ReferralAccess {
  @Field(() => ID)
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @Field(() => ID)
  @Property({ type: 'uuid' })
  referralId!: string;

  @Field(() => ID, { description: 'Whose details were read.' })
  @Property({ type: 'text' })
  personRef!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  at!: Date;

  @Field({ description: 'Who read them (token subject).' })
  @Property({ type: 'text' })
  accessor!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  accessorRole: string | null = null;

  @Field(() => ID, { nullable: true })
  @Property({ type: 'text', nullable: true })
  accessorOrganizationId: string | null = null;

  @Field({
    description:
      'The field read and the operation that read it, e.g. "Referral.person in query ReferralInbox".',
  })
  @Property({ type: 'text' })
  operation!: string;

  @Field(() => [String], { description: 'What was disclosed: IDENTITY, CONTACT, NOTES, FHIR.' })
  @Property({ type: ArrayType })
  disclosed!: string[];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  requestId: string | null = null;
}
