import type { FlushEventArgs } from '@mikro-orm/core';
import { Client } from 'pg';
import { isServerShutdown } from '../../kit/postgres';
import type { SubgraphRuntime } from '../../kit/subgraph';
import { Peer } from '../peer/peer.entity';
import type { PeerCandidateIndex } from './candidate-index';

/** The channel the `peer_changed` trigger notifies (migration Migration20261123110000PeerChanges). */
export const PEER_CHANGED_CHANNEL = 'peer_changed';

/**
 * Keeps the candidate index honest for as long as the service runs: LISTEN on a connection of its
 * own (reconnecting with backoff; the index stays off while disconnected), and drop the index at
 * once when this process flushes a change to a peer, before the notification comes back.
 */
export async function startPeerChangeListener(
  runtime: SubgraphRuntime,
  index: PeerCandidateIndex,
): Promise<() => Promise<void>> {
  const { orm, logger } = runtime;
  orm.em.getEventManager().registerSubscriber({
    afterFlush({ uow }: FlushEventArgs) {
      if (uow.getChangeSets().some((c) => c.entity instanceof Peer)) index.invalidate();
    },
  });

  let stopped = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;
  const connect = async () => {
    if (stopped) return;
    const next = new Client({ connectionString: orm.config.get('clientUrl') });
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = undefined;
      index.stopListening();
      next.end().catch(() => {});
      if (stopped) return;
      logger[isServerShutdown(error) ? 'debug' : 'warn'](
        { err: error },
        'peer change listener lost; matching reads Postgres until it is back',
      );
      retry = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, 30_000);
    };
    client = next;
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', () => index.invalidate());
    try {
      await next.connect();
      await next.query(`listen ${PEER_CHANGED_CHANNEL}`);
      delay = 500;
      index.startListening();
      void index.rebuild();
    } catch (error) {
      lost(error);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const open = client;
    client = undefined;
    index.stopListening();
    await open?.end().catch(() => {});
  };
}
