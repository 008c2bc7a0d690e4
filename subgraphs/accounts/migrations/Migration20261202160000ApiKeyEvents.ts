import { Migration } from '@mikro-orm/migrations';

/**
 * API keys join the session events: a revoked or deleted key announces itself on `session_events`
 * as `k:<key hash>`, so a gateway that cached the key's lookup refuses it on the next request, as it
 * does a revoked session. Recording a key's last use changes nothing a gateway holds: no event.
 */
export class Migration20261202160000ApiKeyEvents extends Migration {
  override up(): void {
    this.addSql(`create function "session_event_api_key"() returns trigger language plpgsql as $$
      begin
        perform pg_notify('session_events', 'k:' || old.key_hash);
        return null;
      end $$;`);
    this
      .addSql(`create trigger "api_key_revoked" after update of "revoked_at", "key_hash", "scopes",
      "organization_id" on "api_key" for each row execute function "session_event_api_key"();`);
    this.addSql(`create trigger "api_key_deleted" after delete on "api_key"
      for each row execute function "session_event_api_key"();`);
  }

  override down(): void {
    this.addSql(`drop trigger if exists "api_key_deleted" on "api_key";`);
    this.addSql(`drop trigger if exists "api_key_revoked" on "api_key";`);
    this.addSql(`drop function if exists "session_event_api_key"();`);
  }
}
