import { Migration } from '@mikro-orm/migrations';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
const STATUS = list([
  'DRAFT',
  'REQUESTED',
  'ACCEPTED',
  'REJECTED',
  'CANCELLED',
  'IN_PROGRESS',
  'ON_HOLD',
  'COMPLETED',
  'FAILED',
  'ENTERED_IN_ERROR',
]);
const CONTACT = list(['PHONE', 'SMS', 'EMAIL', 'IN_PERSON', 'THROUGH_REFERRER', 'THROUGH_PEER']);
const SETTING = list(['HOSPITAL', 'JAIL', 'PRISON', 'CRISIS_UNIT', 'COMMUNITY']);
const URGENCY = list(['ROUTINE', 'URGENT', 'ASAP', 'STAT']);
const OUTCOME = list([
  'SERVICE_PROVIDED',
  'ENROLLED',
  'PERSON_DECLINED',
  'UNABLE_TO_CONTACT',
  'NOT_ELIGIBLE',
  'NO_CAPACITY',
  'DID_NOT_ARRIVE',
  'OTHER',
]);
const EVENT = list([
  'CREATED',
  'STATUS_CHANGED',
  'PEER_ASSIGNED',
  'NOTE_ADDED',
  'CONSENT_RECORDED',
  'CONSENT_REVOKED',
]);

/** The referrals database: referrals, their history, notes, consents and the access log. */
export class Migration20261123100000Referrals extends Migration {
  override up(): void {
    this.addSql(`create table "referral" (
      "id" uuid not null,
      "created_by" text not null,
      "referrer_role" text not null,
      "referrer_org_id" text null,
      "idempotency_key" text not null,
      "request_hash" text not null,
      "resource_id" uuid not null,
      "location_id" uuid null,
      "receiving_org_id" uuid not null,
      "person_ref" text not null,
      "person_display_name" text not null,
      "person_preferred_language" text null,
      "person_contact_method" text check ("person_contact_method" in (${CONTACT})) not null,
      "person_contact" text null,
      "person_contact_allowed" boolean not null,
      "needs" text[] not null default '{}',
      "setting" text check ("setting" in (${SETTING})) not null,
      "expected_discharge_at" timestamptz null,
      "urgency" text check ("urgency" in (${URGENCY})) not null,
      "assigned_peer_id" text null,
      "status" text check ("status" in (${STATUS})) not null,
      "status_reason" text null,
      "outcome_code" text check ("outcome_code" in (${OUTCOME})) null,
      "outcome_note" text null,
      "outcome_recorded_at" timestamptz null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "requested_at" timestamptz null,
      "accepted_at" timestamptz null,
      "closed_at" timestamptz null,
      "version" int not null default 1,
      constraint "referral_pkey" primary key ("id"),
      constraint "referral_idempotency_unique" unique ("created_by", "idempotency_key")
    );`);
    this.addSql(`create index "referral_created_index" on "referral" ("created_at", "id");`);
    this.addSql(
      `create index "referral_created_by_index" on "referral" ("created_by", "created_at");`,
    );
    this.addSql(
      `create index "referral_referrer_org_index" on "referral" ("referrer_org_id", "created_at");`,
    );
    this.addSql(
      `create index "referral_receiving_org_index" on "referral" ("receiving_org_id", "created_at");`,
    );
    this.addSql(
      `create index "referral_resource_index" on "referral" ("resource_id", "requested_at");`,
    );
    this.addSql(`create index "referral_peer_index" on "referral" ("assigned_peer_id", "status");`);
    this.addSql(`create index "referral_person_index" on "referral" ("person_ref");`);

    this.addSql(`create table "referral_event" (
      "id" bigserial primary key,
      "referral_id" uuid not null references "referral" ("id") on update cascade on delete cascade,
      "kind" text check ("kind" in (${EVENT})) not null,
      "at" timestamptz not null,
      "actor" text not null,
      "actor_role" text null,
      "actor_organization_id" text null,
      "from" text check ("from" in (${STATUS})) null,
      "to" text check ("to" in (${STATUS})) null,
      "reason" text null,
      "detail" text null,
      "request_id" text null
    );`);
    this.addSql(
      `create index "referral_event_referral_id_id_index" on "referral_event" ("referral_id", "id");`,
    );

    this.addSql(`create table "referral_note" (
      "id" uuid not null primary key,
      "referral_id" uuid not null references "referral" ("id") on update cascade on delete cascade,
      "body" text not null,
      "author" text not null,
      "author_role" text null,
      "author_organization_id" text null,
      "created_at" timestamptz not null
    );`);
    this.addSql(
      `create index "referral_note_referral_id_created_at_index" on "referral_note" ("referral_id", "created_at");`,
    );

    this.addSql(`create table "referral_consent" (
      "id" uuid not null primary key,
      "referral_id" uuid not null references "referral" ("id") on update cascade on delete cascade,
      "person_ref" text not null,
      "disclosing_party" text not null,
      "disclosing_organization_id" text null,
      "recipient_organization_ids" text[] not null,
      "includes_assigned_peer" boolean not null,
      "information" text[] not null,
      "information_description" text null,
      "purpose" text not null,
      "revocation_acknowledged" boolean not null,
      "expires_at" timestamptz not null,
      "method" text check ("method" in ('WRITTEN_SIGNATURE', 'ELECTRONIC_SIGNATURE')) not null,
      "signed_by" text check ("signed_by" in ('PATIENT', 'AUTHORIZED_REPRESENTATIVE')) not null,
      "representative_relationship" text null,
      "signed_at" timestamptz not null,
      "recorded_by" text not null,
      "recorded_by_role" text null,
      "recorded_at" timestamptz not null,
      "revoked_at" timestamptz null,
      "revoked_by" text null,
      "revocation_reason" text null
    );`);
    this.addSql(
      `create index "referral_consent_referral_id_index" on "referral_consent" ("referral_id");`,
    );

    this.addSql(`create table "referral_access" (
      "id" bigserial primary key,
      "referral_id" uuid not null references "referral" ("id") on update cascade,
      "person_ref" text not null,
      "at" timestamptz not null,
      "accessor" text not null,
      "accessor_role" text null,
      "accessor_organization_id" text null,
      "operation" text not null,
      "disclosed" text[] not null,
      "request_id" text null
    );`);
    this.addSql(
      `create index "referral_access_referral_id_at_index" on "referral_access" ("referral_id", "at");`,
    );
    this.addSql(
      `create index "referral_access_person_ref_at_index" on "referral_access" ("person_ref", "at");`,
    );
    // An access log that can be edited proves nothing: rows can be added, never changed or removed.
    this
      .addSql(`create function "referral_access_append_only"() returns trigger language plpgsql as $$
      begin raise exception 'the referral access log is append-only'; end $$;`);
    this
      .addSql(`create trigger "referral_access_append_only" before update or delete on "referral_access"
      for each row execute function "referral_access_append_only"();`);
  }
}
