import { Migration } from '@mikro-orm/migrations';

/**
 * Tells every peers service when a transaction that changed `peer` commits (NOTIFY is delivered on
 * commit only), so their in-memory matching index never outlives the data it was built from.
 */
export class Migration20261123110000PeerChanges extends Migration {
  override up(): void {
    this
      .addSql(`create or replace function peer_changed_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('peer_changed', '');
        return null;
      end $$;`);
    this.addSql(`create trigger peer_changed after insert or update or delete or truncate on "peer"
      for each statement execute function peer_changed_notify();`);
  }
}
