import { canonicalCounty } from '../county';
import type { MatchCandidate, MatchRequest } from './match-score';

const KM_PER_DEGREE_LATITUDE = 110.5; // a little under the true 110.57–111.69: the band errs wide

/** The candidates, arranged so a request looks only at those that could serve it. */
class Snapshot {
  /** Peers with a service point, by latitude. */
  private readonly byLatitude: MatchCandidate[];
  private readonly latitudes: Float64Array;
  private readonly maxRadiusKm: number;
  private readonly byCounty = new Map<string, MatchCandidate[]>();

  constructor(readonly all: MatchCandidate[]) {
    this.byLatitude = all
      .filter((c) => c.serviceLatitude !== null && c.serviceRadiusKm !== null)
      .sort((a, b) => a.serviceLatitude! - b.serviceLatitude!);
    this.latitudes = Float64Array.from(this.byLatitude, (c) => c.serviceLatitude!);
    this.maxRadiusKm = this.byLatitude.reduce((max, c) => Math.max(max, c.serviceRadiusKm!), 0);
    for (const c of all) {
      for (const county of c.serviceCounties) {
        const key = canonicalCounty(county);
        const list = this.byCounty.get(key);
        if (list) list.push(c);
        else this.byCounty.set(key, [c]);
      }
    }
  }

  /**
   * A superset of the peers whose area covers the request (the scoring module decides exactly):
   * those whose point lies within the widest radius of the request's latitude, and those serving its
   * county. Everyone when the request has no place or asks for peers outside their area too.
   */
  candidatesFor(request: MatchRequest): MatchCandidate[] {
    if (request.includeOutsideServiceArea || (!request.near && !request.county)) return this.all;
    const near: MatchCandidate[] = [];
    if (request.near) {
      const band = this.maxRadiusKm / KM_PER_DEGREE_LATITUDE;
      for (
        let i = this.lowerBound(request.near.latitude - band);
        i < this.byLatitude.length;
        i += 1
      ) {
        if (this.latitudes[i] > request.near.latitude + band) break;
        near.push(this.byLatitude[i]);
      }
    }
    const inCounty = request.county
      ? (this.byCounty.get(canonicalCounty(request.county)) ?? [])
      : [];
    if (inCounty.length === 0) return near;
    if (near.length === 0) return inCounty;
    const seen = new Set(near.map((c) => c.id));
    return [...near, ...inCounty.filter((c) => !seen.has(c.id))];
  }

  private lowerBound(latitude: number): number {
    let lo = 0;
    let hi = this.latitudes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.latitudes[mid] < latitude) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

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
  private snapshot: Snapshot | null = null;
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
    this.snapshot = null;
  }

  /**
   * The candidates that could serve `request` (all of them without one), or null when the caller
   * should ask Postgres (and a rebuild is under way).
   */
  current(request: MatchRequest = {}): MatchCandidate[] | null {
    if (!this.listening) return null;
    if (this.snapshot) return this.snapshot.candidatesFor(request);
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
        if (generation === this.generation && this.listening)
          this.snapshot = new Snapshot(candidates);
      } catch {
        // The SQL path keeps answering; the next request tries again.
      } finally {
        this.rebuilding = null;
      }
    })();
    return this.rebuilding;
  }
}
