import { Client } from 'pg';
import type { MikroORM } from '../../subgraphs/kit/orm';
import { generateDocuments } from './generate';
import { importHsds } from './import';
import { memoryInput } from './sources';

export interface SeedCounts {
  organizations: number;
  resources: number;
  locations: number;
}

/**
 * `npm start` on an empty database: the seed generator's HSDS documents through the HSDS importer,
 * the same path as `npm run seed` and any county's own data.
 */
export async function importSampleIfEmpty(orm: MikroORM, seed = 1): Promise<SeedCounts | null> {
  const client = new Client({ connectionString: orm.config.get('clientUrl') });
  await client.connect();
  try {
    const { rows } = await client.query('select exists (select 1 from organization) as found');
    if (rows[0].found) return null;
    const result = await importHsds(client, memoryInput(generateDocuments({ seed }), 'seed'));
    const [problem] = result.problems;
    if (problem) throw new Error(`The sample directory did not load: ${problem.file} ${problem.recordId} ${problem.field}: ${problem.reason}`);
    const { organizations, services, locations } = result.counts;
    return { organizations: organizations.created, resources: services.created, locations: locations.created };
  } finally {
    await client.end();
  }
}
