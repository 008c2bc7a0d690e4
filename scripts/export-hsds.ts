import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { exportHsds } from '../subgraphs/resources/hsds/export';
import { ConfigError } from '../subgraphs/kit/config';
import { connectResources, refuseEmptyDirectory } from './local-database';

const USAGE = 'npm run export:hsds -- <folder> [--published-only] [--allow-empty]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'published-only': { type: 'boolean', default: false },
      'allow-empty': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const started = Date.now();
  const db = await connectResources();
  try {
    console.log(`Exporting from ${db.where}`);
    await refuseEmptyDirectory(db.knex, db.where, values['allow-empty']);
    const counts = await exportHsds(db.knex, positionals[0], {
      publishedOnly: values['published-only'],
    });
    console.log(
      `Wrote ${counts.services} services, ${counts.organizations} organizations (${counts.locations} locations) and ${counts.taxonomyTerms} taxonomy terms as HSDS 3.0 to ${positionals[0]} in ${((Date.now() - started) / 1000).toFixed(1)} s:\n` +
        '  services.ndjson         one compiled service document a line (organization and locations nested)\n' +
        '  organizations.ndjson    one organization document a line, with its locations\n' +
        '  taxonomy_terms.ndjson   the categories',
    );
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
