import 'reflect-metadata';
import { defineSubgraph } from '../kit/subgraph';
import { accountsSchema } from './app';
import { accountsContext, type AccountsContext } from './context';
import { accountRoutes } from './internal/routes';
import { initAccountsOrm } from './orm';
import {
  accountsOptionsFromEnv,
  startAccountsServices,
  type AccountsOptions,
  type AccountsServices,
} from './services';

export const accountsSubgraph = defineSubgraph<AccountsContext, AccountsServices, AccountsOptions>({
  name: 'accounts',
  defaultPort: 4004,
  schema: accountsSchema,
  initOrm: initAccountsOrm,
  optionsFromEnv: accountsOptionsFromEnv,
  start: startAccountsServices,
  context: accountsContext,
  routes: accountRoutes,
});
