import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../kit/identity';
import { admin, createPeer, expectError, peerUser, planner, storedPeer, usePeers } from './harness';

const api = usePeers();

const UPSERT = `mutation($id: ID, $input: PeerProfileInput!) { upsertPeerProfile(id: $id, input: $input) { id } }`;
const MATCH = 'query($input: MatchPeersInput!) { matchPeers(input: $input) { peer { id } } }';
const SAVE =
  'mutation($r: ID!, $f: String, $n: String) { saveResource(resourceId: $r, folder: $f, note: $n) { id } }';

const VALID = {
  displayName: 'Jordan Lee',
  languages: ['en'],
  caseloadCapacity: 10,
  serviceArea: { latitude: 37.8, longitude: -122.27, radiusKm: 10 },
};

interface Case {
  name: string;
  /** The field the message must name, so a person knows what to fix. */
  field: string;
  query: string;
  variables: Record<string, unknown>;
  as?: () => Identity;
}

const CASES: Case[] = [
  {
    name: 'an unknown language code in a profile',
    field: 'languages',
    query: UPSERT,
    variables: { input: { ...VALID, languages: ['en', 'xx'] } },
  },
  {
    name: 'a language name instead of its code',
    field: 'languages',
    query: UPSERT,
    variables: { input: { ...VALID, languages: ['Spanish'] } },
  },
  {
    name: 'an unknown language code in a match',
    field: 'languages',
    query: MATCH,
    variables: { input: { languages: ['klingon'] } },
  },
  {
    name: 'a radius of 0 km',
    field: 'serviceArea.radiusKm',
    query: UPSERT,
    variables: { input: { ...VALID, serviceArea: { ...VALID.serviceArea, radiusKm: 0 } } },
  },
  {
    name: 'a radius of 5,000 km',
    field: 'serviceArea.radiusKm',
    query: UPSERT,
    variables: { input: { ...VALID, serviceArea: { ...VALID.serviceArea, radiusKm: 5000 } } },
  },
  {
    name: 'a negative radius',
    field: 'serviceArea.radiusKm',
    query: UPSERT,
    variables: { input: { ...VALID, serviceArea: { ...VALID.serviceArea, radiusKm: -3 } } },
  },
  {
    name: 'a point without a radius',
    field: 'serviceArea.radiusKm',
    query: UPSERT,
    variables: { input: { ...VALID, serviceArea: { latitude: 37.8, longitude: -122.27 } } },
  },
  {
    name: 'a service area with nothing in it',
    field: 'serviceArea',
    query: UPSERT,
    variables: { input: { ...VALID, serviceArea: { counties: [] } } },
  },
  {
    name: 'latitude 123 in a service area',
    field: 'serviceArea.latitude',
    query: UPSERT,
    variables: { input: { ...VALID, serviceArea: { ...VALID.serviceArea, latitude: 123 } } },
  },
  {
    name: 'a caseload capacity below zero',
    field: 'caseloadCapacity',
    query: UPSERT,
    variables: { input: { ...VALID, caseloadCapacity: -1 } },
  },
  {
    name: 'a caseload capacity of 10,000',
    field: 'caseloadCapacity',
    query: UPSERT,
    variables: { input: { ...VALID, caseloadCapacity: 10_000 } },
  },
  {
    name: 'a current caseload below zero',
    field: 'currentCaseload',
    query: UPSERT,
    variables: { input: { ...VALID, currentCaseload: -2 } },
  },
  {
    name: 'a blank name',
    field: 'displayName',
    query: UPSERT,
    variables: { input: { ...VALID, displayName: '   ' } },
  },
  {
    name: 'a work e-mail that is not one',
    field: 'workContact.email',
    query: UPSERT,
    variables: { input: { ...VALID, workContact: { email: 'rosa at example' } } },
  },
  {
    name: 'a work phone that is not one',
    field: 'workContact.phone',
    query: UPSERT,
    variables: { input: { ...VALID, workContact: { phone: 'call me' } } },
  },
  {
    name: 'a certificate that expires before it was issued',
    field: 'certifications[0].expiresOn',
    query: UPSERT,
    variables: {
      input: {
        ...VALID,
        certifications: [
          {
            type: 'MEDI_CAL_PEER_SUPPORT_SPECIALIST',
            issuedOn: '2025-05-01',
            expiresOn: '2024-05-01',
          },
        ],
      },
    },
  },
  {
    name: 'an OTHER certificate without a name',
    field: 'certifications[0].name',
    query: UPSERT,
    variables: { input: { ...VALID, certifications: [{ type: 'OTHER' }] } },
  },
  {
    name: 'a date that is not a date',
    field: 'expiresOn',
    query: UPSERT,
    variables: {
      input: { ...VALID, certifications: [{ type: 'OTHER', name: 'x', expiresOn: '31/12/2026' }] },
    },
  },
  {
    name: 'an organization id that is not one',
    field: 'organizationId',
    query: UPSERT,
    variables: { input: { ...VALID, organizationId: 'org-1' } },
  },
  {
    name: 'a peer id that is not one',
    field: 'id',
    query: UPSERT,
    variables: { id: 'peer-7', input: VALID },
  },
  {
    name: 'a match near latitude -91',
    field: 'near.latitude',
    query: MATCH,
    variables: { input: { near: { latitude: -91, longitude: 0 } } },
  },
  {
    name: 'asking for 500 matches',
    field: 'first',
    query: MATCH,
    variables: { input: { first: 500 } },
  },
  {
    name: 'a made-up availability',
    field: 'availability',
    query: UPSERT,
    variables: { input: { ...VALID, availability: 'SOMETIMES' } },
  },
];

