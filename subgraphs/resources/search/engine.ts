import type { MikroORM } from '../../kit/orm';
import type { SearchConfig } from '../config';
import { MeiliSearch } from './meili-search';
import { PostgresSearch } from './postgres-search';
import type { ResourceSearch } from './search.port';

/** The engine the configuration asks for. */
export async function createSearchEngine(
  orm: MikroORM,
  config: SearchConfig,
): Promise<ResourceSearch> {
  const knex = orm.em.getConnection().getKnex();
  if (config.engine === 'postgres') return new PostgresSearch(knex);
  return new MeiliSearch(knex, { host: config.host, apiKey: config.apiKey, index: config.index });
}
