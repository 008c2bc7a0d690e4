import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../kit/identity';
import { REDISCLOSURE_NOTICE } from '../disclosure';
import {
  admin,
  consentInput,
  createReferral,
  expectData,
  expectError,
  inDays,
  partnerOf,
  peerUser,
  planner,
  rows,
  useReferrals,
} from './harness';

const api = useReferrals();

const PERSON = `query Inbox($id: ID!) { referral(id: $id) { id personDisclosed needs status
  person { ref displayName preferredLanguage contact contactAllowed redisclosureNotice }
  notes { body author } consents { id status recipientOrganizationIds information } } }`;
interface PersonData {
  referral: {
    id: string;
    personDisclosed: boolean;
    needs: string[];
    status: string;
    person: {
      ref: string;
      displayName: string;
      preferredLanguage: string | null;
      contact: string | null;
      contactAllowed: boolean;
      redisclosureNotice: string;
    } | null;
    notes: { body: string; author: string }[];
    consents: {
      id: string;
      status: string;
      recipientOrganizationIds: string[];
      information: string[];
    }[];
  };
}
const RECORD = `mutation($id: ID!, $input: ConsentInput!) { recordConsent(referralId: $id, input: $input) { id status expiresAt recipientOrganizationIds } }`;
interface RecordData {
  recordConsent: {
    id: string;
    status: string;
    expiresAt: string;
    recipientOrganizationIds: string[];
  };
}
const REVOKE = `mutation($id: ID!, $reason: String) { revokeConsent(consentId: $id, reason: $reason) { id status revokedAt revokedBy revocationReason } }`;
interface RevokeData {
  revokeConsent: {
    id: string;
    status: string;
    revokedAt: string | null;
    revokedBy: string | null;
    revocationReason: string | null;
  };
}
const LOG = `query($id: ID!) { referralAccessLog(referralId: $id) { referralId personRef accessor accessorRole accessorOrganizationId operation disclosed requestId } }`;
interface LogData {
  referralAccessLog: {
    referralId: string;
    personRef: string;
    accessor: string;
    accessorRole: string | null;
    accessorOrganizationId: string | null;
    operation: string;
    disclosed: string[];
    requestId: string | null;
  }[];
}
const DISCLOSURES = `query($ref: ID!) { disclosures(personRef: $ref) { referralId accessor at operation } }`;
interface DisclosuresData {
  disclosures: { referralId: string; accessor: string; at: string; operation: string }[];
}
const NOTE = `mutation($id: ID!, $body: String!) { addReferralNote(referralId: $id, body: $body) { id } }`;

async function sent(over: Record<string, unknown> = {}) {
  const listing = await api().listing();
  const hospital = randomUUID();
  const referrer = planner(hospital);
  const receiver = partnerOf(listing.organization.id);
  const referral = await createReferral(api(), listing, referrer, {
    person: {
      displayName: 'Ana R.',
      preferredLanguage: 'es',
      contactMethod: 'PHONE',
      contact: '510-555-0199',
      contactAllowed: true,
      ref: `mrn-${randomUUID()}`,
    },
    ...over,
  });
  return { listing, hospital, referrer, receiver, referral };
}

const read = (id: string, who: Identity) =>
  api().referrals.execute<PersonData>(PERSON, { id }, who);
const logRows = (id: string) =>
  rows<{ accessor: string; operation: string; disclosed: string[] }>(
    api(),
    'select accessor, operation, disclosed from referral_access where referral_id = ? order by id',
    [id],
  );

describe("the person's language", () => {
  it('takes every ISO 639-1 and 639-3 code (Mixtec too), stored one way per language', async () => {
    const person = (preferredLanguage: string) => ({
      person: {
        displayName: 'Ana R.',
        preferredLanguage,
        contactMethod: 'PHONE',
        contact: '510-555-0199',
        contactAllowed: true,
        ref: `mrn-${randomUUID()}`,
      },
    });
    const mixtec = await sent(person('mix'));
    expect(
      expectData(await read(mixtec.referral.id, mixtec.referrer)).referral.person
        ?.preferredLanguage,
    ).toBe('mix');
    const spanish = await sent(person('spa'));
    expect(
      expectData(await read(spanish.referral.id, spanish.referrer)).referral.person
        ?.preferredLanguage,
    ).toBe('es');
  });
});

