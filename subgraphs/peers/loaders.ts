import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Peer } from './peer/peer.entity';
import { SavedResource } from './saved/saved-resource.entity';
import { byIdLoader } from '../kit/loaders';

/** One query per kind of lookup per request, whatever the number of peers in a response. */
export function createLoaders(em: EntityManager) {
  return {
    peer: byIdLoader(em, Peer),
    /** A peer's saved list: by folder, newest first within a folder. */
    savedOfPeer: new DataLoader<string, SavedResource[]>(async (peerIds) => {
      const rows = await em.find(
        SavedResource,
        { peerId: { $in: [...peerIds] } },
        { orderBy: { folder: 'asc', savedAt: 'desc', id: 'asc' } },
      );
      const map = new Map<string, SavedResource[]>(peerIds.map((id) => [id, []]));
      for (const row of rows) map.get(row.peerId)?.push(row);
      return peerIds.map((id) => map.get(id) ?? []);
    }),
  };
}

export type PeerLoaders = ReturnType<typeof createLoaders>;
