import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createListing } from '../../../test/support/fixtures';
import { ANONYMOUS, type Identity } from '../../kit/identity';
import { ResourceStatus } from '../../resources/resource/resource.enums';
import {
  admin,
  createPeer,
  expectData,
  expectError,
  partnerOf,
  peerUser,
  planner,
  usePeersWithResources,
} from './harness';

const both = usePeersWithResources();
const api = () => both().peers;

/** A published listing in the resources subgraph; its id. */
async function listing(status?: ResourceStatus): Promise<string> {
  return (await createListing(both().resources.orm, { status })).resource.id;
}

const SAVE = `mutation($r: ID!, $f: String, $n: String) { saveResource(resourceId: $r, folder: $f, note: $n) {
  id folder note resource { id } } }`;
interface SaveData {
  saveResource: {
    id: string;
    folder: string;
    note: string | null;
    resource: { id: string } | null;
  };
}
const REMOVE = 'mutation($r: ID!, $f: String) { removeSavedResource(resourceId: $r, folder: $f) }';
interface RemoveData {
  removeSavedResource: number;
}
const RENAME = 'mutation($from: String!, $to: String!) { renameSavedFolder(from: $from, to: $to) }';
interface RenameData {
  renameSavedFolder: number;
}
const REMOVE_FOLDER = 'mutation($f: String!) { removeSavedFolder(folder: $f) }';
interface RemoveFolderData {
  removeSavedFolder: number;
}
const LIST = `query($id: ID!, $f: String) { peer(id: $id) {
  savedResources(folder: $f) { id }
  savedFolders { name items { folder note resource { id } } }
} }`;
interface ListData {
  peer: {
    savedResources: ({ id: string } | null)[];
    savedFolders: {
      name: string;
      items: { folder: string; note: string | null; resource: { id: string } | null }[];
    }[];
  };
}

async function newPeer(): Promise<{ id: string; me: Identity }> {
  const peer = await createPeer(api());
  return { id: peer.id, me: peerUser(peer.id) };
}

const list = async (id: string, identity: Identity, folder?: string) =>
  expectData(await api().execute<ListData>(LIST, { id, f: folder }, identity)).peer;

describe('saved resources', () => {
  it('saves listings into folders, newest first, as Resource references', async () => {
    const { id, me } = await newPeer();
    const [a, b, c] = [await listing(), await listing(), await listing()];
    const saved = expectData(
      await api().execute<SaveData>(SAVE, { r: a, n: 'Ask for Maria at intake' }, me),
    ).saveResource;
    expect(saved).toMatchObject({
      folder: 'Saved',
      note: 'Ask for Maria at intake',
      resource: { id: a },
    });
    expectData(await api().execute<SaveData>(SAVE, { r: b, f: '  Tonight  ' }, me));
    expectData(await api().execute<SaveData>(SAVE, { r: c, f: 'Tonight' }, me));

    const mine = await list(id, me);
    expect(mine.savedResources.map((r) => r?.id)).toEqual([c, b, a]);
    expect(mine.savedFolders).toEqual([
      {
        name: 'Saved',
        items: [{ folder: 'Saved', note: 'Ask for Maria at intake', resource: { id: a } }],
      },
      {
        name: 'Tonight',
        items: [
          { folder: 'Tonight', note: null, resource: { id: c } },
          { folder: 'Tonight', note: null, resource: { id: b } },
        ],
      },
    ]);
    expect((await list(id, me, 'Tonight')).savedResources.map((r) => r?.id)).toEqual([c, b]);
  });

  it('saving the same listing twice in a folder is one entry, with the newer note', async () => {
    const { id, me } = await newPeer();
    const r = await listing();
    const first = expectData(
      await api().execute<SaveData>(SAVE, { r, f: 'Food', n: 'Opens at 9' }, me),
    ).saveResource;
    const again = expectData(
      await api().execute<SaveData>(SAVE, { r, f: 'Food', n: 'Opens at 10 on Fridays' }, me),
    ).saveResource;
    expect(again.id).toBe(first.id);
    expect((await list(id, me)).savedFolders).toEqual([
      {
        name: 'Food',
        items: [{ folder: 'Food', note: 'Opens at 10 on Fridays', resource: { id: r } }],
      },
    ]);
  });

  it('removes a listing from one folder or from all', async () => {
    const { id, me } = await newPeer();
    const r = await listing();
    for (const f of ['Housing', 'Tonight'])
      expectData(await api().execute<SaveData>(SAVE, { r, f }, me));
    expect(
      expectData(await api().execute<RemoveData>(REMOVE, { r, f: 'Tonight' }, me))
        .removeSavedResource,
    ).toBe(1);
    expect((await list(id, me)).savedFolders.map((f) => f.name)).toEqual(['Housing']);
    expectData(await api().execute<SaveData>(SAVE, { r, f: 'Tonight' }, me));
    expect(expectData(await api().execute<RemoveData>(REMOVE, { r }, me)).removeSavedResource).toBe(
      2,
    );
    expect(expectData(await api().execute<RemoveData>(REMOVE, { r }, me)).removeSavedResource).toBe(
      0,
    );
    expect((await list(id, me)).savedResources).toEqual([]);
  });

  it('renames a folder, merging into an existing one without duplicates, and removes folders', async () => {
    const { id, me } = await newPeer();
    const [shared, onlyOld, onlyNew] = [await listing(), await listing(), await listing()];
    expectData(
      await api().execute<SaveData>(SAVE, { r: shared, f: 'Old', n: 'note from Old' }, me),
    );
    expectData(await api().execute<SaveData>(SAVE, { r: onlyOld, f: 'Old' }, me));
    expectData(await api().execute<SaveData>(SAVE, { r: shared, f: 'New' }, me));
    expectData(await api().execute<SaveData>(SAVE, { r: onlyNew, f: 'New' }, me));

    expect(
      expectData(await api().execute<RenameData>(RENAME, { from: 'Old', to: 'New' }, me))
        .renameSavedFolder,
    ).toBe(3);
    const folders = (await list(id, me)).savedFolders;
    expect(folders.map((f) => f.name)).toEqual(['New']);
    expect(folders[0].items.map((i) => i.resource?.id).sort()).toEqual(
      [shared, onlyOld, onlyNew].sort(),
    );
    expect(folders[0].items.find((i) => i.resource?.id === shared)!.note).toBe('note from Old');

    expect(
      expectData(await api().execute<RenameData>(RENAME, { from: 'New', to: 'Field kit' }, me))
        .renameSavedFolder,
    ).toBe(3);
    expectError(
      await api().execute<RenameData>(RENAME, { from: 'Nope', to: 'Other' }, me),
      'NOT_FOUND',
    );
    expect(
      expectData(await api().execute<RemoveFolderData>(REMOVE_FOLDER, { f: 'Field kit' }, me))
        .removeSavedFolder,
    ).toBe(3);
    expect((await list(id, me)).savedFolders).toEqual([]);
  });

  it("keeps a peer's list private: other peers, partners and planners cannot read or change it", async () => {
    const { id, me } = await newPeer();
    const r = await listing();
    expectData(await api().execute<SaveData>(SAVE, { r }, me));
    const other = await newPeer();
    for (const stranger of [other.me, partnerOf(randomUUID()), planner(), ANONYMOUS]) {
      const body = await api().execute(
        `query($id: ID!) { peer(id: $id) { savedResources { id } } }`,
        { id },
        stranger,
      );
      expectError(body, 'FORBIDDEN');
    }
    expect((await list(id, admin())).savedResources).toEqual([{ id: r }]);
    // Removing from one's own list cannot touch another's.
    expect(
      expectData(await api().execute<RemoveData>(REMOVE, { r }, other.me)).removeSavedResource,
    ).toBe(0);
    expect((await list(id, me)).savedResources).toEqual([{ id: r }]);
  });

  it('needs a signed-in peer with a profile', async () => {
    expectError(
      await api().execute<SaveData>(SAVE, { r: randomUUID() }, ANONYMOUS),
      'UNAUTHENTICATED',
    );
    expectError(await api().execute<SaveData>(SAVE, { r: randomUUID() }, planner()), 'FORBIDDEN');
    expectError(
      await api().execute<SaveData>(SAVE, { r: randomUUID() }, peerUser(randomUUID())),
      'NOT_FOUND',
    );
  });
});

