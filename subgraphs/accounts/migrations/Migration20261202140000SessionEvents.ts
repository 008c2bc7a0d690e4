import { Migration } from '@mikro-orm/migrations';

/**
 * Every change that ends or changes a session announces itself on the channel `session_events`, in
 * the database, so no code path (a GraphQL mutation, `npm run user`, a manual fix in psql) can forget
 * to: a revoked or deleted session as `s:<token hash>`, a changed or removed person or membership as
 * `u:<user id>`. Postgres sends a notification only when its transaction commits. Gateways cache
 * session lookups and drop what these name (sessions/session-events.ts).
 */
export class Migration20261202140000SessionEvents extends Migration {
  override up(): void {
    this.addSql(`create function "session_event_session"() returns trigger language plpgsql as $$
      begin
        perform pg_notify('session_events', 's:' || old.token_hash);
        return null;
      end $$;`);
    this.addSql(`create trigger "session_revoked" after update of "revoked_at" on "session"
      for each row when (new.revoked_at is not null and old.revoked_at is null)
      execute function "session_event_session"();`);
    this.addSql(`create trigger "session_deleted" after delete on "session"
      for each row execute function "session_event_session"();`);
    this.addSql(`create function "session_event_user"() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'account_user' then
          perform pg_notify('session_events', 'u:' || old.id);
        else
          perform pg_notify('session_events', 'u:' || old.user_id);
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "account_user_changed" after update or delete on "account_user"
      for each row execute function "session_event_user"();`);
    this.addSql(`create trigger "membership_changed" after update or delete on "membership"
      for each row execute function "session_event_user"();`);
  }

  override down(): void {
    this.addSql(`drop trigger if exists "membership_changed" on "membership";`);
    this.addSql(`drop trigger if exists "account_user_changed" on "account_user";`);
    this.addSql(`drop function if exists "session_event_user"();`);
    this.addSql(`drop trigger if exists "session_deleted" on "session";`);
    this.addSql(`drop trigger if exists "session_revoked" on "session";`);
    this.addSql(`drop function if exists "session_event_session"();`);
  }
}
