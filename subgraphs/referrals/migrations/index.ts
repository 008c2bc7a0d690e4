import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123100000Referrals } from './Migration20261123100000Referrals';

/** Every migration in order; new ones are appended here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123100000Referrals', class: Migration20261123100000Referrals },
];
