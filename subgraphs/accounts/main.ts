import { runSubgraph } from '../kit/run';
import { accountsSubgraph } from './subgraph';

runSubgraph(accountsSubgraph);
