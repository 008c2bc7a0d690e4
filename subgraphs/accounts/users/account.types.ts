import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { OrganizationRef } from '../refs/organization.ref';
import { PeerRef } from '../refs/peer.ref';
import { AccountRole } from './roles';

@ObjectType({ description: 'Who is calling: a person with an account, or a token or key.' })
export class Me {
  @Field(() => ID, { description: 'The user id (a token: its subject; an API key: apikey:<id>).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Null for a bearer token or an API key.' })
  email!: string | null;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => [AccountRole])
  roles!: AccountRole[];

  @Field({ description: "Whether the person manages their organization's people and API keys." })
  manager!: boolean;

  @Field(() => OrganizationRef, { nullable: true })
  organization!: OrganizationRef | null;

  @Field(() => PeerRef, { nullable: true, description: 'A peer: their peer profile.' })
  peer!: PeerRef | null;
}

export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(MemberStatus, { name: 'MemberStatus' });

@ObjectType({ description: 'A person in an organization: their account and role there.' })
export class Member {
  @Field(() => ID, { description: "The person's user id." })
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => [AccountRole])
  roles!: AccountRole[];

  @Field()
  manager!: boolean;

  @Field(() => MemberStatus)
  status!: MemberStatus;

  @Field(() => OrganizationRef, { nullable: true })
  organization!: OrganizationRef | null;

  @Field(() => PeerRef, { nullable: true })
  peer!: PeerRef | null;

  @Field(() => Date)
  joinedAt!: Date;
}

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(InvitationStatus, { name: 'InvitationStatus' });

@ObjectType('Invitation', {
  description: 'An invitation to join an organization; its link is emailed, never shown here.',
})
export class InvitationView {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => [AccountRole])
  roles!: AccountRole[];

  @Field()
  manager!: boolean;

  @Field(() => OrganizationRef, { nullable: true })
  organization!: OrganizationRef | null;

  @Field(() => PeerRef, { nullable: true })
  peer!: PeerRef | null;

  @Field(() => InvitationStatus)
  status!: InvitationStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;
}

@InputType({ description: 'Whom to invite, to which organization, in which role.' })
export class InviteUserInput {
  @Field()
  email!: string;

  @Field(() => AccountRole)
  role!: AccountRole;

  @Field(() => ID, {
    nullable: true,
    description: 'Required except for a directory admin (admins only may invite admins).',
  })
  organizationId?: string | null;

  @Field({ nullable: true, description: "May manage the organization's people and API keys." })
  manager?: boolean;

  @Field(() => ID, { nullable: true, description: 'Required for a peer: their peer profile.' })
  peerId?: string | null;
}

/** What an API key may change. Reads are those of its organization's partners. */
export enum ApiKeyScope {
  CAPACITY_WRITE = 'capacity:write',
  LISTINGS_WRITE = 'listings:write',
  REFERRALS_ANSWER = 'referrals:answer',
  WEBHOOKS_MANAGE = 'webhooks:manage',
}
registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description:
    "CAPACITY_WRITE: updateCapacity. LISTINGS_WRITE: listing and location edits, verification, capacity. REFERRALS_ANSWER: transitionReferral and addReferralNote on referrals sent to the organization. WEBHOOKS_MANAGE: the organization's webhook endpoints (create, update, rotate, delete, redeliver).",
});

@ObjectType('ApiKey', { description: "A partner system's key; the secret is shown only once." })
export class ApiKeyView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The first characters of the key, to tell keys apart.' })
  prefix!: string;

  @Field(() => OrganizationRef)
  organization!: OrganizationRef;

  @Field(() => [ApiKeyScope])
  scopes!: ApiKeyScope[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'A new API key and its secret, which is never shown again.' })
export class CreatedApiKey {
  @Field(() => ApiKeyView)
  apiKey!: ApiKeyView;

  @Field({ description: 'Send as "Authorization: Bearer <secret>". Store it now.' })
  secret!: string;
}
