import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../kit/schema';
import type { PeersContext } from './context';
import { PeerMatchResolver } from './matching/match.resolver';
import { PeerResolver } from './peer/peer.resolver';
import { SavedResourceResolver } from './saved/saved-resource.resolver';

let schema: Promise<GraphQLSchema> | undefined;

/** The peers subgraph schema (built once per process; type-graphql metadata is global). */
export function peersSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({
    resolvers: [PeerResolver, PeerMatchResolver, SavedResourceResolver],
    referenceResolvers: {
      // Referral.assignedPeer (referrals subgraph) lands here; the same fields are visible as from peer(id).
      Peer: {
        __resolveReference: (ref: { id: string }, ctx: PeersContext) =>
          ctx.loaders.peer.load(ref.id),
      },
    },
  });
  return schema;
}
