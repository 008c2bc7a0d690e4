import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum SignInOutcome {
  SUCCEEDED = 'SUCCEEDED',
  /** Signed in with a recovery code in place of the authenticator app (that code is now used up). */
  SUCCEEDED_WITH_RECOVERY_CODE = 'SUCCEEDED_WITH_RECOVERY_CODE',
  /** A directory admin removed the person's authenticator app and recovery codes (`actorId`). */
  SECOND_FACTOR_RESET = 'SECOND_FACTOR_RESET',
  /** A wrong password, an unknown email, a disabled account: the client is told the same. */
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /** Refused before the password was checked: too many attempts for the account or the address. */
  LOCKED_OUT = 'LOCKED_OUT',
  /** The password held; the person was asked for their authenticator code (or to set one up). */
  SECOND_FACTOR_REQUIRED = 'SECOND_FACTOR_REQUIRED',
  /** The password held but the authenticator code was wrong or already used. */
  SECOND_FACTOR_FAILED = 'SECOND_FACTOR_FAILED',
  /** Signed in through the county's identity provider. */
  OIDC_SUCCEEDED = 'OIDC_SUCCEEDED',
  /** The identity provider vouched for an email with no account or invitation, or not verified. */
  OIDC_REFUSED = 'OIDC_REFUSED',
}
registerEnumType(SignInOutcome, { name: 'SignInOutcome' });

/** One try to sign in: who (the email typed, and the account when there is one), when, from where. */
@ObjectType({ description: 'One sign-in attempt. The password is never recorded.' })
@Entity({ tableName: 'sign_in_attempt' })
export class SignInAttempt {
  [OptionalProps]?: 'id' | 'at' | 'userId' | 'address' | 'actorId';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => ID, { nullable: true, description: 'The account, when the email names one.' })
  @Property({ type: 'uuid', nullable: true })
  userId?: string | null = null;

  @Field({ description: 'The email as typed (trimmed, lower case).' })
  @Property({ type: 'text' })
  email!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  address?: string | null = null;

  @Field(() => String, {
    nullable: true,
    description:
      "Who acted on the account, when not its owner: the admin's user id or token subject (a reset).",
  })
  @Property({ type: 'text', nullable: true })
  actorId?: string | null = null;

  @Field(() => SignInOutcome)
  @Property({ type: 'text' })
  outcome!: SignInOutcome;
}
