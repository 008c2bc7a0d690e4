import 'reflect-metadata';
import type { SubgraphDefinition } from '../kit/subgraph';
import { peersSchema } from './app';
import { peersContext, type PeersContext } from './context';
import { startPeerChangeListener } from './matching/peer-changes';
import { initPeersOrm } from './orm';

export const peersSubgraph: SubgraphDefinition<PeersContext> = {
  name: 'peers',
  defaultPort: 4003,
  schema: peersSchema,
  initOrm: initPeersOrm,
  context: (base, runtime) => peersContext(base, runtime),
  startBackground: startPeerChangeListener,
};
