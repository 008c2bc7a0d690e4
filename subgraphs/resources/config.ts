import { z } from 'zod';
import {
  ConfigError,
  nodeEnv,
  optionalString,
  optionalUrl,
  parseEnv,
  type Env,
} from '../kit/config';
import { subgraphConfig, type SubgraphConfig } from '../kit/subgraph-config';

export type ResourcesConfig = SubgraphConfig;

export function resourcesConfig(env: Env): ResourcesConfig {
  return subgraphConfig('resources', 4001, env);
}

/** Which search engine the resources subgraph uses: Meilisearch when MEILI_HOST is set, else Postgres. */
export type SearchConfig =
  | { readonly engine: 'postgres' }
  | {
      readonly engine: 'meilisearch';
      readonly host: string;
      readonly apiKey: string | undefined;
      readonly index: string;
    };

const searchSchema = z.object({
  NODE_ENV: nodeEnv,
  MEILI_HOST: optionalUrl,
  MEILI_API_KEY: optionalString,
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, - and _ only')
    .default('resources'),
});

export function searchConfig(env: Env): SearchConfig {
  const parsed = parseEnv('resources search', searchSchema, env);
  if (!parsed.MEILI_HOST) return Object.freeze({ engine: 'postgres' });
  if (parsed.NODE_ENV === 'production' && !parsed.MEILI_API_KEY) {
    throw new ConfigError('resources search', [
      'MEILI_API_KEY: required in production when MEILI_HOST is set',
    ]);
  }
  return Object.freeze({
    engine: 'meilisearch',
    host: parsed.MEILI_HOST,
    apiKey: parsed.MEILI_API_KEY,
    index: parsed.MEILI_INDEX,
  });
}

let fromProcess: SearchConfig | undefined;

/** The search settings of this process's environment (read once; the one place search reads it). */
export function processSearchConfig(): SearchConfig {
  fromProcess ??= searchConfig(process.env);
  return fromProcess;
}
