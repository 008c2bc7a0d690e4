import type { Env } from '../kit/config';
import { subgraphConfig, type SubgraphConfig } from '../kit/subgraph-config';

export type PeersConfig = SubgraphConfig;

export function peersConfig(env: Env): PeersConfig {
  return subgraphConfig('peers', 4003, env);
}
