import { runSubgraph } from '../kit/run';
import { peersSubgraph } from './subgraph';

runSubgraph(peersSubgraph);
