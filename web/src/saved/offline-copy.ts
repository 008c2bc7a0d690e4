import type { Listing } from '../find/queries';
import type { SavedFolder } from './queries';

const KEY = 'saved:copy';

/** The saved list as last seen, kept on this phone so it can be read with no signal. */
export interface SavedCopy {
  /** When the list was last fetched (or changed here). */
  keptAt: string;
  folders: SavedFolder[];
}

export function loadCopy(): SavedCopy | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as SavedCopy) : null;
  } catch {
    return null;
  }
}

export function keepCopy(folders: SavedFolder[]): void {
  try {
    const copy: SavedCopy = { keptAt: new Date().toISOString(), folders };
    localStorage.setItem(KEY, JSON.stringify(copy));
  } catch {
    // Full or disabled storage: the list still works online.
  }
}

/** Signing out leaves nothing of the saved list on a shared phone. */
export function forgetCopy(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing kept.
  }
}

/** A listing just saved goes into the copy at once (the next fetch of /saved replaces it all). */
export function addToCopy(
  listing: Listing,
  saved: { id: string; folder: string; note?: string | null; savedAt: string },
): void {
  const folders = loadCopy()?.folders ?? [];
  const item = {
    id: saved.id,
    resourceId: listing.id,
    folder: saved.folder,
    note: saved.note ?? null,
    savedAt: saved.savedAt,
    listed: true,
    resource: listing,
  };
  const folder = folders.find((f) => f.name === saved.folder);
  if (folder) folder.items = [item, ...folder.items.filter((i) => i.resourceId !== listing.id)];
  else folders.unshift({ name: saved.folder, items: [item] });
  keepCopy(folders);
}

/** A saved listing's page as kept on the phone, for opening it offline. */
export function savedListing(id: string): { listing: Listing; keptAt: string } | null {
  const copy = loadCopy();
  if (!copy) return null;
  for (const folder of copy.folders)
    for (const item of folder.items)
      if (item.resource?.id === id) return { listing: item.resource, keptAt: copy.keptAt };
  return null;
}
