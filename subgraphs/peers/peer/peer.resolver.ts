import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, toConnection } from '../../kit/connection';
import { ForbiddenError } from '../../kit/errors';
import { canReadSavedList } from '../access';
import type { PeersContext } from '../context';
import { OrganizationRef } from '../refs/organization.ref';
import { ResourceRef } from '../refs/resource.ref';
import { folderName } from '../saved/saved-resource.service';
import { SavedResource } from '../saved/saved-resource.entity';
import { currentSpecializations } from './certification';
import { LivedExperienceArea, PeerSpecialization, WorkContactVisibility } from './peer.enums';
import {
  Peer,
  PeerCertification,
  PeerLivedExperience,
  PeerServiceArea,
  PeerWorkContact,
} from './peer.entity';
import { PeerFilter, PeerProfileInput, PeerVisibilityInput } from './peer.inputs';

@ObjectType()
export class PeerConnection extends Connection(Peer) {}

@ObjectType({ description: 'A folder of a saved list, with what is in it (newest first).' })
export class SavedResourceFolder {
  @Field()
  name!: string;

  @Field(() => [SavedResource])
  items!: SavedResource[];
}

const STAFF_ONLY = 'Null for anonymous callers.';

@Resolver(() => Peer)
export class PeerResolver {
  @Query(() => Peer, { description: 'A peer by id; NOT_FOUND when there is none.' })
  peer(@Arg('id', () => ID) id: string, @Ctx() ctx: PeersContext): Promise<Peer> {
    return ctx.peers.get(id);
  }

  @Query(() => PeerConnection, { description: 'Peers by name, filtered.' })
  async peers(
    @Ctx() ctx: PeersContext,
    @Arg('filter', () => PeerFilter, { nullable: true }) filter?: PeerFilter,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; 20 when omitted.' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return toConnection(await ctx.peers.list(filter, first, after));
  }

  @Query(() => Peer, {
    nullable: true,
    description: "The caller's own peer profile; null when they have none yet.",
  })
  myPeerProfile(@Ctx() ctx: PeersContext): Promise<Peer | null> {
    return ctx.peers.mine();
  }

  @Mutation(() => Peer, {
    description:
      'Creates or updates a peer profile: by the peer (id omitted means their own), partners of the ' +
      "peer's organization, or admins. CONFLICT when expectedVersion is stale.",
  })
  upsertPeerProfile(
    @Arg('input', () => PeerProfileInput) input: PeerProfileInput,
    @Ctx() ctx: PeersContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
  ): Promise<Peer> {
    return ctx.peers.upsert(id, expectedVersion, input);
  }

  @Mutation(() => Peer, {
    description:
      'Sets who sees each lived-experience area and the work contact (id omitted means your own ' +
      "profile). The peer decides; their organization's partners and admins may only show things to " +
      'fewer people. CONFLICT when expectedVersion is stale.',
  })
  setPeerVisibility(
    @Arg('input', () => PeerVisibilityInput) input: PeerVisibilityInput,
    @Ctx() ctx: PeersContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number,
  ): Promise<Peer> {
    return ctx.visibility.set(id, expectedVersion, input);
  }

  @FieldResolver(() => OrganizationRef, {
    nullable: true,
    description: 'The organization the peer works for.',
  })
  organization(@Root() peer: Peer): OrganizationRef | null {
    return peer.organizationId ? { id: peer.organizationId } : null;
  }

  @FieldResolver(() => [PeerCertification])
  certifications(@Root() peer: Peer, @Ctx() ctx: PeersContext): PeerCertification[] {
    return ctx.peers.certifications(peer);
  }

  @FieldResolver(() => [PeerSpecialization], {
    description: 'Held today: from certifications that have not expired.',
  })
  specializations(@Root() peer: Peer, @Ctx() ctx: PeersContext): PeerSpecialization[] {
    return currentSpecializations(peer.certifications, ctx.peers.today);
  }

  @FieldResolver(() => [LivedExperienceArea], {
    nullable: true,
    description:
      'The areas the peer shows you (see livedExperienceSharing): each is shown to everyone signed ' +
      "in, to the peer's organization and admins, or to no one (used for matching only). " +
      STAFF_ONLY,
  })
  livedExperience(@Root() peer: Peer, @Ctx() ctx: PeersContext): LivedExperienceArea[] | null {
    return ctx.peers.staffView(peer)?.livedExperience ?? null;
  }

