import { beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../kit/identity';
import { LivedExperienceArea, PeerAvailability, PeerSpecialization } from '../peer/peer.enums';
import type { Peer } from '../peer/peer.entity';
import {
  admin,
  createPeer,
  daysFromToday,
  expectData,
  expectError,
  medicalCertification,
  planner,
  usePeers,
} from './harness';

const api = usePeers();

const MATCH = `query($input: MatchPeersInput!) { matchPeers(input: $input) {
  peer { id displayName } score reasons distanceKm openPlaces factors { kind points reason }
} }`;
interface MatchData {
  matchPeers: {
    peer: { id: string; displayName: string };
    score: number;
    reasons: string[];
    distanceKm: number | null;
    openPlaces: number;
    factors: { kind: string; points: number; reason: string }[];
  }[];
}

// Fresno: far from every other test file's peers, and this file's database is its own anyway.
const FRESNO = { latitude: 36.7378, longitude: -119.7871 };
const north = (km: number) => ({
  latitude: FRESNO.latitude + km / 111.2,
  longitude: FRESNO.longitude,
});

const match = async (input: Record<string, unknown>) =>
  expectData(await api().execute<MatchData>(MATCH, { input }, planner())).matchPeers;

let spanishJustice: Peer;
let full: Peer;
let away: Peer;
let lapsedCrisis: Peer;
let twinA: Peer;
let twinB: Peer;
let countyOnly: Peer;

beforeAll(async () => {
  const at = (km: number) => ({ latitude: north(km).latitude, longitude: north(km).longitude });
  spanishJustice = await createPeer(api(), {
    displayName: 'Spanish, justice-involved',
    languages: ['en', 'es'],
    livedExperience: [LivedExperienceArea.JUSTICE_INVOLVEMENT],
    certifications: [medicalCertification(daysFromToday(300), PeerSpecialization.JUSTICE_INVOLVED)],
    ...at(3.2),
    caseloadCapacity: 15,
    currentCaseload: 13,
  });
  await createPeer(api(), {
    displayName: 'Spanish only',
    languages: ['es'],
    ...at(1),
    currentCaseload: 5,
  });
  await createPeer(api(), {
    displayName: 'English, justice-involved',
    livedExperience: [LivedExperienceArea.JUSTICE_INVOLVEMENT],
    ...at(2),
  });
  full = await createPeer(api(), {
    displayName: 'At capacity',
    languages: ['en', 'es'],
    livedExperience: [LivedExperienceArea.JUSTICE_INVOLVEMENT],
    ...at(0.5),
    caseloadCapacity: 12,
    currentCaseload: 12,
  });
  away = await createPeer(api(), {
    displayName: 'Unavailable',
    languages: ['en', 'es'],
    livedExperience: [LivedExperienceArea.JUSTICE_INVOLVEMENT],
    ...at(0.5),
    availability: PeerAvailability.UNAVAILABLE,
  });
  lapsedCrisis = await createPeer(api(), {
    displayName: 'Lapsed crisis certificate',
    certifications: [medicalCertification(daysFromToday(-10), PeerSpecialization.CRISIS_CARE)],
    ...at(4),
  });
  // Two identical profiles at the same spot: only the id can order them.
  const twin = {
    displayName: 'Twin',
    languages: ['en', 'hy'],
    ...at(6),
    caseloadCapacity: 10,
    currentCaseload: 2,
  };
  [twinA, twinB] = [await createPeer(api(), twin), await createPeer(api(), twin)];
  countyOnly = await createPeer(api(), {
    displayName: 'County only',
    languages: ['en', 'es'],
    latitude: null,
    longitude: null,
    radiusKm: null,
    counties: ['Fresno County'],
  });
  // Far away (Sacramento), serving a small radius: never a match for Fresno.
  await createPeer(api(), {
    displayName: 'Sacramento',
    languages: ['es'],
    latitude: 38.58,
    longitude: -121.49,
    radiusKm: 20,
  });
});

describe('matchPeers', () => {
  it('ranks by the transparent score and gives the reasons', async () => {
    const results = await match({
      near: FRESNO,
      languages: ['es'],
      livedExperience: ['JUSTICE_INVOLVEMENT'],
      specializations: ['JUSTICE_INVOLVED'],
    });
    const names = results.map((r) => r.peer.displayName);
    expect(names.slice(0, 3)).toEqual([
      'Spanish, justice-involved',
      'Spanish only',
      'English, justice-involved',
    ]);
    expect(results[0]).toMatchObject({
      peer: { id: spanishJustice.id },
      distanceKm: 3.2,
      openPlaces: 2,
      reasons: [
        'speaks Spanish',
        // Justice involvement is used for matching only unless the peer shows it.
        'shares lived experience asked for',
        'certified in supporting justice-involved people',
        '3.2 km away',
        '2 of 15 places free',
        'available now',
      ],
    });
    expect(results[0].score).toBe(95);
    for (let i = 1; i < results.length; i += 1)
      expect(results[i - 1].score).toBeGreaterThanOrEqual(results[i].score);
  });

  it('never returns a peer at capacity, unavailable, or outside their area, unless asked', async () => {
    const input = { near: FRESNO, languages: ['es'], first: 50 };
    const ids = (await match(input)).map((r) => r.peer.id);
    expect(ids).not.toContain(full.id);
    expect(ids).not.toContain(away.id);
    expect(ids).not.toContain(countyOnly.id); // a point alone cannot say it is in Fresno County

    const withFull = await match({ ...input, includeAtCapacity: true });
    expect(withFull.find((r) => r.peer.id === full.id)).toMatchObject({
      openPlaces: 0,
      reasons: expect.arrayContaining(['0 of 12 places free']) as unknown,
    });
    expect(withFull.map((r) => r.peer.id)).not.toContain(away.id);

    const withAway = await match({ ...input, includeUnavailable: true });
    expect(withAway.find((r) => r.peer.id === away.id)?.reasons).toContain(
      'not taking new people now',
    );

    const byCounty = await match({ ...input, county: 'Fresno County' });
    expect(byCounty.find((r) => r.peer.id === countyOnly.id)?.reasons).toContain(
      'serves Fresno County',
    );

    const everywhere = await match({ ...input, includeOutsideServiceArea: true });
    expect(everywhere.find((r) => r.peer.displayName === 'Sacramento')?.distanceKm).toBeGreaterThan(
      200,
    );
  });

  it('does not count a specialization whose certificate has expired', async () => {
    const results = await match({ near: FRESNO, specializations: ['CRISIS_CARE'], first: 50 });
    const lapsed = results.find((r) => r.peer.id === lapsedCrisis.id)!;
    expect(lapsed.reasons).not.toContain('certified in crisis care');
  });

  it('breaks ties the same way every time (by id when all else is equal)', async () => {
    const input = { near: FRESNO, languages: ['hy'], first: 50 };
    const runs = await Promise.all([match(input), match(input), match(input)]);
    const twins = runs.map((r) => r.filter((m) => m.peer.displayName === 'Twin'));
    expect(twins[0][0].score).toBe(twins[0][1].score);
    const expected = [twinA.id, twinB.id].sort();
    for (const t of twins) expect(t.map((m) => m.peer.id)).toEqual(expected);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it('returns at most `first` matches', async () => {
    expect(await match({ near: FRESNO, first: 2 })).toHaveLength(2);
  });

  it('is for signed-in staff only', async () => {
    expectError(
      await api().execute(MATCH, { input: { near: FRESNO } }, ANONYMOUS),
      'UNAUTHENTICATED',
    );
  });

  it('returns nothing for a place no peer serves', async () => {
    expect(
      await match({ near: { latitude: 41.75, longitude: -124.2 }, county: 'Del Norte County' }),
    ).toEqual([]);
  });

  it('serves from the in-memory index and never from a stale one', async () => {
    const korean = await createPeer(api(), {
      displayName: 'Korean speaker',
      languages: ['en', 'ko'],
      ...north(8),
      caseloadCapacity: 10,
      currentCaseload: 1,
    });
    const input = { near: FRESNO, languages: ['ko'], first: 50 };
    const index = api().services.candidates;
    await match(input);
    // A notification of the peers made above may still land and drop a build; build until one holds.
    for (let i = 0; i < 20 && !index.current(); i += 1) await index.rebuild();
    expect(index.current()?.some((c) => c.id === korean.id)).toBe(true);
    expect((await match(input))[0].peer.id).toBe(korean.id);

    // A change through the API: seen by the very next request.
    const full =
      'mutation($id: ID!) { upsertPeerProfile(id: $id, input: { currentCaseload: 10 }) { openPlaces } }';
    expect(
      expectData(
        await api().execute<{ upsertPeerProfile: { openPlaces: number | null } }>(
          full,
          { id: korean.id },
          admin(),
        ),
      ).upsertPeerProfile.openPlaces,
    ).toBe(0);
    expect((await match(input)).map((r) => r.peer.id)).not.toContain(korean.id);

    // A change made elsewhere (another instance, a script): seen once Postgres' notification lands.
    await api()
      .orm.em.getConnection()
      .execute('update peer set current_caseload = 2 where id = ?', [korean.id]);
    const deadline = Date.now() + 5000;
    let ids: string[] = [];
    while (Date.now() < deadline) {
      ids = (await match(input)).map((r) => r.peer.id);
      if (ids.includes(korean.id)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(ids[0]).toBe(korean.id);
  });
});
