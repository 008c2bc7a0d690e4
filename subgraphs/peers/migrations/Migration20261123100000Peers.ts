import { Migration } from '@mikro-orm/migrations';

/** Peer profiles and their saved resources. */
export class Migration20261123100000Peers extends Migration {
  override up(): void {
    this.addSql(`create table "peer" (
      "id" uuid not null,
      "display_name" text not null,
      "pronouns" text null,
      "organization_id" uuid null,
      "certifications" jsonb not null default '[]',
      "languages" text[] not null default '{}',
      "lived_experience" text[] not null default '{}',
      "service_latitude" double precision null check ("service_latitude" between -90 and 90),
      "service_longitude" double precision null check ("service_longitude" between -180 and 180),
      "service_radius_km" double precision null check ("service_radius_km" > 0),
      "service_counties" text[] not null default '{}',
      "caseload_capacity" int not null check ("caseload_capacity" >= 0),
      "current_caseload" int not null default 0 check ("current_caseload" >= 0),
      "caseload_updated_at" timestamptz null,
      "availability" text check ("availability" in ('AVAILABLE', 'LIMITED', 'UNAVAILABLE')) not null default 'AVAILABLE',
      "work_phone" text null,
      "work_email" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      "version" int not null default 1,
      constraint "peer_pkey" primary key ("id"));`);
    this.addSql(`create index "peer_organization_id_index" on "peer" ("organization_id");`);
    this.addSql(`create index "peer_display_name_index" on "peer" ("display_name", "id");`);
    this.addSql(`create table "saved_resource" (
      "id" uuid not null,
      "peer_id" uuid not null,
      "resource_id" uuid not null,
      "folder" text not null,
      "note" text null,
      "saved_at" timestamptz not null,
      constraint "saved_resource_pkey" primary key ("id"));`);
    this.addSql(
      `alter table "saved_resource" add constraint "saved_resource_peer_id_folder_resource_id_unique" unique ("peer_id", "folder", "resource_id");`,
    );
    this.addSql(
      `create index "saved_resource_peer_id_saved_at_index" on "saved_resource" ("peer_id", "saved_at");`,
    );
    this.addSql(
      `alter table "saved_resource" add constraint "saved_resource_peer_id_foreign" foreign key ("peer_id") references "peer" ("id") on update cascade on delete cascade;`,
    );
  }
}
