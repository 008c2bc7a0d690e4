import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../kit/identity';
import { ResourceStatus } from '../../resources/resource/resource.enums';
import {
  admin,
  consentInput,
  CREATE,
  createReferral,
  expectData,
  expectError,
  inDays,
  partnerOf,
  peerUser,
  planner,
  referralInput,
  rows,
  useReferrals,
  type CreateData,
} from './harness';

const api = useReferrals();

describe('createReferral', () => {
  it('refers a person to an active listing that accepts referrals, sent to its organization', async () => {
    const listing = await api().listing();
    const who = planner();
    const created = await createReferral(api(), listing, who);
    expect(created).toMatchObject({
      status: 'REQUESTED',
      version: 1,
      needs: ['emergency-shelter'],
      urgency: 'URGENT',
      setting: 'HOSPITAL',
      resourceId: listing.resource.id,
      locationId: listing.location.id,
      receivingOrganizationId: listing.organization.id,
      personDisclosed: true,
      referrer: { userId: who.sub, role: 'discharge_planner', organizationId: who.org },
      allowedTransitions: ['CANCELLED', 'ENTERED_IN_ERROR'],
      history: [
        {
          kind: 'CREATED',
          actor: who.sub,
          actorRole: 'discharge_planner',
          from: null,
          to: 'REQUESTED',
        },
      ],
    });
    expect(created.requestedAt).toBeTruthy();
  });

  it('keeps a draft unsent: no requestedAt, and its referrer can send it later', async () => {
    const listing = await api().listing();
    const created = await createReferral(api(), listing, planner(), { draft: true });
    expect(created).toMatchObject({ status: 'DRAFT', requestedAt: null });
    expect(created.allowedTransitions).toEqual(['REQUESTED', 'CANCELLED', 'ENTERED_IN_ERROR']);
  });

  it('lets peers and admins refer, but not partners; anonymous callers must sign in', async () => {
    const listing = await api().listing();
    await createReferral(api(), listing, peerUser());
    await createReferral(api(), listing, admin());
    const input = referralInput(listing);
    expectError(
      await api().referrals.execute(
        CREATE,
        { input, key: 'k' },
        partnerOf(listing.organization.id),
      ),
      'FORBIDDEN',
    );
    expectError(
      await api().referrals.execute(CREATE, { input, key: 'k' }, ANONYMOUS),
      'UNAUTHENTICATED',
    );
  });

  it('records the first note and a consent given with it', async () => {
    const listing = await api().listing();
    const created = await createReferral(api(), listing, planner(), {
      notes: 'Uses a wheelchair; needs a ground-floor bed.',
      consent: consentInput(),
    });
    expect(created.history.map((h) => h.kind)).toEqual(['CREATED', 'CONSENT_RECORDED']);
    const [consent] = await rows(api(), 'select * from referral_consent where referral_id = ?', [
      created.id,
    ]);
    expect(consent).toMatchObject({
      recipient_organization_ids: [listing.organization.id],
      information: ['IDENTITY', 'CONTACT', 'NEEDS'],
      revocation_acknowledged: true,
    });
    const notes = await rows(api(), 'select body from referral_note where referral_id = ?', [
      created.id,
    ]);
    expect(notes).toEqual([{ body: 'Uses a wheelchair; needs a ground-floor bed.' }]);
  });
});

describe('idempotent create', () => {
  it('returns the same referral when retried with the same key, and writes one', async () => {
    const listing = await api().listing();
    const who = planner();
    const vars = { input: referralInput(listing), key: `retry-${randomUUID()}` };
    const first = expectData(
      await api().referrals.execute<CreateData>(CREATE, vars, who),
    ).createReferral;
    const second = expectData(
      await api().referrals.execute<CreateData>(CREATE, vars, who),
    ).createReferral;
    expect(second.id).toBe(first.id);
    const [{ n }] = await rows(
      api(),
      'select count(*)::int as n from referral where created_by = ?',
      [who.sub],
    );
    expect(n).toBe(1);
  });

  it('returns one referral to twenty concurrent retries', async () => {
    const listing = await api().listing();
    const who = planner();
    const vars = { input: referralInput(listing), key: `burst-${randomUUID()}` };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => api().referrals.execute<CreateData>(CREATE, vars, who)),
    );
    const ids = new Set(results.map((r) => expectData(r).createReferral.id));
    expect(ids.size).toBe(1);
    const [{ n }] = await rows(
      api(),
      'select count(*)::int as n from referral where created_by = ?',
      [who.sub],
    );
    expect(n).toBe(1);
    const [{ e }] = await rows(
      api(),
      'select count(*)::int as e from referral_event where referral_id = ?',
      [[...ids][0]],
    );
    expect(e).toBe(1);
  });

  it('refuses a key reused for a different referral, and the same key is another user’s own', async () => {
    const listing = await api().listing();
    const who = planner();
    const key = `reuse-${randomUUID()}`;
    expectData(await api().referrals.execute(CREATE, { input: referralInput(listing), key }, who));
    const other = referralInput(listing, { urgency: 'ROUTINE' });
    const error = expectError(
      await api().referrals.execute(CREATE, { input: other, key }, who),
      'CONFLICT',
    );
    expect(error.message).toMatch(/idempotency key/);
    // Keys are per referrer: someone else's identical key is a new referral.
    expectData(
      await api().referrals.execute(CREATE, { input: referralInput(listing), key }, planner()),
    );
  });
});

