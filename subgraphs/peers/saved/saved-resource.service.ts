import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../kit/errors';
import { hasRole, type Identity } from '../../kit/identity';
import { assertSignedIn } from '../access';
import { flushOrConflict } from '../../kit/orm-errors';
import { Peer } from '../peer/peer.entity';
import { isUuid } from '../../kit/ids';
import { LIMITS } from '../validators';
import type { Listings } from '../listings/listings.port';
import { SavedResource } from './saved-resource.entity';

export const DEFAULT_FOLDER = 'Saved';
export const MAX_SAVED_PER_PEER = 500;
export const MAX_FOLDER_NAME = 60;

/** A folder name as people mean it: trimmed, inner spaces collapsed, 1 to 60 characters. */
export function folderName(value: string | null | undefined, field: string): string {
  if (value === null || value === undefined) return DEFAULT_FOLDER;
  const name = value.trim().replace(/\s+/g, ' ');
  if (!name) throw new BadUserInputError('must not be blank', field);
  if (name.length > MAX_FOLDER_NAME)
    throw new BadUserInputError(`must be at most ${MAX_FOLDER_NAME} characters`, field);
  return name;
}

/** A peer's own saved list: only the peer (by the token's `peer` claim) changes it. */
export class SavedResourceService {
  constructor(
    private readonly em: EntityManager,
    private readonly identity: Identity,
    private readonly listings: Listings,
  ) {}

  /** Whether a saved listing is still published; false once it is unpublished or gone. */
  async isListed(resourceId: string): Promise<boolean> {
    return (await this.listings.state(resourceId))?.listed ?? false;
  }

  private async ownPeerId(): Promise<string> {
    assertSignedIn(this.identity);
    const id = this.identity.peer;
    if (!hasRole(this.identity, 'peer') || !id) {
      throw new ForbiddenError('Only peers keep a saved list; sign in as a peer.');
    }
    if (!isUuid(id) || !(await this.em.count(Peer, { id }))) {
      throw new NotFoundError('Peer', id);
    }
    return id;
  }

  /** Saves a listing in a folder, or updates its note when it is already there (saving twice is one save). */
  async save(
    resourceId: string,
    folder: string | null | undefined,
    note: string | null | undefined,
  ): Promise<SavedResource> {
    if (!isUuid(resourceId))
      throw new BadUserInputError('must be a resource id (a UUID)', 'resourceId');
    const name = folderName(folder, 'folder');
    if (note && note.length > LIMITS.note)
      throw new BadUserInputError(`must be at most ${LIMITS.note} characters`, 'note');
    const peerId = await this.ownPeerId();
    const existing = await this.em.findOne(SavedResource, { peerId, folder: name, resourceId });
    if (existing) {
      if (note !== undefined) existing.note = note?.trim() || null;
      await flushOrConflict(this.em, 'Your saved list');
      return existing;
    }
    // Only what the peer could find may be saved: an id that names no listing, or an unpublished
    // one, is NOT_FOUND, as resource(id) would say.
    if (!(await this.isListed(resourceId))) throw new NotFoundError('Resource', resourceId);
    if ((await this.em.count(SavedResource, { peerId })) >= MAX_SAVED_PER_PEER) {
      throw new BadUserInputError(
        `holds ${MAX_SAVED_PER_PEER} saved listings already; remove some first`,
        'resourceId',
      );
    }
    const saved = this.em.create(SavedResource, {
      peerId,
      resourceId,
      folder: name,
      note: note?.trim() || null,
    });
    this.em.persist(saved);
    await flushOrConflict(this.em, 'Your saved list');
    return saved;
  }

  /** Removes a listing from one folder, or from every folder; says how many entries went. */
  async remove(resourceId: string, folder: string | null | undefined): Promise<number> {
    if (!isUuid(resourceId))
      throw new BadUserInputError('must be a resource id (a UUID)', 'resourceId');
    const peerId = await this.ownPeerId();
    const where =
      folder === null || folder === undefined
        ? { peerId, resourceId }
        : { peerId, resourceId, folder: folderName(folder, 'folder') };
    return this.em.nativeDelete(SavedResource, where);
  }

  /** Renames a folder; into an existing folder it merges, keeping one entry per listing. */
  async renameFolder(from: string, to: string): Promise<number> {
    const source = folderName(from, 'from');
    const target = folderName(to, 'to');
    const peerId = await this.ownPeerId();
    const inSource = await this.em.count(SavedResource, { peerId, folder: source });
    if (inSource === 0) throw new NotFoundError('Folder', source);
    if (source === target) return inSource;
    return this.em.transactional(async (tx) => {
      const connection = tx.getConnection();
      // A listing in both folders keeps the target's entry; its note survives if the target had none.
      await connection.execute(
        `update saved_resource t set note = coalesce(t.note, s.note)
           from saved_resource s
          where t.peer_id = ? and t.folder = ? and s.peer_id = t.peer_id and s.folder = ? and s.resource_id = t.resource_id`,
        [peerId, target, source],
      );
      await connection.execute(
        `delete from saved_resource s using saved_resource t
          where s.peer_id = ? and s.folder = ? and t.peer_id = s.peer_id and t.folder = ? and t.resource_id = s.resource_id`,
        [peerId, source, target],
      );
      await tx.nativeUpdate(SavedResource, { peerId, folder: source }, { folder: target });
      return tx.count(SavedResource, { peerId, folder: target });
    });
  }

  /** Removes a folder and what is saved in it; says how many entries went. */
  async removeFolder(name: string): Promise<number> {
    const folder = folderName(name, 'folder');
    const peerId = await this.ownPeerId();
    return this.em.nativeDelete(SavedResource, { peerId, folder });
  }
}