describe('bad input is BAD_USER_INPUT naming the field, and changes nothing', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const identity = c.as?.() ?? (c.query === MATCH ? planner() : admin());
      const error = expectError(
        await api().execute(c.query, c.variables, identity),
        'BAD_USER_INPUT',
      );
      expect(error.message).toContain(c.field);
      expect(error.message).not.toMatch(/\bat \w+ \(|node_modules/); // no stack traces
      const { n } = (
        await api()
          .orm.em.getConnection()
          .execute<{ n: string }[]>('select count(*) as n from peer')
      )[0];
      expect(Number(n)).toBe(0);
    });
  }

  it('leaves an existing profile as it was', async () => {
    const peer = await createPeer(api(), { caseloadCapacity: 12 });
    const error = expectError(
      await api().execute(UPSERT, { id: peer.id, input: { caseloadCapacity: -5 } }, admin()),
      'BAD_USER_INPUT',
    );
    expect(error.extensions).toMatchObject({ field: 'caseloadCapacity' });
    expect(await storedPeer(api(), peer.id)).toMatchObject({
      caseload_capacity: 12,
      version: 1,
    });
    await api().orm.em.getConnection().execute('delete from peer');
  });

  it('refuses a resource id that is not one, a blank folder, and a note of a megabyte', async () => {
    const peer = await createPeer(api());
    const me = peerUser(peer.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ r: 'shelter-1' }, 'resourceId'],
      [{ r: randomUUID(), f: '   ' }, 'folder'],
      [{ r: randomUUID(), f: 'x'.repeat(61) }, 'folder'],
      [{ r: randomUUID(), n: 'x'.repeat(1024 * 1024) }, 'note'],
    ];
    for (const [variables, field] of cases) {
      expect(
        expectError(await api().execute(SAVE, variables, me), 'BAD_USER_INPUT').message,
      ).toContain(field);
    }
    const { n } = (
      await api()
        .orm.em.getConnection()
        .execute<{ n: string }[]>('select count(*) as n from saved_resource')
    )[0];
    expect(Number(n)).toBe(0);
    await api().orm.em.getConnection().execute('delete from peer');
  });
});
