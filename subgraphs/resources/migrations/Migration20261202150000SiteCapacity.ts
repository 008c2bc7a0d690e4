import { Migration } from '@mikro-orm/migrations';
import { placeListingCapacitySql } from '../resource/site-capacity';
import { searchSourceViewSql } from '../search/search-sql';

/**
 * Beds exist at a place: capacity is held per service at location (HSDS 3.1 service_capacity), and
 * a listing's `capacity_*` columns become the total of its sites. A count that belongs to a site
 * goes when the listing stops being offered there (the foreign key to resource_location; deferred,
 * so a new link and its count may be written in either order within one transaction).
 *
 * Existing counts move without loss: a listing offered at one site gives its count to that site. A
 * listing at several sites had one count for all of them and nothing says which site holds the beds,
 * so the whole count goes to its first site (the oldest, which is usually the main one) and the
 * listing's total stays exactly what it was; its partners then split it with updateCapacity. A
 * listing offered at no place keeps its count on the listing. Change records gain the site they
 * are about. Search documents are rebuilt, so hasCapacity becomes per site.
 */
export class Migration20261202150000SiteCapacity extends Migration {
  override up(): void {
    this.addSql(`create table "service_capacity" (
  "id" uuid not null,
  "resource_id" uuid not null,
  "location_id" uuid not null,
  "unit" text not null,
  "available" int not null,
  "maximum" int null,
  "updated_at" timestamptz not null,
  constraint "service_capacity_pkey" primary key ("id"),
  constraint "service_capacity_resource_id_location_id_unique" unique ("resource_id", "location_id")
);`);
    this.addSql(
      `create index "service_capacity_location_id_index" on "service_capacity" ("location_id");`,
    );
    this.addSql(
      `alter table "service_capacity" add constraint "service_capacity_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "service_capacity" add constraint "service_capacity_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "service_capacity" add constraint "service_capacity_site_foreign" foreign key ("resource_id", "location_id") references "resource_location" ("resource_id", "location_id") on delete cascade deferrable initially deferred;`,
    );
    this.addSql(`alter table "change_record" add column "location_id" uuid null;`);
    for (const sql of placeListingCapacitySql('true')) this.addSql(`${sql};`);
    this.addSql(searchSourceViewSql('site'));
    this.addSql(
      `insert into search_outbox (kind) select 'all' where exists (select 1 from service_capacity);`,
    );
  }
}
