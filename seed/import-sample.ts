import type { MikroORM } from '../subgraphs/kit/orm';
import { importHsds } from '../subgraphs/resources/hsds/import';
import { memoryInput } from '../subgraphs/resources/hsds/sources';
import { query } from '../subgraphs/resources/sql';
import { generateDocuments } from './sample-hsds';

export interface SeedCounts {
  organizations: number;
  resources: number;
  locations: number;
}

/**
 * `npm start` on an empty database: the seed generator's HSDS documents through the HSDS importer,
 * the same path as `npm run seed` and any county's own data. Its dates are relative to `now` (the
 * load time), so the demo shows listings verified weeks ago and beds counted hours ago.
 */
export async function importSampleIfEmpty(
  orm: MikroORM,
  seed = 1,
  now = new Date(),
): Promise<SeedCounts | null> {
  const knex = orm.em.getConnection().getKnex();
  const [row] = await query<{ found: boolean }>(
    knex,
    'select exists (select 1 from organization) as found',
  );
  if (row.found) return null;
  const result = await importHsds(knex, memoryInput(generateDocuments({ seed, now }), 'seed'));
  const [problem] = result.problems;
  if (problem)
    throw new Error(
      `The sample directory did not load: ${problem.file} ${problem.recordId} ${problem.field}: ${problem.reason}`,
    );
  const { organizations, services, locations } = result.counts;
  return {
    organizations: organizations.created,
    resources: services.created,
    locations: locations.created,
  };
}