describe('bad input is BAD_USER_INPUT naming the field', () => {
  const cases: [
    string,
    (l: Awaited<ReturnType<ReturnType<typeof api>['listing']>>) => Record<string, unknown>,
    string,
    RegExp,
  ][] = [
    [
      'an unknown resource',
      () => ({ resourceId: randomUUID() }),
      'resourceId',
      /no resource has this id/,
    ],
    ['a resource id that is not a UUID', () => ({ resourceId: 'shelter-1' }), 'resourceId', /UUID/],
    [
      'a past discharge date',
      () => ({ expectedDischargeAt: inDays(-1) }),
      'expectedDischargeAt',
      /past/,
    ],
    [
      'a blank name',
      (l) => ({ person: { ...referralInput(l).person, displayName: '  ' } }),
      'person.displayName',
      /blank/,
    ],
    [
      'a phone contact that is not a number',
      (l) => ({ person: { ...referralInput(l).person, contact: 'call me' } }),
      'person.contact',
      /phone/,
    ],
    [
      'an unknown need',
      () => ({ needs: ['emergency-shelter', 'spaceships'] }),
      'needs[1]',
      /not a category/,
    ],
    ['no needs', () => ({ needs: [] }), 'needs', /at least 1/],
    [
      'a location of another listing',
      () => ({ locationId: randomUUID() }),
      'locationId',
      /not a location/,
    ],
    ['a 10,000-character note', () => ({ notes: 'x'.repeat(10_000) }), 'notes', /4000/],
    [
      'a consent without revocation acknowledged',
      () => ({ consent: consentInput({ revocationAcknowledged: false }) }),
      'consent.revocationAcknowledged',
      /revoke/,
    ],
    [
      'a consent that has expired',
      () => ({ consent: consentInput({ expiresAt: inDays(-1) }) }),
      'consent.expiresAt',
      /future/,
    ],
  ];
  for (const [what, change, field, message] of cases) {
    it(`refuses ${what}`, async () => {
      const listing = await api().listing();
      const input = { ...referralInput(listing), ...change(listing) };
      const error = expectError(
        await api().referrals.execute(CREATE, { input, key: randomUUID() }, planner()),
        'BAD_USER_INPUT',
      );
      expect(error.extensions?.field).toBe(field);
      expect(error.message).toMatch(message);
    });
  }

  it('refuses an inactive listing, a temporarily closed one, and one that takes no referrals, saying which', async () => {
    const inactive = await api().listing({ status: ResourceStatus.INACTIVE });
    const closed = await api().listing({ status: ResourceStatus.TEMPORARILY_CLOSED });
    const noReferrals = await api().listing();
    await api()
      .resources.orm.em.fork()
      .getConnection()
      .execute('update resource set accepts_referrals = false where id = ?', [
        noReferrals.resource.id,
      ]);
    const refuse = async (l: typeof inactive, message: RegExp) => {
      const error = expectError(
        await api().referrals.execute(
          CREATE,
          { input: referralInput(l), key: randomUUID() },
          planner(),
        ),
        'BAD_USER_INPUT',
      );
      expect(error.extensions?.field).toBe('resourceId');
      expect(error.message).toMatch(message);
    };
    await refuse(inactive, /is inactive \(INACTIVE\)/);
    await refuse(closed, /temporarily closed/);
    await refuse(noReferrals, /does not accept referrals/);
    const [{ n }] = await rows(
      api(),
      'select count(*)::int as n from referral where resource_id in (?)',
      [[inactive.resource.id, closed.resource.id, noReferrals.resource.id]],
    );
    expect(n).toBe(0);
  });

  it('refuses a blank idempotency key', async () => {
    const listing = await api().listing();
    const error = expectError(
      await api().referrals.execute(
        CREATE,
        { input: referralInput(listing), key: '  ' },
        planner(),
      ),
      'BAD_USER_INPUT',
    );
    expect(error.extensions?.field).toBe('idempotencyKey');
  });
});
