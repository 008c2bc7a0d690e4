import { Migration } from '@mikro-orm/migrations';

/** Authenticator apps (TOTP): one per person, the secret sealed, the last accepted step. */
export class Migration20261202130000Totp extends Migration {
  override up(): void {
    this.addSql(`create table "totp_factor" (
      "user_id" uuid not null references "account_user" ("id") on delete cascade,
      "sealed_secret" text not null,
      "confirmed_at" timestamptz null,
      "last_step" bigint null,
      "created_at" timestamptz not null,
      constraint "totp_factor_pkey" primary key ("user_id"));`);
  }

  override down(): void {
    this.addSql(`drop table if exists "totp_factor";`);
  }
}
