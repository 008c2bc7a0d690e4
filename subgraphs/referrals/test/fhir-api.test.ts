import { randomUUID } from 'node:crypto';
import type {
  Bundle,
  CapabilityStatement,
  Consent,
  FhirResource,
  OperationOutcome,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../kit/identity';
import { SDOHCC_CODES, SYSTEMS } from '../referral/referral-fhir';
import { fhirClient, type FhirAnswer } from './fhir-client';
import { fhirResourceErrors } from './fhir-profiles';
import {
  admin,
  consentInput,
  createReferral,
  expectData,
  partnerOf,
  planner,
  READ,
  rows,
  useReferrals,
  type ReadData,
} from './harness';

const api = useReferrals();
const fhir = fhirClient(api);

/** A referral sent to a listing of an organization of its own, with a consent naming it. */
async function sent(over: Record<string, unknown> = {}) {
  const listing = await api().listing();
  const referrer = planner();
  const referral = await createReferral(api(), listing, referrer, {
    needs: ['emergency-shelter', 'substance-use-treatment'],
    consent: consentInput({ information: ['IDENTITY', 'NEEDS'] }),
    ...over,
  });
  return {
    listing,
    referrer,
    referral,
    receiver: partnerOf(listing.organization.id),
    org: listing.organization.id,
  };
}

/** An OperationOutcome with this status and issue type, valid R4. */
async function expectOutcome(answer: FhirAnswer<unknown>, status: number, issue: string) {
  expect({
    status: answer.status,
    issue: (answer.body as OperationOutcome).issue?.[0]?.code,
  }).toEqual({ status, issue });
  await fhir.expectValid(answer, ANONYMOUS);
  expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}

const accept = (task: Task): Task => ({ ...task, status: 'accepted' });

describe('GET /fhir/metadata', () => {
  it('states exactly what is served, and is valid R4', async () => {
    const answer = await fhir.get<CapabilityStatement>('/metadata', ANONYMOUS);
    expect(answer.status).toBe(200);
    await fhir.expectValid(answer, ANONYMOUS);
    const rest = answer.body.rest![0];
    expect(
      rest.resource!.map((r) => [r.type, r.interaction!.map((i) => i.code).join(' ')]),
    ).toEqual([
      ['Task', 'read update search-type'],
      ['ServiceRequest', 'read'],
      ['Consent', 'read'],
      ['Patient', 'read'],
      ['Organization', 'read'],
    ]);
    expect(rest.resource![0].searchParam!.map((p) => p.name)).toEqual([
      'owner',
      'status',
      '_lastUpdated',
      '_count',
    ]);
    expect(answer.body.fhirVersion).toBe('4.0.1');
  });

  it('negative controls: a statement or an outcome that breaks the base rules fails the check', () => {
    const statement: CapabilityStatement = {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026-12-02',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
    };
    expect(fhirResourceErrors(statement)).toEqual(
      expect.arrayContaining([expect.stringMatching(/cpb-1/), expect.stringMatching(/cpb-15/)]),
    );
    const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue: [] };
    expect(fhirResourceErrors(outcome)).toEqual([expect.stringMatching(/issue 1\.\.\*/)]);
    // Not R4 at all: the schema refuses it.
    expect(
      fhirResourceErrors({ resourceType: 'OperationOutcome', issue: [{ severity: 'bad' }] }),
    ).not.toEqual([]);
  });
});

