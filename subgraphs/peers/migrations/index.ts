import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123100000Peers } from './Migration20261123100000Peers';
import { Migration20261123110000PeerChanges } from './Migration20261123110000PeerChanges';
import { Migration20261202080000PeerVisibility } from './Migration20261202080000PeerVisibility';

/** Every migration in order; new ones are appended here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123100000Peers', class: Migration20261123100000Peers },
  { name: 'Migration20261123110000PeerChanges', class: Migration20261123110000PeerChanges },
  { name: 'Migration20261202080000PeerVisibility', class: Migration20261202080000PeerVisibility },
];
