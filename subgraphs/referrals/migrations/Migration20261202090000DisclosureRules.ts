import { Migration } from '@mikro-orm/migrations';

const REASON_CODES = [
  'NO_CAPACITY',
  'NOT_ELIGIBLE',
  'SERVICE_NOT_OFFERED',
  'PERSON_DECLINED',
  'UNABLE_TO_CONTACT',
  'PERSON_UNAVAILABLE',
  'AWAITING_DOCUMENTS',
  'NO_LONGER_NEEDED',
  'REFERRED_ELSEWHERE',
  'DUPLICATE',
  'OTHER',
]
  .map((v) => `'${v}'`)
  .join(', ');

/**
 * Coded reasons beside the free text (which can name the person and is shown only to those who may
 * see them); the assigned peer's organization and the peers a consent names, so a consent covers the
 * people the person agreed to and not whoever is assigned later.
 *
 * Existing data: a free-text reason already given keeps its text and gets the code OTHER. A consent
 * that "included the assigned peer" names the peer assigned now, the only one it can have meant (a
 * peer changed since cannot be told apart; naming none would take access away without a word).
 */
export class Migration20261202090000DisclosureRules extends Migration {
  override up(): void {
    this.addSql(`alter table "referral"
      add column "status_reason_code" text check ("status_reason_code" in (${REASON_CODES})) null,
      add column "assigned_peer_org_id" text null;`);
    this.addSql(`alter table "referral_event"
      add column "reason_code" text check ("reason_code" in (${REASON_CODES})) null;`);
    this.addSql(`alter table "referral_consent"
      add column "recipient_peer_ids" text[] not null default '{}';`);
    this.addSql(
      `update "referral" set "status_reason_code" = 'OTHER' where "status_reason" is not null;`,
    );
    this.addSql(`update "referral_event" set "reason_code" = 'OTHER'
      where "kind" = 'STATUS_CHANGED' and "reason" is not null;`);
    this.addSql(`update "referral_consent" c set "recipient_peer_ids" = array[r."assigned_peer_id"]
      from "referral" r
      where r."id" = c."referral_id" and c."includes_assigned_peer" and r."assigned_peer_id" is not null;`);
  }

  override down(): void {
    this.addSql(`alter table "referral_consent" drop column "recipient_peer_ids";`);
    this.addSql(`alter table "referral_event" drop column "reason_code";`);
    this.addSql(
      `alter table "referral" drop column "status_reason_code", drop column "assigned_peer_org_id";`,
    );
  }
}