  @FieldResolver(() => [PeerLivedExperience], {
    nullable: true,
    description:
      'Who each area you may see is shown to; the peer sees all of theirs. For those who keep the ' +
      "profile (the peer, their organization's partners, admins); null for anyone else.",
  })
  livedExperienceSharing(
    @Root() peer: Peer,
    @Ctx() ctx: PeersContext,
  ): PeerLivedExperience[] | null {
    return ctx.visibility.livedExperienceSharing(peer);
  }

  @FieldResolver(() => WorkContactVisibility, {
    nullable: true,
    description: 'Who sees workContact; for those who keep the profile, null for anyone else.',
  })
  workContactVisibility(
    @Root() peer: Peer,
    @Ctx() ctx: PeersContext,
  ): WorkContactVisibility | null {
    return ctx.visibility.workContactVisibility(peer);
  }

  @FieldResolver(() => PeerServiceArea, { nullable: true, description: STAFF_ONLY })
  serviceArea(@Root() peer: Peer, @Ctx() ctx: PeersContext): PeerServiceArea | null {
    return ctx.peers.staffView(peer)?.serviceArea ?? null;
  }

  @FieldResolver(() => PeerWorkContact, {
    nullable: true,
    description:
      "For the peer's organization and admins, or everyone signed in when the peer chooses " +
      '(workContactVisibility); null for anyone else.',
  })
  workContact(@Root() peer: Peer, @Ctx() ctx: PeersContext): PeerWorkContact | null {
    return ctx.peers.staffView(peer)?.workContact ?? null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: `How many people the peer can support at once. ${STAFF_ONLY}`,
  })
  caseloadCapacity(@Root() peer: Peer, @Ctx() ctx: PeersContext): number | null {
    return ctx.peers.staffView(peer)?.caseloadCapacity ?? null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'People the peer supports now, as last reported to the peers service by the peer, their ' +
      `organization or an admin; matching uses it. \`caseload\` counts the hub's active referrals. ${STAFF_ONLY}`,
  })
  currentCaseload(@Root() peer: Peer, @Ctx() ctx: PeersContext): number | null {
    return ctx.peers.staffView(peer)?.currentCaseload ?? null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: `caseloadCapacity − currentCaseload, at least 0. ${STAFF_ONLY}`,
  })
  openPlaces(@Root() peer: Peer, @Ctx() ctx: PeersContext): number | null {
    return ctx.peers.staffView(peer)?.openPlaces ?? null;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: `When currentCaseload was last reported. ${STAFF_ONLY}`,
  })
  caseloadUpdatedAt(@Root() peer: Peer, @Ctx() ctx: PeersContext): Date | null {
    return ctx.peers.staffView(peer)?.caseloadUpdatedAt ?? null;
  }

  @FieldResolver(() => [ResourceRef], {
    nullable: 'items',
    description:
      "The listings on the peer's saved list (newest first; one folder when given), fetched live from the " +
      'resources subgraph. An entry is null where a listing is no longer listed (savedFolders says ' +
      "which), unless the reader is the listing's organization or an admin. Only the peer and admins may read it.",
  })
  async savedResources(
    @Root() peer: Peer,
    @Ctx() ctx: PeersContext,
    @Arg('folder', () => String, { nullable: true }) folder?: string,
  ): Promise<ResourceRef[]> {
    const items = await this.savedItems(peer, ctx);
    const name = folder === undefined || folder === null ? null : folderName(folder, 'folder');
    const picked = name === null ? items : items.filter((s) => s.folder === name);
    const ids = [
      ...new Set(
        [...picked]
          .sort((a, b) => b.savedAt.getTime() - a.savedAt.getTime())
          .map((s) => s.resourceId),
      ),
    ];
    return ids.map((id) => ({ id }));
  }

  @FieldResolver(() => [SavedResourceFolder], {
    description: "The peer's saved list by folder. Only the peer and admins may read it.",
  })
  async savedFolders(@Root() peer: Peer, @Ctx() ctx: PeersContext): Promise<SavedResourceFolder[]> {
    const folders = new Map<string, SavedResource[]>();
    for (const item of await this.savedItems(peer, ctx)) {
      const list = folders.get(item.folder) ?? [];
      list.push(item);
      folders.set(item.folder, list);
    }
    return [...folders].map(([name, items]) => ({ name, items }));
  }

  private async savedItems(peer: Peer, ctx: PeersContext): Promise<SavedResource[]> {
    if (!canReadSavedList(ctx.identity, peer.id)) {
      throw new ForbiddenError("A peer's saved list is private to the peer.");
    }
    return ctx.loaders.savedOfPeer.load(peer.id);
  }
}