const FOLDERS = `query($id: ID!) { peer(id: $id) { savedFolders { items { resourceId listed resource { id } } } } }`;
interface FoldersData {
  peer: {
    savedFolders: {
      items: { resourceId: string; listed: boolean; resource: { id: string } | null }[];
    }[];
  };
}

async function setStatus(resourceId: string, status: ResourceStatus): Promise<void> {
  await both()
    .resources.orm.em.getConnection()
    .execute('update resource set status = ? where id = ?', [status, resourceId]);
}

describe('listings that are not (or no longer) listed', () => {
  it('answers NOT_FOUND to saving an id that names no listing, or an unpublished one, and saves nothing', async () => {
    const { id, me } = await newPeer();
    const unpublished = await listing(ResourceStatus.INACTIVE);
    for (const r of [randomUUID(), unpublished]) {
      expect(
        expectError(await api().execute<SaveData>(SAVE, { r }, me), 'NOT_FOUND').message,
      ).toContain(r);
    }
    expect((await list(id, me)).savedFolders).toEqual([]);
  });

  it('keeps a saved listing that is unpublished, shown as not listed by its id, and as listed again once republished', async () => {
    const { id, me } = await newPeer();
    const [open, closing] = [await listing(), await listing()];
    for (const r of [open, closing]) expectData(await api().execute<SaveData>(SAVE, { r }, me));
    await setStatus(closing, ResourceStatus.INACTIVE);
    const folders = async () =>
      expectData(await api().execute<FoldersData>(FOLDERS, { id }, me)).peer.savedFolders[0].items;
    expect(await folders()).toEqual([
      { resourceId: closing, listed: false, resource: { id: closing } },
      { resourceId: open, listed: true, resource: { id: open } },
    ]);
    // Its note can still be changed and it can be removed: the peer keeps control of their list.
    expectData(await api().execute<SaveData>(SAVE, { r: closing, n: 'Closed for repairs' }, me));
    await setStatus(closing, ResourceStatus.TEMPORARILY_CLOSED);
    expect((await folders()).map((i) => i.listed)).toEqual([true, true]);
    await setStatus(closing, ResourceStatus.DEFUNCT);
    expect(
      expectData(await api().execute<RemoveData>(REMOVE, { r: closing }, me)).removeSavedResource,
    ).toBe(1);
  });
});
