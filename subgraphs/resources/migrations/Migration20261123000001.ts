import { Migration } from '@mikro-orm/migrations';
import { TAXONOMY } from '../category/taxonomy';

/** The directory's tables, as the entities describe them, and the first taxonomy. */
export class Migration20261123000001 extends Migration {
  override up(): void {
    for (const extension of ['pg_trgm', 'cube', 'earthdistance', 'unaccent']) {
      this.addSql(`create extension if not exists ${extension};`);
    }
    this.addSql(
      `create table "category" ("id" text not null, "name" text not null, "description" text null, "parent_id" text null references "category" ("id") on update cascade on delete set null, "position" int not null default 0, constraint "category_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create table "organization" ("id" uuid not null, "name" text not null, "alternate_name" text null, "description" text null, "email" text null, "website" text null, "phone" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "organization_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "organization_name_index" on "organization" ("name", "id");`);
    this.addSql(
      `create table "location" ("id" uuid not null, "organization_id" uuid not null, "name" text not null, "description" text null, "address_address1" text null, "address_address2" text null, "address_city" text null, "address_region" text null, "address_state_province" text null, "address_postal_code" text null, "address_country" text null, "latitude" double precision null, "longitude" double precision null, "time_zone" text not null, "accessibility" text null, "transit_notes" text null, "schedule" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "location_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "location_organization_id_index" on "location" ("organization_id");`);
    this.addSql(
      `create table "resource" ("id" uuid not null, "organization_id" uuid not null, "name" text not null, "alternate_name" text null, "description" text null, "url" text null, "email" text null, "phone" text null, "status" text check ("status" in ('ACTIVE', 'TEMPORARILY_CLOSED', 'INACTIVE', 'DEFUNCT')) not null default 'ACTIVE', "category_ids" text[] not null default '{}', "populations" text[] not null default '{}', "insurance" text[] not null default '{}', "languages" text[] not null default '{}', "minimum_age" int null, "maximum_age" int null, "eligibility_description" text null, "fees_description" text null, "application_process" text null, "required_documents" text[] not null default '{}', "accepts_referrals" boolean not null default false, "capacity_unit" text null, "capacity_available" int null, "capacity_maximum" int null, "capacity_updated_at" timestamptz null, "last_verified_at" timestamptz null, "last_verified_by" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "resource_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "resource_organization_id_index" on "resource" ("organization_id");`);
    this.addSql(`create index "resource_name_index" on "resource" ("name", "id");`);
    this.addSql(
      `create index "resource_category_ids_index" on "resource" using gin ("category_ids");`,
    );
    this.addSql(
      `create table "resource_location" ("resource_id" uuid not null, "location_id" uuid not null, constraint "resource_location_pkey" primary key ("resource_id", "location_id"));`,
    );
    this.addSql(
      `create index "resource_location_location_id_index" on "resource_location" ("location_id");`,
    );
    this.addSql(
      `create table "change_record" ("id" bigserial primary key, "entity_type" text not null, "entity_id" uuid not null, "resource_id" uuid null, "field" text not null, "old_value" jsonb null, "new_value" jsonb null, "changed_by" text not null, "changed_by_role" text null, "changed_at" timestamptz not null, "request_id" text null);`,
    );
    this.addSql(
      `create index "change_record_entity_id_changed_at_index" on "change_record" ("entity_id", "changed_at");`,
    );
    this.addSql(
      `create index "change_record_resource_id_changed_at_index" on "change_record" ("resource_id", "changed_at");`,
    );
    this.addSql(
      `create table "listing_report" ("id" uuid not null, "resource_id" uuid not null, "location_id" uuid null, "kind" text check ("kind" in ('CLOSED', 'WRONG_PHONE', 'WRONG_ADDRESS', 'WRONG_HOURS', 'NO_CAPACITY', 'OTHER')) not null, "message" text null, "status" text check ("status" in ('OPEN', 'RESOLVED')) not null default 'OPEN', "reported_by" text not null, "reported_by_role" text null, "created_at" timestamptz not null, "resolved_at" timestamptz null, "resolved_by" text null, "resolution" text null, constraint "listing_report_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "listing_report_resource_id_status_index" on "listing_report" ("resource_id", "status");`,
    );
    this.addSql(
      `alter table "location" add constraint "location_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "resource" add constraint "resource_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "listing_report" add constraint "listing_report_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "listing_report" add constraint "listing_report_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "resource_location" add constraint "resource_location_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "resource_location" add constraint "resource_location_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade on delete cascade;`,
    );
    TAXONOMY.forEach((term, position) => {
      this.addSql(
        this.getKnex()
          .insert({
            id: term.id,
            name: term.name,
            parent_id: term.parentId,
            description: term.description,
            position,
          })
          .into('category')
          .toQuery(),
      );
    });
  }
}
