import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { searchConfig } from '../config';
import { MeiliSearch } from '../search/meili-search';
import { PostgresSearch } from '../search/postgres-search';
import { searchContract } from './search.contract';

searchContract('postgres', (resources) =>
  Promise.resolve({
    engine: new PostgresSearch(resources.orm.em.getConnection().getKnex()),
    dispose: () => Promise.resolve(),
  }),
);

const config = searchConfig(process.env);
if (config.engine === 'meilisearch') {
  searchContract(`meilisearch at ${config.host}`, (resources) => {
    const engine = new MeiliSearch(resources.orm.em.getConnection().getKnex(), {
      host: config.host,
      apiKey: config.apiKey,
      index: `contract_${randomBytes(4).toString('hex')}`,
    });
    return Promise.resolve({ engine, dispose: () => engine.drop() });
  });
} else {
  describe('search contract: meilisearch', () => {
    const why =
      'MEILI_HOST is not set, so there is no Meilisearch server to test against (set MEILI_HOST and MEILI_API_KEY to run it)';
    console.info(`Skipping the Meilisearch search contract: ${why}.`);
    it.skip(`runs only against a real server: ${why}`, () => {});
  });
}