describe('a receiving partner works its Tasks over FHIR', () => {
  it('searches its Tasks by owner and status, reads what they point to, accepts and completes', async () => {
    const { referral, receiver, referrer, org } = await sent();
    const search = await fhir.get<Bundle<FhirResource>>(
      `/Task?owner=Organization/${org}&status=requested`,
      receiver,
    );
    expect(search.status).toBe(200);
    await fhir.expectValid(search, receiver);
    expect(search.body).toMatchObject({ type: 'searchset', total: 1 });
    const task = search.body.entry![0].resource as Task;
    expect(task).toMatchObject({
      id: referral.id,
      status: 'requested',
      focus: { reference: `ServiceRequest/${referral.id}` },
      owner: { reference: `Organization/${org}` },
      meta: { versionId: '1' },
    });

    const request = await fhir.get<ServiceRequest>(`/${task.focus!.reference!}`, receiver);
    await fhir.expectValid(request, receiver);
    // IDENTITY + NEEDS: the shelter need, not substance-use treatment.
    expect(request.body.code!.coding!.map((c) => c.code)).toEqual(['3457005', 'emergency-shelter']);
    const consentRef = request.body.supportingInfo![0].reference!;
    const consent = await fhir.get<Consent>(`/${consentRef}`, receiver);
    await fhir.expectValid(consent, receiver);
    expect(consent.body.status).toBe('active');

    const accepted = await fhir.put<Task>(`/Task/${referral.id}`, receiver, accept(task), {
      'if-match': 'W/"1"',
    });
    expect(accepted.status).toBe(200);
    await fhir.expectValid(accepted, receiver);
    expect(accepted.body).toMatchObject({ status: 'accepted', meta: { versionId: '2' } });
    expect(accepted.headers.get('etag')).toBe('W/"2"');

    const completed = await fhir.put<Task>(`/Task/${referral.id}`, receiver, {
      ...accepted.body,
      status: 'completed',
      output: [
        {
          type: { coding: [{ system: SDOHCC_CODES, code: 'resulting-activity' }] },
          valueCodeableConcept: {
            coding: [{ system: SYSTEMS.outcome, code: 'ENROLLED' }],
            text: 'Bed 4 from tonight',
          },
        },
      ],
    });
    expect(completed.status).toBe(200);
    await fhir.expectValid(completed, receiver);

    const seen = expectData(
      await api().referrals.execute<ReadData>(READ, { id: referral.id }, referrer),
    );
    expect(seen.referral).toMatchObject({
      status: 'COMPLETED',
      outcome: { code: 'ENROLLED', note: 'Bed 4 from tonight' },
    });
    expect(
      seen.referral.history.filter((h) => h.kind === 'STATUS_CHANGED').map((h) => h.to),
    ).toEqual(['ACCEPTED', 'COMPLETED']);
  });

  it('declines with a coded reason and words; without a code the lifecycle refuses (422)', async () => {
    const { referral, receiver } = await sent();
    const task = (await fhir.get<Task>(`/Task/${referral.id}`, receiver)).body;
    const noCode = await fhir.put(`/Task/${referral.id}`, receiver, {
      ...task,
      status: 'rejected',
      statusReason: { text: 'Full tonight' },
    });
    await expectOutcome(noCode, 422, 'business-rule');
    const rejected = await fhir.put<Task>(`/Task/${referral.id}`, receiver, {
      ...task,
      status: 'rejected',
      statusReason: {
        coding: [{ system: SYSTEMS.reason, code: 'NO_CAPACITY' }],
        text: 'Full tonight',
      },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.statusReason).toMatchObject({ text: 'Full tonight' });
    // A closed referral cannot be accepted.
    await expectOutcome(
      await fhir.put(`/Task/${referral.id}`, receiver, accept(rejected.body)),
      422,
      'business-rule',
    );
  });

  it('a stale or missing version is 412, and nothing changes', async () => {
    const { referral, receiver, referrer } = await sent();
    const task = (await fhir.get<Task>(`/Task/${referral.id}`, receiver)).body;
    await expectOutcome(
      await fhir.put(`/Task/${referral.id}`, receiver, accept(task), { 'if-match': 'W/"7"' }),
      412,
      'conflict',
    );
    const { meta: _meta, ...unversioned } = task;
    await expectOutcome(
      await fhir.put(`/Task/${referral.id}`, receiver, accept(unversioned)),
      412,
      'conflict',
    );
    const seen = expectData(
      await api().referrals.execute<ReadData>(READ, { id: referral.id }, referrer),
    );
    expect(seen.referral).toMatchObject({ status: 'REQUESTED', version: 1 });
  });

  it('the same authorization as GraphQL: the referring side may not accept (403), another partner sees nothing (404)', async () => {
    const { referral, receiver, referrer } = await sent();
    const task = (await fhir.get<Task>(`/Task/${referral.id}`, receiver)).body;
    await expectOutcome(
      await fhir.put(`/Task/${referral.id}`, referrer, accept(task)),
      403,
      'forbidden',
    );
    const stranger = partnerOf(randomUUID());
    for (const path of [
      `/Task/${referral.id}`,
      `/ServiceRequest/${referral.id}`,
      `/Patient/${referral.id}`,
      `/Task/${randomUUID()}`,
      '/Task/not-an-id',
    ])
      await expectOutcome(await fhir.get(path, stranger), 404, 'not-found');
    await expectOutcome(
      await fhir.put(`/Task/${referral.id}`, stranger, accept(task)),
      404,
      'not-found',
    );
    const search = await fhir.get<Bundle>(`/Task`, stranger);
    expect(search.body.total).toBe(0);
  });

  it('answers every mistake with an OperationOutcome and its status', async () => {
    const { referral, receiver } = await sent();
    const task = (await fhir.get<Task>(`/Task/${referral.id}`, receiver)).body;
    await expectOutcome(await fhir.get(`/Task/${referral.id}`, ANONYMOUS), 401, 'login');
    await expectOutcome(await fhir.get('/Task?name=x', receiver), 400, 'invalid');
    await expectOutcome(await fhir.get('/Task?_count=0', receiver), 400, 'invalid');
    await expectOutcome(await fhir.get('/Task?_count=500', receiver), 400, 'invalid');
    await expectOutcome(await fhir.get('/Task?status=done', receiver), 400, 'invalid');
    await expectOutcome(await fhir.get('/Task?owner=Organization/x', receiver), 400, 'invalid');
    await expectOutcome(await fhir.get('/Task?_lastUpdated=2026-01-01', receiver), 400, 'invalid');
    await expectOutcome(await fhir.get('/Task?_cursor=garbage', receiver), 400, 'invalid');
    await expectOutcome(
      await fhir.get('/Task?status=accepted&status=requested', receiver),
      400,
      'invalid',
    );
    await expectOutcome(await fhir.get('/Practitioner/1', receiver), 404, 'not-supported');
    const deleted = await fhir.call('DELETE', `/Task/${referral.id}`, receiver);
    await expectOutcome(deleted, 405, 'not-supported');
    expect(deleted.headers.get('allow')).toBe('GET, PUT');
    await expectOutcome(
      await fhir.call('POST', '/Task', receiver, { body: task }),
      405,
      'not-supported',
    );
    // Bodies that are not Tasks, or Tasks of the wrong shape, are 400: never a 500.
    for (const body of [
      'not json',
      { resourceType: 'Patient' },
      { ...task, id: randomUUID() },
      { ...task, status: 'done' },
      { ...task, status: 'accepted', statusReason: 'busy' },
      {
        ...task,
        status: 'rejected',
        statusReason: { coding: [{ system: SYSTEMS.reason, code: 'NOPE' }] },
      },
      { ...task, status: 'completed', output: 5 },
      {
        ...task,
        status: 'completed',
        output: [{ type: { coding: [{ system: SDOHCC_CODES, code: 'resulting-activity' }] } }],
      },
      { ...task, status: 'accepted', meta: { versionId: { v: 1 } } },
    ])
      await expectOutcome(await fhir.put(`/Task/${referral.id}`, receiver, body), 400, 'invalid');
  });

  it('pages with _count and a next link, and filters by _lastUpdated', async () => {
    const { listing, org, receiver } = await sent();
    for (let i = 0; i < 2; i += 1) await createReferral(api(), listing, planner());
    const first = await fhir.get<Bundle>(`/Task?owner=${org}&_count=2`, receiver);
    expect(first.body).toMatchObject({ total: 3 });
    expect(first.body.entry).toHaveLength(2);
    const next = first.body.link!.find((l) => l.relation === 'next')!.url;
    const second = await fhir.get<Bundle>(next.slice(next.indexOf('/Task')), receiver);
    await fhir.expectValid(second, receiver);
    expect(second.body.entry).toHaveLength(1);
    expect(second.body.link!.some((l) => l.relation === 'next')).toBe(false);
    const ids = [...first.body.entry!, ...second.body.entry!].map((e) => e.resource!.id);
    expect(new Set(ids).size).toBe(3);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      (await fhir.get<Bundle>(`/Task?owner=${org}&_lastUpdated=ge${later}`, receiver)).body.total,
    ).toBe(0);
    expect(
      (await fhir.get<Bundle>(`/Task?owner=${org}&_lastUpdated=lt${later}`, receiver)).body.total,
    ).toBe(3);
  });

  it('logs each read with the classes that resource disclosed, and labels substance use Part 2', async () => {
    const { referral, receiver } = await sent({
      consent: consentInput({
        information: ['IDENTITY', 'CONTACT', 'NEEDS', 'SUBSTANCE_USE_TREATMENT'],
      }),
    });
    await fhir.get(`/Task/${referral.id}`, receiver);
    const request = await fhir.get<ServiceRequest>(`/ServiceRequest/${referral.id}`, receiver);
    await fhir.get(`/Patient/${referral.id}`, receiver);
    expect(request.body.meta!.security!.map((s) => s.code)).toEqual(
      expect.arrayContaining(['42CFRPart2', 'R', 'NORDSCLCD']),
    );
    const logged = await rows<{ operation: string; disclosed: string[] }>(
      api(),
      'select operation, disclosed from referral_access where referral_id = ? and accessor = ? order by id',
      [referral.id, receiver.sub],
    );
    expect(logged).toEqual([
      { operation: 'FHIR read Task', disclosed: ['FHIR', 'IDENTITY'] },
      {
        operation: 'FHIR read ServiceRequest',
        disclosed: ['FHIR', 'IDENTITY', 'NEEDS', 'SUBSTANCE_USE_TREATMENT'],
      },
      { operation: 'FHIR read Patient', disclosed: ['FHIR', 'IDENTITY', 'CONTACT'] },
    ]);
  });

  it('admins read and move any referral', async () => {
    const { referral } = await sent();
    const boss = admin();
    const task = await fhir.get<Task>(`/Task/${referral.id}`, boss);
    await fhir.expectValid(task, boss);
    expect(
      (await fhir.put<Task>(`/Task/${referral.id}`, boss, accept(task.body))).body.status,
    ).toBe('accepted');
  });
});
