import 'reflect-metadata';
import { defineSubgraph } from '../kit/subgraph';
import { peersSchema } from './app';
import { peersContext, type PeersContext } from './context';
import { initPeersOrm } from './orm';
import {
  peersOptionsFromEnv,
  startPeersServices,
  type PeersOptions,
  type PeersServices,
} from './services';

export const peersSubgraph = defineSubgraph<PeersContext, PeersServices, PeersOptions>({
  name: 'peers',
  defaultPort: 4003,
  schema: peersSchema,
  initOrm: initPeersOrm,
  optionsFromEnv: peersOptionsFromEnv,
  start: startPeersServices,
  context: peersContext,
});
