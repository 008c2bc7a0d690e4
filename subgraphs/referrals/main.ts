import { runSubgraph } from '../kit/run';
import { referralsSubgraph } from './subgraph';

runSubgraph(referralsSubgraph);
