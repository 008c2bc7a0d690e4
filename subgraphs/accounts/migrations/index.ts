import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261202120000Accounts } from './Migration20261202120000Accounts';
import { Migration20261202130000Totp } from './Migration20261202130000Totp';
import { Migration20261202140000SessionEvents } from './Migration20261202140000SessionEvents';
import { Migration20261202150000RecoveryCodes } from './Migration20261202150000RecoveryCodes';
import { Migration20261202160000ApiKeyEvents } from './Migration20261202160000ApiKeyEvents';

/** Every migration in order; new ones are appended here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261202120000Accounts', class: Migration20261202120000Accounts },
  { name: 'Migration20261202130000Totp', class: Migration20261202130000Totp },
  { name: 'Migration20261202140000SessionEvents', class: Migration20261202140000SessionEvents },
  { name: 'Migration20261202150000RecoveryCodes', class: Migration20261202150000RecoveryCodes },
  { name: 'Migration20261202160000ApiKeyEvents', class: Migration20261202160000ApiKeyEvents },
];
