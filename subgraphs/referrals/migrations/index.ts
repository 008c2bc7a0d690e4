import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123100000Referrals } from './Migration20261123100000Referrals';
import { Migration20261202090000DisclosureRules } from './Migration20261202090000DisclosureRules';
import { Migration20261202150000Notifications } from './Migration20261202150000Notifications';
import { Migration20261203100000Webhooks } from './Migration20261203100000Webhooks';
import { Migration20261203110000MailClock } from './Migration20261203110000MailClock';

/** Every migration in order; new ones are appended here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123100000Referrals', class: Migration20261123100000Referrals },
  {
    name: 'Migration20261202090000DisclosureRules',
    class: Migration20261202090000DisclosureRules,
  },
  {
    name: 'Migration20261202150000Notifications',
    class: Migration20261202150000Notifications,
  },
  { name: 'Migration20261203100000Webhooks', class: Migration20261203100000Webhooks },
  {
    name: 'Migration20261203110000MailClock',
    class: Migration20261203110000MailClock,
  },
];
