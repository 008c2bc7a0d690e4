import { Migration } from '@mikro-orm/migrations';

/** Users, memberships, sessions, invitations, password resets, API keys and the sign-in audit. */
export class Migration20261202120000Accounts extends Migration {
  override up(): void {
    this.addSql(`create table "account_user" (
      "id" uuid not null,
      "email" text not null check ("email" = lower("email")),
      "display_name" text not null,
      "status" text check ("status" in ('ACTIVE', 'DISABLED')) not null default 'ACTIVE',
      "password_hash" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "account_user_pkey" primary key ("id"));`);
    this.addSql(`create unique index "account_user_email_unique" on "account_user" ("email");`);
    this.addSql(`create table "membership" (
      "id" uuid not null,
      "user_id" uuid not null references "account_user" ("id") on delete cascade deferrable initially deferred,
      "organization_id" uuid null,
      "roles" text[] not null,
      "manager" boolean not null default false,
      "peer_id" uuid null,
      "created_at" timestamptz not null,
      constraint "membership_pkey" primary key ("id"));`);
    // Foreign keys are checked at commit: the ORM may insert a membership before its user.
    // One membership per person: a person's identity names one organization.
    this.addSql(`create unique index "membership_user_unique" on "membership" ("user_id");`);
    this.addSql(
      `create index "membership_organization_index" on "membership" ("organization_id");`,
    );
    this.addSql(`create table "session" (
      "id" uuid not null,
      "token_hash" text not null,
      "user_id" uuid not null references "account_user" ("id") on delete cascade deferrable initially deferred,
      "created_at" timestamptz not null,
      "last_seen_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      "address" text null,
      "user_agent" text null,
      constraint "session_pkey" primary key ("id"));`);
    this.addSql(`create unique index "session_token_hash_unique" on "session" ("token_hash");`);
    this.addSql(`create index "session_user_index" on "session" ("user_id");`);
    this.addSql(`create table "sign_in_attempt" (
      "id" uuid not null,
      "user_id" uuid null,
      "email" text not null,
      "at" timestamptz not null,
      "address" text null,
      "outcome" text not null,
      constraint "sign_in_attempt_pkey" primary key ("id"));`);
    this.addSql(`create index "sign_in_attempt_at_index" on "sign_in_attempt" ("at" desc, "id");`);
    this.addSql(`create index "sign_in_attempt_email_index" on "sign_in_attempt" ("email", "at");`);
    this.addSql(`create table "invitation" (
      "id" uuid not null,
      "token_hash" text not null,
      "email" text not null,
      "organization_id" uuid null,
      "roles" text[] not null,
      "manager" boolean not null default false,
      "peer_id" uuid null,
      "invited_by" text not null,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "accepted_at" timestamptz null,
      "revoked_at" timestamptz null,
      constraint "invitation_pkey" primary key ("id"));`);
    this.addSql(
      `create unique index "invitation_token_hash_unique" on "invitation" ("token_hash");`,
    );
    this.addSql(
      `create index "invitation_organization_index" on "invitation" ("organization_id");`,
    );
    this.addSql(`create table "password_reset" (
      "id" uuid not null,
      "token_hash" text not null,
      "user_id" uuid not null references "account_user" ("id") on delete cascade deferrable initially deferred,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "used_at" timestamptz null,
      constraint "password_reset_pkey" primary key ("id"));`);
    this.addSql(
      `create unique index "password_reset_token_hash_unique" on "password_reset" ("token_hash");`,
    );
    this.addSql(`create table "api_key" (
      "id" uuid not null,
      "key_hash" text not null,
      "prefix" text not null,
      "name" text not null,
      "organization_id" uuid not null,
      "scopes" text[] not null,
      "created_by" text not null,
      "created_at" timestamptz not null,
      "last_used_at" timestamptz null,
      "revoked_at" timestamptz null,
      constraint "api_key_pkey" primary key ("id"));`);
    this.addSql(`create unique index "api_key_key_hash_unique" on "api_key" ("key_hash");`);
    this.addSql(`create index "api_key_organization_index" on "api_key" ("organization_id");`);
  }
}
