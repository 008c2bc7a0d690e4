import ISO6391 from 'iso-639-1';
import { describe, expect, it } from 'vitest';
import { isExpired } from '../subgraphs/peers/peer/certification';
import {
  LivedExperienceArea,
  PeerAvailability,
  PeerCertificationType,
} from '../subgraphs/peers/peer/peer.enums';
import { samplePeers } from './peers';
import { SAMPLE_CITIES, sampleDirectory } from './sample-directory';

const AS_OF = '2026-11-01';
const peers = samplePeers({ count: 2000, asOf: AS_OF });
const share = (test: (p: (typeof peers)[number]) => boolean) =>
  peers.filter(test).length / peers.length;

describe('samplePeers', () => {
  it('is deterministic, and peer i is the same whatever the count', () => {
    expect(samplePeers({ count: 2000, asOf: AS_OF })).toEqual(peers);
    expect(samplePeers({ count: 50, asOf: AS_OF })).toEqual(peers.slice(0, 50));
    expect(samplePeers({ count: 50, seed: 2, asOf: AS_OF })).not.toEqual(peers.slice(0, 50));
    expect(new Set(peers.map((p) => p.id)).size).toBe(peers.length);
  });

  it('spreads peers over the directory cities, working for organizations in their own city', () => {
    const cities = new Map(SAMPLE_CITIES.map((c) => [c.city, c]));
    const orgCity = new Map(
      sampleDirectory({ seed: 1 }).map((o) => [o.id, o.locations[0].address.city]),
    );
    expect(new Set(peers.map((p) => p.city))).toEqual(new Set(cities.keys()));
    for (const p of peers) {
      if (p.organizationId) expect(orgCity.get(p.organizationId)).toBe(p.city);
      if (p.serviceLatitude !== null) {
        const city = cities.get(p.city)!;
        expect(Math.abs(p.serviceLatitude - city.latitude)).toBeLessThan(0.2);
        expect(p.serviceRadiusKm).toBeGreaterThan(0);
      } else {
        expect(p.serviceCounties).toEqual([cities.get(p.city)!.county]);
      }
    }
    expect(share((p) => p.organizationId !== null)).toBeGreaterThan(0.8);
  });

  it('has certifications, languages and lived experience in plausible proportions', () => {
    for (const p of peers) {
      expect(p.languages.every((l) => ISO6391.validate(l))).toBe(true);
      expect(p.livedExperience.length).toBeGreaterThan(0);
      expect(p.currentCaseload).toBeLessThanOrEqual(p.caseloadCapacity);
    }
    const certified = share((p) =>
      p.certifications.some(
        (c) => c.type === PeerCertificationType.MEDI_CAL_PEER_SUPPORT_SPECIALIST,
      ),
    );
    expect(certified).toBeGreaterThan(0.75);
    expect(certified).toBeLessThan(0.95);
    const lapsed = share((p) =>
      p.certifications.some(
        (c) =>
          c.type === PeerCertificationType.MEDI_CAL_PEER_SUPPORT_SPECIALIST && isExpired(c, AS_OF),
      ),
    );
    expect(lapsed).toBeGreaterThan(0.02);
    expect(lapsed).toBeLessThan(0.15);
    const spanish = share((p) => p.languages.includes('es'));
    expect(spanish).toBeGreaterThan(0.25);
    expect(spanish).toBeLessThan(0.5);
    expect(
      share((p) => p.livedExperience.includes(LivedExperienceArea.JUSTICE_INVOLVEMENT)),
    ).toBeGreaterThan(0.2);
    expect(share((p) => p.availability === PeerAvailability.UNAVAILABLE)).toBeLessThan(0.2);
    expect(share((p) => p.currentCaseload >= p.caseloadCapacity)).toBeGreaterThan(0.05);
  });
});

describe('sample peers names', () => {
  it('fit their pronouns', () => {
    const first = (p: (typeof peers)[number]) => p.displayName.split(' ')[0];
    const men = ['Michael', 'José', 'Sergei', 'Omar', 'Tuan'];
    const women = ['Jennifer', 'Maria', 'Olga', 'Layla', 'Huong'];
    const sheHer = peers.filter((p) => p.pronouns === 'she/her');
    const heHim = peers.filter((p) => p.pronouns === 'he/him');
    expect(sheHer.length).toBeGreaterThan(100);
    expect(heHim.length).toBeGreaterThan(100);
    expect(sheHer.filter((p) => men.includes(first(p)))).toEqual([]);
    expect(heHim.filter((p) => women.includes(first(p)))).toEqual([]);
    expect(sheHer.some((p) => women.includes(first(p)))).toBe(true);
    expect(heHim.some((p) => men.includes(first(p)))).toBe(true);
    // they/them: a name given to anyone where the background has one (Sam, Jordan, Wei, Thanh...).
    const they = peers.filter((p) => p.pronouns === 'they/them' && p.languages.length === 1);
    expect(they.length).toBeGreaterThan(10);
    expect(they.filter((p) => [...men, ...women].includes(first(p)))).toEqual([]);
  });
});
