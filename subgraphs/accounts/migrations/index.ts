import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202120000Accounts } from './Migration20261202120000Accounts';
import { Migration20261202130000Totp } from './Migration20261202130000Totp';
import { Migration20261202140000SessionEvents } from './Migration20261202140000SessionEvents';
import { Migration20261202150000RecoveryCodes } from './Migration20261202150000RecoveryCodes';

/** Every migration in order; new ones are appended here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261202120000Accounts', class: Migration20261202120000Accounts },
  { name: 'Migration20261202130000Totp', class: Migration20261202130000Totp },
  { name: 'Migration20261202140000SessionEvents', class: Migration20261202140000SessionEvents },
  { name: 'Migration20261202150000RecoveryCodes', class: Migration20261202150000RecoveryCodes },
];
