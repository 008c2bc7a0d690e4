import { Migration } from '@mikro-orm/migrations';

/**
 * Which feed a record came from (`source`, the import profile's name) and the values that feed last
 * gave (`source_values`): a re-import from the same feed then changes only what it owns and what no
 * one edited in the app since. `source_modified_at` is the feed's own `last_modified`, given back by
 * exports while the listing is as imported (`imported_at` equals `updated_at`).
 */
export class Migration20261202000000ImportSources extends Migration {
  override up(): void {
    for (const table of ['organization', 'location', 'resource']) {
      this.addSql(`alter table "${table}" add column if not exists "source" text null;`);
      this.addSql(`alter table "${table}" add column if not exists "source_values" jsonb null;`);
    }
    this.addSql(
      `alter table "resource" add column if not exists "source_modified_at" timestamptz null, add column if not exists "imported_at" timestamptz null;`,
    );
  }
}
