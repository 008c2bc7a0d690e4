import { Migration } from '@mikro-orm/migrations';

/**
 * Email notifications, each person's preferences and daily digest, and the referral clock.
 *
 * - An `EMAIL` channel: every event from now on gets an email delivery beside the feed's. Each
 *   person mailed for an event is marked (`notification_email_sent`), so a retry after a mail server
 *   failed part-way mails only those not yet mailed.
 * - Preferences are keyed by the person's user id (the identity's `sub`); no row means every event
 *   by email at once, in English, digest at 8 in the organization's time zone.
 * - A digest item is an event waiting for a person's daily mail; `notification_digest` has one row
 *   per person and local day, so a day's digest is sent once, whichever process sends it.
 * - The clock's events (reminder, overdue, urgent discharge) belong to no referral_event: they are
 *   written once per referral and type (a partial unique index), by a sweep.
 * - `organization_clock`: an organization's response target, time zone and business hours (the
 *   referrals subgraph owns the policy that its clock applies; without a row, the configured
 *   default). `referral_clock`: each sent referral's deadline as computed when the sweep first saw it,
 *   so statistics compare answers with the target that applied.
 */
export class Migration20261203110000MailClock extends Migration {
  override up(): void {
    this.addSql(
      `insert into "notification_channel" ("name") values ('EMAIL') on conflict do nothing;`,
    );
    this.addSql(`create table "notification_email_sent" (
      "event_id" bigint not null references "notification_event" ("id") on delete cascade,
      "user_id" text not null,
      "sent_at" timestamptz not null default now(),
      primary key ("event_id", "user_id"));`);
    this.addSql(`create table "notification_preference" (
      "user_id" text primary key,
      "language" text not null default 'en' check ("language" in ('en', 'es')),
      "digest_hour" int not null default 8 check ("digest_hour" between 0 and 23),
      "time_zone" text null,
      "email" jsonb not null default '{}',
      "updated_at" timestamptz not null default now());`);
    this.addSql(`create table "notification_digest" (
      "id" bigserial primary key,
      "user_id" text not null,
      "period" text not null,
      "sent_at" timestamptz not null default now(),
      unique ("user_id", "period"));`);
    this.addSql(`create table "notification_digest_item" (
      "id" bigserial primary key,
      "user_id" text not null,
      "organization_id" text null,
      "event_id" bigint not null references "notification_event" ("id") on delete cascade,
      "audience" text not null,
      "created_at" timestamptz not null,
      "digest_id" bigint null references "notification_digest" ("id"),
      unique ("user_id", "event_id"));`);
    this.addSql(`create index "notification_digest_item_pending_index"
      on "notification_digest_item" ("user_id", "created_at") where "digest_id" is null;`);
    this.addSql(`alter table "notification_event" alter column "referral_event_id" drop not null;`);
    this.addSql(`create unique index "notification_event_clock_unique"
      on "notification_event" ("referral_id", "type") where "referral_event_id" is null;`);
    this.addSql(`create table "organization_clock" (
      "organization_id" uuid primary key,
      "target_business_days" numeric not null check ("target_business_days" > 0),
      "time_zone" text not null,
      "opens_minute" int not null check ("opens_minute" between 0 and 1439),
      "closes_minute" int not null check ("closes_minute" between 1 and 1440),
      "business_days" int[] not null,
      "updated_at" timestamptz not null default now(),
      check ("opens_minute" < "closes_minute"));`);
    this.addSql(`create table "referral_clock" (
      "referral_id" uuid primary key references "referral" ("id") on delete cascade,
      "requested_at" timestamptz not null,
      "remind_at" timestamptz not null,
      "respond_by" timestamptz not null);`);
  }

  override down(): void {
    this.addSql(`drop table "referral_clock", "organization_clock";`);
    this.addSql(`drop index "notification_event_clock_unique";`);
    this.addSql(`delete from "notification_event" where "referral_event_id" is null;`);
    this.addSql(`alter table "notification_event" alter column "referral_event_id" set not null;`);
    this.addSql(
      `drop table "notification_digest_item", "notification_digest", "notification_preference", "notification_email_sent";`,
    );
    this.addSql(`delete from "notification_delivery" where "channel" = 'EMAIL';`);
    this.addSql(`delete from "notification_channel" where "name" = 'EMAIL';`);
  }
}
