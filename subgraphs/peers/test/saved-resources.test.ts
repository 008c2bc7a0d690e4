import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Identity } from '../../kit/identity';
import {
  admin,
  createPeer,
  expectData,
  expectError,
  partnerOf,
  peerUser,
  planner,
  usePeers,
} from './harness';

const api = usePeers();

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
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
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
    const r = randomUUID();
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
    const r = randomUUID();
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
    const [shared, onlyOld, onlyNew] = [randomUUID(), randomUUID(), randomUUID()];
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
    const r = randomUUID();
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
