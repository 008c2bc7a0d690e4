import type { MikroORM } from '../../kit/orm';
import type { SearchConfig } from '../config';
import { MeiliSearch } from './meili-search';
import { PostgresSearch } from './postgres-search';
import type { ResourceSearch } from './search.port';

/** The engine the configuration asks for. */
export function createSearchEngine(orm: MikroORM, config: SearchConfig): Promise<ResourceSearch> {
  const knex = orm.em.getConnection().getKnex();
  if (config.engine === 'postgres') return Promise.resolve(new PostgresSearch(knex));
  return Promise.resolve(
    new MeiliSearch(knex, { host: config.host, apiKey: config.apiKey, index: config.index }),
  );
}
