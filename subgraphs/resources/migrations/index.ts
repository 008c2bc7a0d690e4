import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000001 } from './Migration20261123000001';
import { Migration20261123090000Hsds } from './Migration20261123090000Hsds';
import { Migration20261123100000Search } from './Migration20261123100000Search';
import { Migration20261124000000LocationGeo } from './Migration20261124000000LocationGeo';
import { Migration20261125000000SearchCapacity } from './Migration20261125000000SearchCapacity';
import { Migration20261202000000ImportSources } from './Migration20261202000000ImportSources';
import { Migration20261202010000Duplicates } from './Migration20261202010000Duplicates';
import { Migration20261202150000SiteCapacity } from './Migration20261202150000SiteCapacity';
import { Migration20261202160000OrganizationKind } from './Migration20261202160000OrganizationKind';
import { Migration20261203000000SearchTitle } from './Migration20261203000000SearchTitle';
import { Migration20261204000000SearchConcepts } from './Migration20261204000000SearchConcepts';

/** Every migration in order; new ones are appended here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261123000001', class: Migration20261123000001 },
  { name: 'Migration20261123090000Hsds', class: Migration20261123090000Hsds },
  { name: 'Migration20261123100000Search', class: Migration20261123100000Search },
  { name: 'Migration20261124000000LocationGeo', class: Migration20261124000000LocationGeo },
  { name: 'Migration20261125000000SearchCapacity', class: Migration20261125000000SearchCapacity },
  { name: 'Migration20261202000000ImportSources', class: Migration20261202000000ImportSources },
  { name: 'Migration20261202010000Duplicates', class: Migration20261202010000Duplicates },
  { name: 'Migration20261202150000SiteCapacity', class: Migration20261202150000SiteCapacity },
  {
    name: 'Migration20261202160000OrganizationKind',
    class: Migration20261202160000OrganizationKind,
  },
  { name: 'Migration20261203000000SearchTitle', class: Migration20261203000000SearchTitle },
  {
    name: 'Migration20261204000000SearchConcepts',
    class: Migration20261204000000SearchConcepts,
  },
];
