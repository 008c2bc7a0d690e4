import 'reflect-metadata';
import { defineSubgraph } from '../kit/subgraph';
import { referralsSchema } from './app';
import { referralsContext, type ReferralsContext } from './context';
import { redisclosureNoticePlugin } from './disclosure';
import { initReferralsOrm } from './orm';
import {
  referralsOptionsFromEnv,
  startReferralsServices,
  type ReferralsOptions,
  type ReferralsServices,
} from './services';

export const referralsSubgraph = defineSubgraph<
  ReferralsContext,
  ReferralsServices,
  ReferralsOptions
>({
  name: 'referrals',
  defaultPort: 4002,
  schema: referralsSchema,
  initOrm: initReferralsOrm,
  optionsFromEnv: referralsOptionsFromEnv,
  start: startReferralsServices,
  context: referralsContext,
  plugins: () => [redisclosureNoticePlugin()],
});
