import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks for partner systems (Standard Webhooks): endpoints an organization registers, one
 * message per event per matching endpoint, and a log of every attempt to deliver it.
 *
 * The WEBHOOK notification channel fans an event out into `webhook_message` rows in the
 * dispatcher's transaction, so an event becomes messages exactly once; the unique key keeps one
 * message, hence one `webhook-id`, per event and endpoint however often it is retried. The body is
 * stored as it is signed and sent, so every retry sends the same bytes.
 *
 * Secrets are sealed (AES-256-GCM with a key derived from the service's signing secret): they
 * cannot be hashed, since the service must sign with them. During a rotation the previous secret
 * signs too, until `previous_secret_until`.
 */
export class Migration20261203100000Webhooks extends Migration {
  override up(): void {
    this.addSql(`create table "webhook_endpoint" (
      "id" uuid primary key default gen_random_uuid(),
      "organization_id" text not null,
      "url" text not null,
      "events" text[] not null,
      "secret_sealed" text not null,
      "previous_secret_sealed" text null,
      "previous_secret_until" timestamptz null,
      "enabled" boolean not null default true,
      "disabled_reason" text null check ("disabled_reason" in ('MANUAL', 'GONE', 'FAILING')),
      "disabled_at" timestamptz null,
      "failing_since" timestamptz null,
      "created_by" text not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "webhook_endpoint_organization_index"
      on "webhook_endpoint" ("organization_id", "created_at");`);
    this.addSql(`create table "webhook_message" (
      "id" text primary key,
      "event_id" bigint not null references "notification_event" ("id") on delete cascade,
      "endpoint_id" uuid not null references "webhook_endpoint" ("id") on delete cascade,
      "type" text not null,
      "payload" text not null,
      "status" text not null default 'PENDING' check ("status" in ('PENDING', 'DELIVERED', 'FAILED')),
      "attempts" int not null default 0,
      "next_attempt_at" timestamptz not null default now(),
      "lease_token" uuid null,
      "lease_until" timestamptz null,
      "delivered_at" timestamptz null,
      "last_error" text null,
      "created_at" timestamptz not null default now(),
      unique ("event_id", "endpoint_id"));`);
    this.addSql(`create index "webhook_message_due_index"
      on "webhook_message" ("next_attempt_at", "id") where "status" = 'PENDING';`);
    this.addSql(`create index "webhook_message_endpoint_index"
      on "webhook_message" ("endpoint_id", "created_at", "id");`);
    this.addSql(`create table "webhook_attempt" (
      "id" bigserial primary key,
      "message_id" text not null references "webhook_message" ("id") on delete cascade,
      "attempted_at" timestamptz not null,
      "duration_ms" int not null,
      "response_status" int null,
      "succeeded" boolean not null,
      "error" text null);`);
    this.addSql(
      `create index "webhook_attempt_message_index" on "webhook_attempt" ("message_id", "id");`,
    );
    this.addSql(`insert into "notification_channel" ("name") values ('WEBHOOK');`);
    // An endpoint disabled for failing is told to its organization in the feed: a notification
    // about an endpoint, not a referral.
    this.addSql(`alter table "notification_event"
      alter column "referral_event_id" drop not null,
      alter column "referral_id" drop not null,
      add column "webhook_endpoint_id" uuid null references "webhook_endpoint" ("id") on delete set null;`);
  }

  override down(): void {
    this.addSql(`delete from "notification_event" where "referral_event_id" is null;`);
    this.addSql(`alter table "notification_event" drop column "webhook_endpoint_id",
      alter column "referral_event_id" set not null, alter column "referral_id" set not null;`);
    this.addSql(`delete from "notification_delivery" where "channel" = 'WEBHOOK';`);
    this.addSql(`delete from "notification_channel" where "name" = 'WEBHOOK';`);
    this.addSql(`drop table "webhook_attempt", "webhook_message", "webhook_endpoint";`);
  }
}
