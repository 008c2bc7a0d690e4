import { Peer } from './peer/peer.entity';
import { SavedResource } from './saved/saved-resource.entity';

export const ENTITIES = [Peer, SavedResource];
