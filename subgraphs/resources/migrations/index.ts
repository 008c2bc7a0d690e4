import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000001 } from './Migration20261123000001';

/** Every migration in order; new ones are appended here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123000001', class: Migration20261123000001 },
];
