import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications: an outbox of referral events and their deliveries, one per event per channel.
 *
 * A constraint trigger on `referral_event` (the history every change already writes in its own
 * transaction, whether by the ORM or by createReferral's single statement) writes the outbox row,
 * so no code path can change a referral without its event, and a change that rolls back leaves
 * none. It is deferred to the commit, so it sees the referral as the transaction leaves it (the
 * peer just assigned, the status just set). The row carries ids, the type, the status and times:
 * never the person's fields, nor the free-text reason or the note.
 *
 * Who is told is fixed at event time: the referrer (the identity that created it), the receiving
 * organization and the peer assigned then.
 */
export class Migration20261202150000Notifications extends Migration {
  override up(): void {
    this.addSql(`create table "notification_event" (
      "id" bigserial primary key,
      "referral_event_id" bigint not null unique references "referral_event" ("id"),
      "referral_id" uuid not null,
      "type" text not null,
      "status" text not null,
      "occurred_at" timestamptz not null,
      "actor" text not null,
      "referrer" text not null,
      "referrer_org_id" text null,
      "receiving_org_id" text not null,
      "assigned_peer_id" text null,
      "created_at" timestamptz not null default now());`);
    this.addSql(`create index "notification_event_referral_id_index"
      on "notification_event" ("referral_id", "id");`);
    // The channels every event is delivered on; a new channel is a row here.
    this.addSql(`create table "notification_channel" ("name" text primary key);`);
    this.addSql(`insert into "notification_channel" ("name") values ('FEED');`);
    this.addSql(`create table "notification_delivery" (
      "id" bigserial primary key,
      "event_id" bigint not null references "notification_event" ("id") on delete cascade,
      "channel" text not null references "notification_channel" ("name"),
      "attempts" int not null default 0,
      "next_attempt_at" timestamptz not null default now(),
      "lease_token" uuid null,
      "lease_until" timestamptz null,
      "delivered_at" timestamptz null,
      "last_error" text null,
      unique ("event_id", "channel"));`);
    this.addSql(`create index "notification_delivery_due_index"
      on "notification_delivery" ("next_attempt_at", "id") where "delivered_at" is null;`);
    // The in-app feed: one row per audience an event concerns; read marks are per person.
    this.addSql(`create table "notification" (
      "id" uuid primary key default gen_random_uuid(),
      "event_id" bigint not null references "notification_event" ("id") on delete cascade,
      "audience" text not null check ("audience" in ('USER', 'ORGANIZATION', 'PEER')),
      "audience_id" text not null,
      unique ("event_id", "audience", "audience_id"));`);
    this.addSql(`create index "notification_audience_index"
      on "notification" ("audience", "audience_id", "event_id");`);
    this.addSql(`create table "notification_read" (
      "notification_id" uuid not null references "notification" ("id") on delete cascade,
      "reader" text not null,
      "read_at" timestamptz not null default now(),
      primary key ("notification_id", "reader"));`);
    this.addSql(`create function "referral_event_notify"() returns trigger language plpgsql as $$
      declare
        r record;
        t text;
        created bigint;
      begin
        select * into r from "referral" where "id" = new."referral_id";
        if not found then return null; end if;
        t := case new."kind"
          when 'CREATED' then case when new."to" = 'REQUESTED' then 'REFERRAL_REQUESTED' end
          when 'STATUS_CHANGED' then 'REFERRAL_' || new."to"
          when 'NOTE_ADDED' then 'NOTE_ADDED'
          when 'PEER_ASSIGNED' then 'PEER_ASSIGNED'
          when 'CONSENT_REVOKED' then 'CONSENT_REVOKED'
        end;
        if t is null then return null; end if;
        insert into "notification_event" ("referral_event_id", "referral_id", "type", "status",
          "occurred_at", "actor", "referrer", "referrer_org_id", "receiving_org_id", "assigned_peer_id")
        values (new."id", new."referral_id", t, coalesce(new."to", r."status"), new."at", new."actor",
          r."created_by", r."referrer_org_id", r."receiving_org_id", r."assigned_peer_id")
        returning "id" into created;
        insert into "notification_delivery" ("event_id", "channel")
          select created, "name" from "notification_channel";
        perform pg_notify('notification_delivery', created::text);
        return null;
      end $$;`);
    this.addSql(`create constraint trigger "referral_event_notify" after insert on "referral_event"
      deferrable initially deferred for each row execute function "referral_event_notify"();`);
  }

  override down(): void {
    this.addSql(`drop trigger "referral_event_notify" on "referral_event";`);
    this.addSql(`drop function "referral_event_notify"();`);
    this.addSql(
      `drop table "notification_read", "notification", "notification_delivery", "notification_channel", "notification_event";`,
    );
  }
}
