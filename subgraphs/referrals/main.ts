import { ConfigError } from '../kit/config';
import { runSubgraph } from '../kit/run';
import { referralsConfig } from './config';
import { createReferralsSubgraph } from './subgraph';

try {
  const config = referralsConfig(process.env);
  runSubgraph(createReferralsSubgraph({ resourcesUrl: config.resourcesUrl }));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
