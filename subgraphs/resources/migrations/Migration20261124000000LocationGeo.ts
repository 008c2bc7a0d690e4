import { Migration } from '@mikro-orm/migrations';

/**
 * A GiST index on each location's point (earthdistance), for the HSDS API's radius search over
 * locations. Only with earthdistance 1.2 (Postgres 17+), whose functions have SQL-standard bodies: on
 * older versions an index on ll_to_earth() breaks dump/restore, and the search falls back to a scan.
 */
export class Migration20261124000000LocationGeo extends Migration {
  override up(): void {
    this.addSql(`do $$
begin
  if (select string_to_array(extversion, '.')::int[] >= '{1,2}' from pg_extension where extname = 'earthdistance') then
    create index if not exists "location_earth_index" on "location" using gist (ll_to_earth("latitude", "longitude"));
  end if;
end $$;`);
  }
}
