import { Migration } from '@mikro-orm/migrations';

/**
 * Recovery codes for a lost authenticator app (each used once, stored as an HMAC), and who acted on
 * an account in the sign-in audit (the admin who reset a second factor).
 */
export class Migration20261202150000RecoveryCodes extends Migration {
  override up(): void {
    this.addSql(`create table "totp_recovery_code" (
      "id" uuid not null,
      "user_id" uuid not null references "account_user" ("id") on delete cascade,
      "code_hash" text not null,
      "used_at" timestamptz null,
      "created_at" timestamptz not null,
      constraint "totp_recovery_code_pkey" primary key ("id"));`);
    this.addSql(
      `create unique index "totp_recovery_code_user_hash" on "totp_recovery_code" ("user_id", "code_hash");`,
    );
    this.addSql(`alter table "sign_in_attempt" add column "actor_id" text null;`);
  }

  override down(): void {
    this.addSql(`alter table "sign_in_attempt" drop column if exists "actor_id";`);
    this.addSql(`drop table if exists "totp_recovery_code";`);
  }
}
