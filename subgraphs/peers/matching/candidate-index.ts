import type { MatchCandidate } from './match-score';

/**
 * Every peer's matching data, kept in memory so `matchPeers` scores in the process instead of asking
 * Postgres for hundreds of rows each time (the difference between about 5 and 15 ms per request).
 *
 * It is only ever a shortcut. It serves requests only while a listener hears Postgres' `peer_changed`
 * notifications (sent by a trigger when a transaction that changed `peer` commits), and any change
 * (heard, or flushed by this process) makes it stale at once. A stale or missing index is rebuilt in
 * the background while requests take the SQL path, so no request ever waits for a rebuild, and a
 * rebuild that overlapped a change is thrown away rather than kept.
 *
 * Memory: about 1 KB per peer (5,000 peers, 5 MB).
 */
export class PeerCandidateIndex {
  private candidates: MatchCandidate[] | null = null;
  private generation = 0;
  private listening = false;
  private rebuilding: Promise<void> | null = null;

  constructor(private readonly load: () => Promise<MatchCandidate[]>) {}

  /** The listener is connected: changes will be heard, so the index may serve. */
  startListening(): void {
    this.listening = true;
    this.invalidate();
  }

  /** The listener is gone: changes could be missed, so the index must not serve. */
  stopListening(): void {
    this.listening = false;
    this.invalidate();
  }

  invalidate(): void {
    this.generation += 1;
    this.candidates = null;
  }

  /** The candidates, or null when the caller should ask Postgres (and a rebuild is under way). */
  current(): MatchCandidate[] | null {
    if (!this.listening) return null;
    if (this.candidates) return this.candidates;
    void this.rebuild();
    return null;
  }

  /** Rebuilds once at a time; resolves when done (tests and warm-up wait on it). */
  rebuild(): Promise<void> {
    if (!this.listening) return Promise.resolve();
    this.rebuilding ??= (async () => {
      const generation = this.generation;
      try {
        const candidates = await this.load();
        if (generation === this.generation && this.listening) this.candidates = candidates;
      } catch {
        // The SQL path keeps answering; the next request tries again.
      } finally {
        this.rebuilding = null;
      }
    })();
    return this.rebuilding;
  }
}
