import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { PeersContext } from '../context';
import { MatchPeersInput } from './match.inputs';
import { PeerMatch } from './match.types';

@Resolver(() => PeerMatch)
export class PeerMatchResolver {
  @Query(() => [PeerMatch], {
    description:
      'Peers ranked for a person by a transparent score: shared language, lived experience, current ' +
      'specializations, pronouns, distance, county, free places and availability, each with its reason. ' +
      'Peers at capacity, unavailable or outside their service area are left out unless asked for. ' +
      'Equal scores are ordered by distance, then free places, then id. For signed-in staff.',
  })
  matchPeers(
    @Arg('input', () => MatchPeersInput) input: MatchPeersInput,
    @Ctx() ctx: PeersContext,
  ): Promise<PeerMatch[]> {
    return ctx.matching.match(input);
  }
}
