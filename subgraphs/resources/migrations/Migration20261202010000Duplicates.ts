import { Migration } from '@mikro-orm/migrations';

/**
 * Duplicates across feeds. A merged listing points at the one it was merged into (`merged_into`), so
 * its id keeps answering. The indexes let duplicateCandidates find pairs by lookups, never by comparing
 * every listing with every other: one trigram index on names (pg_trgm's `%`), one on the last ten digits
 * of the phone, one on a location's street line and postal code (points use location_earth_index).
 */
export class Migration20261202010000Duplicates extends Migration {
  override up(): void {
    this.addSql('create extension if not exists pg_trgm;');
    this.addSql(
      'alter table "resource" add column if not exists "merged_into" uuid null references "resource" ("id");',
    );
    this.addSql(
      'create index if not exists "resource_merged_into_index" on "resource" ("merged_into") where "merged_into" is not null;',
    );
    this.addSql(
      'create index if not exists "resource_name_trgm_index" on "resource" using gin (lower("name") gin_trgm_ops) where "merged_into" is null;',
    );
    this.addSql(
      `create index if not exists "resource_phone_digits_index" on "resource" (right(regexp_replace("phone", '[^0-9]', '', 'g'), 10)) where "phone" is not null and "merged_into" is null;`,
    );
    // A street line as feeds write it differently ("310 G Street" / "310 G St."): lower case, no
    // punctuation, the USPS abbreviations of the common street words.
    this.addSql(`create or replace function street_key(line text) returns text
language sql immutable parallel safe returns null on null input
return trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
  lower(regexp_replace(line, '[^a-zA-Z0-9]+', ' ', 'g')),
  '\\mstreet\\M', 'st', 'g'), '\\mavenue\\M', 'ave', 'g'), '\\mboulevard\\M', 'blvd', 'g'),
  '\\mroad\\M', 'rd', 'g'), '\\mdrive\\M', 'dr', 'g'), '\\mnorth\\M', 'n', 'g'),
  '\\msouth\\M', 's', 'g'), '\\s+', ' ', 'g'));`);
    this.addSql(
      `create index if not exists "location_street_index" on "location" (street_key("address_address1"), left("address_postal_code", 5)) where "address_address1" is not null;`,
    );
  }
}