describe('without a consent covering it, the receiving organization', () => {
  it('sees that the referral exists and its status, but not who nor what they need, and nothing is logged or noticed', async () => {
    const { receiver, referral } = await sent();
    const body = await read(referral.id, receiver);
    expect(expectData(body).referral).toMatchObject({
      personDisclosed: false,
      person: null,
      needs: [],
      status: 'REQUESTED',
    });
    expect(body.extensions?.redisclosureNotice).toBeUndefined();
    expect(await logRows(referral.id)).toEqual([]);
  });

  it('sees only the notes its caller wrote, since notes can identify the person', async () => {
    const { referrer, receiver, referral } = await sent({ notes: 'Ana’s sister is at 12 Elm St.' });
    expectData(
      await api().referrals.execute(
        NOTE,
        { id: referral.id, body: 'We hold a bed until 5pm' },
        receiver,
      ),
    );
    expect(expectData(await read(referral.id, receiver)).referral.notes).toEqual([
      { body: 'We hold a bed until 5pm', author: receiver.sub },
    ]);
    // A colleague may not see the person, so not what someone typed about them either.
    const colleague = partnerOf(receiver.org!);
    expect(expectData(await read(referral.id, colleague)).referral.notes).toEqual([]);
    expect(expectData(await read(referral.id, referrer)).referral.notes).toHaveLength(2);
  });
});

