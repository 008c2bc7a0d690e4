import 'reflect-metadata';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPeers, samplePeersAsOfToday } from '../seed/load-peers';
import { writeGenerated } from '../seed/sample-hsds';
import { ConfigError } from '../subgraphs/kit/config';
import { Peer } from '../subgraphs/peers/peer/peer.entity';
import { importHsds } from '../subgraphs/resources/hsds/import';
import { openInput } from '../subgraphs/resources/hsds/sources';
import { connectResources, openLocalDatabase } from './local-database';
import { startConfig } from './start-config';
import { printSummary } from './import-hsds-summary';

const USAGE =
  'npm run seed -- [--resources N] [--peers M] [--seed S] [--out <folder>] [--write-only]';

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${JSON.stringify(value)}.\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

/**
 * `--peers M`: M sample peers into the peers database as the services find it, migrated first.
 * Peers already there are kept (same ids), so seeding 5,000 after the 240 of `npm start` adds the rest.
 */
async function seedPeers(
  count: number,
  seed: number,
): Promise<{ added: number; total: number; where: string }> {
  const db = await openLocalDatabase('peers', process.env, { whenMissing: 'create' });
  try {
    const added = await loadPeers(db.orm, samplePeersAsOfToday(count, seed));
    return { added, total: await db.orm.em.fork().count(Peer, {}), where: db.where };
  } finally {
    await db.close();
  }
}

/** Writes a deterministic California directory as HSDS documents, then loads them with the HSDS importer. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      resources: { type: 'string' },
      peers: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      'write-only': { type: 'boolean', default: false },
    },
  });
  const resources = count('resources', values.resources);
  const seed = count('seed', values.seed) ?? 1;
  const peers = count('peers', values.peers);
  const folder = resolve(
    values.out ??
      resolve(
        startConfig(process.env).dataDir,
        'seed',
        `hsds-seed${seed}-${resources ?? 'sample'}`,
      ),
  );
  const started = Date.now();
  const written = await writeGenerated(folder, { seed, resources, now: new Date() });
  console.log(
    `Wrote ${written.resources.toLocaleString('en-US')} services of ${written.organizations.toLocaleString('en-US')} organizations (seed ${seed}) as HSDS 3.0 to ${folder} ` +
      `(${(written.bytes / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s).`,
  );
  if (values['write-only']) return;
  const db = await connectResources(process.env, { whenMissing: 'create' });
  try {
    console.log(`Importing into ${db.where}`);
    const result = await importHsds(db.knex, await openInput(folder));
    printSummary(result);
  } finally {
    await db.close();
  }
  if (peers) {
    const loaded = await seedPeers(peers, seed);
    console.log(
      `Peers: ${loaded.added.toLocaleString('en-US')} added, ${loaded.total.toLocaleString('en-US')} in ${loaded.where}.`,
    );
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
