import { resolve } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { startConfig } from '../scripts/start-config';
import { databaseUrlFor, type Env } from '../subgraphs/kit/config';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from '../subgraphs/kit/postgres';
import { certificationToday } from '../subgraphs/peers/peer/certification';
import { Peer } from '../subgraphs/peers/peer/peer.entity';
import { initPeersOrm } from '../subgraphs/peers/orm';
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
      const result = await em.createQueryBuilder(Peer).insert(batch).onConflict('id').ignore().execute('run');
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
export async function loadSamplePeersIfEmpty(orm: MikroORM, count = DEFAULT_SAMPLE_PEERS): Promise<number | null> {
  if ((await orm.em.fork().count(Peer, {})) > 0) return null;
  return loadPeers(orm, samplePeersAsOfToday(count));
}

async function reachable(url: string): Promise<boolean> {
  const probe = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    return false;
  }
}

export interface SeedPeersResult {
  added: number;
  total: number;
  /** The URL, password hidden, to say where the peers went. */
  where: string;
}

/**
 * `npm run seed -- --peers M`: M sample peers into the peers database as the services find it
 * (PEERS_DATABASE_URL or DATABASE_URL, else npm start's embedded Postgres, started for the
 * duration when it is not running), migrated first. Peers already there are kept.
 */
export async function seedPeers(count: number, seed = 1, env: Env = process.env): Promise<SeedPeersResult> {
  const config = startConfig(env);
  let url = databaseUrlFor('peers', env);
  let server: EmbeddedServer | undefined;
  if (!url) {
    // npm start's embedded server uses these development credentials (subgraphs/kit/postgres.ts).
    const running = `postgres://postgres:postgres@127.0.0.1:${config.embeddedPostgresPort}`;
    if (await reachable(`${running}/postgres`)) url = `${running}/peers`;
    else {
      server = await startEmbeddedPostgres({ dataDir: resolve(config.dataDir, 'postgres'), port: config.embeddedPostgresPort });
      url = server.urlFor('peers');
    }
  }
  try {
    await ensureDatabase(url);
    const orm = await initPeersOrm(url);
    try {
      const added = await loadPeers(orm, samplePeersAsOfToday(count, seed));
      const total = await orm.em.fork().count(Peer, {});
      const shown = new URL(url);
      if (shown.password) shown.password = '***';
      return { added, total, where: shown.toString() };
    } finally {
      await orm.close(true);
    }
  } finally {
    await server?.stop();
  }
}