describe('consent', () => {
  it('once recorded, discloses the person to the receiving organization, with the notice, and logs the read', async () => {
    const { referrer, receiver, referral } = await sent();
    const consent = expectData(
      await api().referrals.execute<RecordData>(
        RECORD,
        { id: referral.id, input: consentInput() },
        referrer,
      ),
    ).recordConsent;
    expect(consent).toMatchObject({ status: 'ACTIVE', recipientOrganizationIds: [receiver.org] });

    const body = await read(referral.id, receiver);
    expect(expectData(body).referral).toMatchObject({
      personDisclosed: true,
      person: {
        displayName: 'Ana R.',
        preferredLanguage: 'es',
        contact: '510-555-0199',
        contactAllowed: true,
        redisclosureNotice: REDISCLOSURE_NOTICE,
      },
    });
    expect(body.extensions?.redisclosureNotice).toBe(REDISCLOSURE_NOTICE);
    // One row for the person, one for the needs the consent covers; none for notes, as there are none.
    const logged = await logRows(referral.id);
    expect(logged.sort((a, b) => a.operation.localeCompare(b.operation))).toEqual([
      {
        accessor: receiver.sub,
        operation: 'Referral.needs in query Inbox',
        disclosed: ['NEEDS'],
      },
      {
        accessor: receiver.sub,
        operation: 'Referral.person in query Inbox',
        disclosed: ['IDENTITY', 'CONTACT'],
      },
    ]);
  });

  it('covering identity but not contact shows who, without how to reach them', async () => {
    const { referrer, receiver, referral } = await sent();
    expectData(
      await api().referrals.execute(
        RECORD,
        { id: referral.id, input: consentInput({ information: ['IDENTITY'] }) },
        referrer,
      ),
    );
    expect(expectData(await read(referral.id, receiver)).referral.person).toMatchObject({
      displayName: 'Ana R.',
      contact: null,
    });
    expect((await logRows(referral.id))[0].disclosed).toEqual(['IDENTITY']);
  });

  it('covers only the organizations it names, and the assigned peer only when it says so', async () => {
    const { referrer, receiver, referral } = await sent();
    const peer = peerUser(api().peers.add());
    expectData(
      await api().referrals.execute(
        `mutation($id: ID!, $p: ID) { assignPeer(referralId: $id, peerId: $p) { id } }`,
        { id: referral.id, p: peer.peer },
        referrer,
      ),
    );
    expectData(
      await api().referrals.execute(
        RECORD,
        { id: referral.id, input: consentInput({ recipientOrganizationIds: [randomUUID()] }) },
        referrer,
      ),
    );
    expect(expectData(await read(referral.id, receiver)).referral.person).toBeNull();
    expect(expectData(await read(referral.id, peer)).referral.person).toBeNull();
    expectData(
      await api().referrals.execute(
        RECORD,
        { id: referral.id, input: consentInput({ includesAssignedPeer: true }) },
        referrer,
      ),
    );
    expect(expectData(await read(referral.id, peer)).referral.person?.displayName).toBe('Ana R.');
  });

  it('is revoked on the very next read, by anyone working the referral, and the revocation is an event', async () => {
    const { referrer, receiver, referral } = await sent({ consent: consentInput() });
    expect(expectData(await read(referral.id, receiver)).referral.personDisclosed).toBe(true);
    const [consent] = expectData(await read(referral.id, referrer)).referral.consents;
    const revoked = expectData(
      await api().referrals.execute<RevokeData>(
        REVOKE,
        { id: consent.id, reason: 'Changed her mind' },
        receiver,
      ),
    ).revokeConsent;
    expect(revoked).toMatchObject({
      status: 'REVOKED',
      revokedBy: receiver.sub,
      revocationReason: 'Changed her mind',
    });
    const after = expectData(await read(referral.id, receiver)).referral;
    expect(after).toMatchObject({ personDisclosed: false, person: null });
    const events = await rows(
      api(),
      "select kind from referral_event where referral_id = ? and kind like 'CONSENT%' order by id",
      [referral.id],
    );
    expect(events.map((e) => e.kind)).toEqual(['CONSENT_RECORDED', 'CONSENT_REVOKED']);
  });

  it('stops disclosing once it expires', async () => {
    const { receiver, referral } = await sent({ consent: consentInput() });
    expect(expectData(await read(referral.id, receiver)).referral.personDisclosed).toBe(true);
    // Time passes: the consent's end is now behind us.
    await rows(
      api(),
      "update referral_consent set expires_at = now() - interval '1 second' where referral_id = ?",
      [referral.id],
    );
    const after = expectData(await read(referral.id, receiver)).referral;
    expect(after).toMatchObject({
      personDisclosed: false,
      person: null,
      consents: [{ status: 'EXPIRED' }],
    });
  });

  it('is recorded only by the referring side and admins; others are refused', async () => {
    const { receiver, referral, hospital } = await sent();
    expectError(
      await api().referrals.execute<RecordData>(
        RECORD,
        { id: referral.id, input: consentInput() },
        receiver,
      ),
      'FORBIDDEN',
    );
    expectData(
      await api().referrals.execute(
        RECORD,
        { id: referral.id, input: consentInput() },
        planner(hospital),
      ),
    );
    expectError(
      await api().referrals.execute<RecordData>(
        RECORD,
        { id: referral.id, input: consentInput() },
        planner(),
      ),
      'NOT_FOUND',
    );
    const bad = expectError(
      await api().referrals.execute(
        RECORD,
        { id: referral.id, input: consentInput({ signedAt: inDays(3) }) },
        admin(),
      ),
      'BAD_USER_INPUT',
    );
    expect(bad.extensions?.field).toBe('signedAt');
    expectError(await api().referrals.execute(REVOKE, { id: randomUUID() }, admin()), 'NOT_FOUND');
  });
});

