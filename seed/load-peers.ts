import type { MikroORM, QueryResult } from '@mikro-orm/postgresql';
import { certificationToday } from '../subgraphs/peers/peer/certification';
import { Peer } from '../subgraphs/peers/peer/peer.entity';
import { DEFAULT_SAMPLE_PEERS, samplePeers, type SamplePeer } from './peers';

const BATCH = 500;

function row(p: SamplePeer, now: Date) {
  const { city: _city, ...fields } = p;
  return { ...fields, caseloadUpdatedAt: now, createdAt: now, updatedAt: now, version: 1 };
}

/**
 * Inserts sample peers, skipping those already there (same ids), in one transaction. Returns how
 * many were added: seeding 5,000 after the 240 of `npm start` adds the other 4,760.
 */
export async function loadPeers(orm: MikroORM, peers: SamplePeer[]): Promise<number> {
  const now = new Date();
  let added = 0;
  await orm.em.fork().transactional(async (em) => {
    for (let i = 0; i < peers.length; i += BATCH) {
      const batch = peers.slice(i, i + BATCH).map((p) => row(p, now));
      const result = await em
        .createQueryBuilder(Peer)
        .insert(batch)
        .onConflict('id')
        .ignore()
        .execute<QueryResult<Peer>>('run');
      added += result.affectedRows;
    }
  });
  return added;
}

/** `count` sample peers, with certificates as of today. */
export function samplePeersAsOfToday(count: number, seed = 1): SamplePeer[] {
  return samplePeers({ count, seed, asOf: certificationToday() });
}

/** Loads the sample peers when the database holds none yet; returns how many, or null. */
export async function loadSamplePeersIfEmpty(
  orm: MikroORM,
  count = DEFAULT_SAMPLE_PEERS,
): Promise<number | null> {
  if ((await orm.em.fork().count(Peer, {})) > 0) return null;
  return loadPeers(orm, samplePeersAsOfToday(count));
}
