import { Migration } from '@mikro-orm/migrations';

/**
 * HSDS fields the model does not hold (phones beyond the first, contacts, funding, service areas,
 * cost options...), kept as imported so an export gives them back. Written by the HSDS importer only.
 */
export class Migration20261123090000Hsds extends Migration {
  override up(): void {
    for (const table of ['organization', 'location', 'resource', 'category']) {
      this.addSql(`alter table "${table}" add column if not exists "hsds" jsonb null;`);
    }
  }
}