describe('the access log', () => {
  it('has a row for every disclosure: who, when, which referral, which operation; admins read it', async () => {
    const { referrer, receiver, referral } = await sent({ consent: consentInput() });
    await read(referral.id, referrer);
    await read(referral.id, receiver);
    await api().referrals.execute(
      `query Fhir($id: ID!) { referral(id: $id) { fhir } }`,
      { id: referral.id },
      receiver,
    );
    const root = admin();
    const log = expectData(
      await api().referrals.execute<LogData>(LOG, { id: referral.id }, root),
    ).referralAccessLog;
    // Newest first; the bundle's row names every class it held. The referrer's read of the needs
    // they wrote is no disclosure.
    const rowsOf = log.map((r) => [r.accessor, r.operation, r.disclosed]);
    expect(rowsOf[0]).toEqual([
      receiver.sub,
      'Referral.fhir in query Fhir',
      ['FHIR', 'IDENTITY', 'CONTACT', 'NEEDS'],
    ]);
    // The two rows of one read may come in either order.
    expect(rowsOf.slice(1, 3)).toEqual(
      expect.arrayContaining([
        [receiver.sub, 'Referral.needs in query Inbox', ['NEEDS']],
        [receiver.sub, 'Referral.person in query Inbox', ['IDENTITY', 'CONTACT']],
      ]),
    );
    expect(rowsOf.slice(3)).toEqual([
      [referrer.sub, 'Referral.person in query Inbox', ['IDENTITY', 'CONTACT']],
    ]);
    for (const row of log) {
      expect(row.referralId).toBe(referral.id);
      expect(row.accessorRole).toEqual(expect.any(String));
      expect(row.personRef).toMatch(/^mrn-/);
      expect(row.requestId).toBeTruthy();
    }
    expect(log[0].accessorOrganizationId).toBe(receiver.org);
    expectError(
      await api().referrals.execute<LogData>(LOG, { id: referral.id }, referrer),
      'FORBIDDEN',
    );
    expectError(
      await api().referrals.execute<LogData>(LOG, { id: randomUUID() }, root),
      'NOT_FOUND',
    );
  });

  it('cannot be changed or deleted', async () => {
    const { referrer, referral } = await sent();
    await read(referral.id, referrer);
    await expect(
      rows(api(), "update referral_access set accessor = 'nobody' where referral_id = ?", [
        referral.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      rows(api(), 'delete from referral_access where referral_id = ?', [referral.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('keeps one reference from two referring organizations as two people', async () => {
    const ref = `mrn-${randomUUID()}`;
    const person = { displayName: 'Sam', contactMethod: 'IN_PERSON', contactAllowed: false, ref };
    const first = await sent({ person });
    const second = await sent({ person });
    await read(first.referral.id, first.referrer);
    await read(second.referral.id, second.referrer);
    const list = (who: Identity, personRef = ref) =>
      api().referrals.execute<DisclosuresData>(DISCLOSURES, { ref: personRef }, who);
    // Each organization's planners see only their own person's disclosures.
    expect(expectData(await list(first.referrer)).disclosures.map((d) => d.referralId)).toEqual([
      first.referral.id,
    ]);
    expect(expectData(await list(second.referrer)).disclosures.map((d) => d.referralId)).toEqual([
      second.referral.id,
    ]);
    // An admin is never handed the two people's disclosures as one list: the reference is ambiguous
    // until it names the organization.
    expectError(await list(admin()), 'BAD_USER_INPUT');
    for (const { hospital, referral } of [first, second]) {
      const scoped = expectData(await list(admin(), `${hospital}:${ref}`)).disclosures;
      expect(scoped.map((d) => d.referralId)).toEqual([referral.id]);
    }
    // A planner cannot reach another organization's person through the scoped form.
    expect(expectData(await list(first.referrer, `${second.hospital}:${ref}`)).disclosures).toEqual(
      [],
    );
  });

  it('lists a person’s disclosures of the past three years, across their referrals', async () => {
    const ref = `mrn-${randomUUID()}`;
    const person = {
      displayName: 'Lee K.',
      contactMethod: 'IN_PERSON',
      contactAllowed: false,
      ref,
    };
    const { referrer, referral, hospital } = await sent({ person, consent: consentInput() });
    const second = await createReferral(api(), await api().listing(), referrer, { person });
    await read(referral.id, referrer);
    await read(second.id, referrer);
    await rows(
      api(),
      "insert into referral_access (referral_id, person_ref, at, accessor, operation, disclosed) values (?, ?, now() - interval '4 years', 'old-reader', 'Referral.person in query Old', '{IDENTITY}')",
      [referral.id, ref],
    );
    const list = expectData(
      await api().referrals.execute<DisclosuresData>(DISCLOSURES, { ref }, admin()),
    ).disclosures;
    expect(list.map((d) => d.referralId).sort()).toEqual([referral.id, second.id].sort());
    expect(list.map((d) => d.accessor)).not.toContain('old-reader');
    // The referring organization's planners may hand the person their list; others may not see it.
    expect(
      expectData(
        await api().referrals.execute<DisclosuresData>(DISCLOSURES, { ref }, planner(hospital)),
      ).disclosures,
    ).toHaveLength(2);
    expect(
      expectData(
        await api().referrals.execute<DisclosuresData>(DISCLOSURES, { ref }, planner(randomUUID())),
      ).disclosures,
    ).toEqual([]);
    expectError(
      await api().referrals.execute<DisclosuresData>(DISCLOSURES, { ref }, partnerOf(randomUUID())),
      'FORBIDDEN',
    );
  });
});
