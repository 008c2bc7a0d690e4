import { describe, expect, it } from 'vitest';
import { PeerCandidateIndex } from './candidate-index';
import { PeerAvailability } from '../peer/peer.enums';
import type { MatchCandidate } from './match-score';

/** A candidate with no service area; only the fields the index reads matter here. */
const peer = (id: string, place: Partial<MatchCandidate> = {}): MatchCandidate => ({
  id,
  pronouns: null,
  languages: [],
  livedExperience: [],
  certifications: [],
  availability: PeerAvailability.AVAILABLE,
  caseloadCapacity: 10,
  currentCaseload: 0,
  serviceLatitude: null,
  serviceLongitude: null,
  serviceRadiusKm: null,
  serviceCounties: [],
  ...place,
});

/** A load the test finishes by hand, to change things while it is under way. */
function controlledLoads() {
  const pending: ((c: MatchCandidate[]) => void)[] = [];
  let calls = 0;
  const load = () => {
    calls += 1;
    return new Promise<MatchCandidate[]>((resolve) => pending.push(resolve));
  };
  return { load, pending, calls: () => calls };
}

describe('PeerCandidateIndex', () => {
  it('serves nothing until it listens, then builds in the background and serves', async () => {
    const loads = controlledLoads();
    const index = new PeerCandidateIndex(loads.load);
    expect(index.current()).toBeNull();
    expect(loads.calls()).toBe(0);
    index.startListening();
    expect(index.current()).toBeNull(); // the caller reads Postgres meanwhile
    const done = index.rebuild(); // joins the rebuild under way
    expect(loads.calls()).toBe(1);
    loads.pending.shift()!([peer('a')]);
    await done;
    expect(index.current()).toEqual([peer('a')]);
  });

  it('drops the index on a change, and throws away a build that overlapped one', async () => {
    const loads = controlledLoads();
    const index = new PeerCandidateIndex(loads.load);
    index.startListening();
    const first = index.rebuild();
    index.invalidate(); // a peer changed while the build read the table
    loads.pending.shift()!([peer('stale')]);
    await first;
    expect(index.current()).toBeNull();
    const second = index.rebuild();
    loads.pending.shift()!([peer('fresh')]);
    await second;
    expect(index.current()).toEqual([peer('fresh')]);
    index.invalidate();
    expect(index.current()).toBeNull();
  });

  it('stops serving when the listener is lost, since changes could be missed', async () => {
    const index = new PeerCandidateIndex(() => Promise.resolve([peer('a')]));
    index.startListening();
    await index.rebuild();
    expect(index.current()).toEqual([peer('a')]);
    index.stopListening();
    expect(index.current()).toBeNull();
  });

  it('keeps answering through the SQL path when a build fails', async () => {
    let fail = true;
    const index = new PeerCandidateIndex(() =>
      fail ? Promise.reject(new Error('connection reset')) : Promise.resolve([peer('a')]),
    );
    index.startListening();
    await index.rebuild();
    fail = false;
    expect(index.current()).toBeNull(); // and it tries again in the background
    await index.rebuild();
    expect(index.current()).toEqual([peer('a')]);
  });

  it('offers a request only the peers that could serve it, and everyone without a place', async () => {
    const at = (
      id: string,
      latitude: number | null,
      radiusKm: number | null,
      counties: string[] = [],
    ) =>
      peer(id, {
        serviceLatitude: latitude,
        serviceLongitude: latitude === null ? null : -122,
        serviceRadiusKm: radiusKm,
        serviceCounties: counties,
      });
    const oakland = at('oakland', 37.8, 10);
    const wide = at('wide', 38.6, 100); // 90 km north, but serving 100 km around
    const fresno = at('fresno', 36.7, 20);
    const county = at('county', null, null, ['Alameda County']);
    const index = new PeerCandidateIndex(() => Promise.resolve([fresno, county, wide, oakland]));
    index.startListening();
    await index.rebuild();
    const ids = (request: Parameters<PeerCandidateIndex['current']>[0]) =>
      index
        .current(request)!
        .map((c) => c.id)
        .sort();
    const near = { latitude: 37.81, longitude: -122.27 };
    expect(ids({ near })).toEqual(['oakland', 'wide']);
    expect(ids({ near, county: 'alameda' })).toEqual(['county', 'oakland', 'wide']);
    expect(ids({ county: 'Alameda County' })).toEqual(['county']);
    expect(ids({})).toEqual(['county', 'fresno', 'oakland', 'wide']);
    expect(ids({ near, includeOutsideServiceArea: true })).toEqual([
      'county',
      'fresno',
      'oakland',
      'wide',
    ]);
  });
});
