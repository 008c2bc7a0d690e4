import 'reflect-metadata';
import { defineSubgraph } from '../kit/subgraph';
import { referralsSchema } from './app';
import { referralsContext, type ReferralsContext } from './context';
import { redisclosureNoticePlugin } from './disclosure';
import { fhirRouter } from './fhir/fhir-api';
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
  // FHIR R4 REST over the referrals, which the gateway serves under /fhir.
  routes(router, runtime, services) {
    router.use('/fhir', fhirRouter(runtime, services));
  },
});
