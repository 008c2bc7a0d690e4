import type { SearchResult } from './queries';

const KEY = 'find:last-results';

export interface SavedResults {
  /** The search's address, so the saved results are shown only for the same search. */
  href: string;
  savedAt: string;
  result: SearchResult;
}

/** Keeps the last results on the phone, for when the signal drops. */
export function saveResults(href: string, result: SearchResult): void {
  try {
    const saved: SavedResults = { href, savedAt: new Date().toISOString(), result };
    localStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // Full or disabled storage: offline results are a convenience, not a requirement.
  }
}

export function loadResults(): SavedResults | null {
  try {
    const text = localStorage.getItem(KEY);
    return text ? (JSON.parse(text) as SavedResults) : null;
  } catch {
    return null;
  }
}
