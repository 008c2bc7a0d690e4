import { Migration } from '@mikro-orm/migrations';

/**
 * What an organization is (OrganizationKind): hospitals, jails and prisons are where discharge
 * planners work, and they may list no services. Optional: existing organizations say nothing yet.
 */
export class Migration20261202160000OrganizationKind extends Migration {
  override up(): void {
    this.addSql(`alter table "organization" add column "kind" text null;`);
    this
      .addSql(`alter table "organization" add constraint "organization_kind_check" check ("kind" in
      ('SERVICE_PROVIDER', 'HOSPITAL', 'CLINIC', 'JAIL', 'PRISON', 'CRISIS_CENTER', 'PROBATION',
       'GOVERNMENT_AGENCY'));`);
  }

  override down(): void {
    this.addSql(`alter table "organization" drop column if exists "kind";`);
  }
}
