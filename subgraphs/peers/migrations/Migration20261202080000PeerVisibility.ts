import { Migration } from '@mikro-orm/migrations';

/** The defaults as of this migration (peer.enums.ts holds the ones new areas get). */
const AREA_DEFAULTS: Record<string, string> = {
  MENTAL_HEALTH: 'ORGANIZATION_STAFF',
  SUBSTANCE_USE: 'ORGANIZATION_STAFF',
  JUSTICE_INVOLVEMENT: 'MATCHING_ONLY',
  HOMELESSNESS: 'ORGANIZATION_STAFF',
  VETERAN: 'ORGANIZATION_STAFF',
  FAMILY_MEMBER: 'ORGANIZATION_STAFF',
  LGBTQ: 'MATCHING_ONLY',
  FOSTER_CARE: 'ORGANIZATION_STAFF',
  DOMESTIC_VIOLENCE: 'MATCHING_ONLY',
  IMMIGRATION: 'MATCHING_ONLY',
  DISABILITY: 'MATCHING_ONLY',
};

/**
 * Who sees each lived-experience area and the work contact: until now every signed-in user saw
 * them all. Existing peers get the defaults written out, so a later change of defaults does not
 * change what their profile shows behind their back. An area this list does not know is used for
 * matching only.
 */
export class Migration20261202080000PeerVisibility extends Migration {
  override up(): void {
    this.addSql(
      `alter table "peer" add column "lived_experience_visibility" jsonb not null default '{}';`,
    );
    this.addSql(
      `alter table "peer" add column "work_contact_visibility" text check ("work_contact_visibility" in ('SIGNED_IN', 'ORGANIZATION_STAFF')) not null default 'ORGANIZATION_STAFF';`,
    );
    const cases = Object.entries(AREA_DEFAULTS)
      .map(([area, visibility]) => `when '${area}' then '${visibility}'`)
      .join(' ');
    this.addSql(`update "peer" p set "lived_experience_visibility" = (
        select coalesce(jsonb_object_agg(a, case a ${cases} else 'MATCHING_ONLY' end), '{}'::jsonb)
          from unnest(p."lived_experience") a)
      where cardinality(p."lived_experience") > 0;`);
  }
}
