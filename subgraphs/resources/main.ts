import { runSubgraph } from '../kit/run';
import { resourcesSubgraph } from './subgraph';

runSubgraph(resourcesSubgraph);
