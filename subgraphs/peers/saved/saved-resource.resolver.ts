import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { PeersContext } from '../context';
import { ResourceRef } from '../refs/resource.ref';
import { SavedResource } from './saved-resource.entity';

@Resolver(() => SavedResource)
export class SavedResourceResolver {
  @Mutation(() => SavedResource, {
    description:
      'Saves a listing to the calling peer\'s list, in a folder ("Saved" when omitted). Saving it again ' +
      'in the same folder updates the note. NOT_FOUND when no published listing has this id.',
  })
  saveResource(
    @Arg('resourceId', () => ID) resourceId: string,
    @Ctx() ctx: PeersContext,
    @Arg('folder', () => String, { nullable: true }) folder?: string,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<SavedResource> {
    return ctx.saved.save(resourceId, folder, note);
  }

  @Mutation(() => Int, {
    description:
      'Removes a listing from one folder, or from every folder when none is given; returns how many entries went.',
  })
  removeSavedResource(
    @Arg('resourceId', () => ID) resourceId: string,
    @Ctx() ctx: PeersContext,
    @Arg('folder', () => String, { nullable: true }) folder?: string,
  ): Promise<number> {
    return ctx.saved.remove(resourceId, folder);
  }

  @Mutation(() => Int, {
    description:
      'Renames a folder of the saved list (into an existing folder it merges); returns how many entries it holds.',
  })
  renameSavedFolder(
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Ctx() ctx: PeersContext,
  ): Promise<number> {
    return ctx.saved.renameFolder(from, to);
  }

  @Mutation(() => Int, {
    description: 'Removes a folder and what is saved in it; returns how many entries went.',
  })
  removeSavedFolder(@Arg('folder') folder: string, @Ctx() ctx: PeersContext): Promise<number> {
    return ctx.saved.removeFolder(folder);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether the listing is still published. False once it is unpublished or removed: show it as ' +
      '"no longer listed" by its resourceId.',
  })
  listed(@Root() saved: SavedResource, @Ctx() ctx: PeersContext): Promise<boolean> {
    return ctx.saved.isListed(saved.resourceId);
  }

  @FieldResolver(() => ResourceRef, {
    nullable: true,
    description:
      'The listing, live from the resources subgraph; null when it is not listed, unless the reader ' +
      "is the listing's organization or an admin.",
  })
  resource(@Root() saved: SavedResource): ResourceRef {
    // The resources subgraph decides, for the reader, whether the reference resolves.
    return { id: saved.resourceId };
  }
}
