import 'reflect-metadata';
import { defineSubgraph } from '../kit/subgraph';
import { accountsSchema } from './app';
import { accountsContext, type AccountsContext } from './context';
import { recipientRoutes } from './internal/recipients';
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
  routes(router, runtime, services) {
    accountRoutes(router, runtime, services);
    // Addresses for the referrals subgraph's mail, which holds none.
    recipientRoutes(router, runtime);
  },
});
