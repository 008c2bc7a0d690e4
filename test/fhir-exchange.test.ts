import { randomUUID } from 'node:crypto';
import type {
  Bundle,
  Consent,
  FhirResource,
  OperationOutcome,
  ServiceRequest,
  Task,
} from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDOHCC_CODES, SYSTEMS } from '../subgraphs/referrals/referral/referral-fhir';
import { fhirResourceErrors } from '../subgraphs/referrals/test/fhir-profiles';
import { createListing, type Fixture } from './support/fixtures';
import {
  consentInput,
  CREATE_REFERRAL,
  ok,
  referralInput,
  type CreateReferralData,
} from './support/referrals';
import { startStack, type TestStack } from './support/stack';

let stack: TestStack;
let listing: Fixture;
let origin: string;
let planner: string;
let partner: string;
const HOSPITAL = randomUUID();

beforeAll(async () => {
  stack = await startStack();
  origin = new URL(stack.gatewayUrl).origin;
  listing = await createListing(stack.resources.orm);
  planner = await stack.token({ roles: ['discharge_planner'], org: HOSPITAL });
  partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
});
afterAll(() => stack?.stop());

interface Answer<T> {
  status: number;
  type: string;
  headers: Headers;
  body: T;
}

/** A request to the gateway's /fhir as a recipient system sends it. */
async function fhir<T = FhirResource>(
  path: string,
  options: {
    method?: string;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer<T>> {
  const response = await fetch(path.startsWith('http') ? path : `${origin}/fhir${path}`, {
    method: options.method ?? 'GET',
    headers: {
      accept: 'application/fhir+json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body ? { 'content-type': 'application/fhir+json' } : {}),
      ...options.headers,
    },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body: (await response.json()) as T,
  };
}

/** FHIR JSON, valid R4 and meeting its profiles, every reference it makes fetched through the gateway. */
async function expectValid(answer: Answer<unknown>, token: string) {
  expect(answer.type).toMatch(/^application\/fhir\+json/);
  const refs = new Set<string>();
  JSON.stringify(answer.body, (key, value: unknown) => {
    if (key === 'reference' && typeof value === 'string' && /^[A-Z]\w+\/[\w.-]+$/.test(value))
      refs.add(value);
    return value;
  });
  const resolved = new Map<string, FhirResource>();
  for (const ref of refs) {
    const target = await fhir(`/${ref}`, { token });
    if (target.status === 200) resolved.set(ref, target.body);
  }
  expect(fhirResourceErrors(answer.body, (ref) => resolved.get(ref))).toEqual([]);
}

const READ = `query($id: ID!) { referral(id: $id) { status version outcome { code note } person { displayName } } }`;
interface ReadData {
  referral: {
    status: string;
    version: number;
    outcome: { code: string; note: string | null } | null;
    person: { displayName: string } | null;
  };
}

describe('a referral recipient system over /fhir, through the gateway', () => {
  it('searches its Tasks, reads the ServiceRequest and Consent, accepts, completes; the planner sees it in GraphQL', async () => {
    const created = ok(
      await stack.gql<CreateReferralData>(
        CREATE_REFERRAL,
        { input: referralInput(listing, { consent: consentInput() }), key: randomUUID() },
        planner,
      ),
    ).createReferral;

    const search = await fhir<Bundle>(
      `/Task?owner=Organization/${listing.organization.id}&status=requested&_count=50`,
      { token: partner },
    );
    expect(search.status).toBe(200);
    await expectValid(search, partner);
    const entry = search.body.entry!.find((e) => e.resource!.id === created.id)!;
    // Links and fullUrls name the gateway, where the client can follow them.
    expect(entry.fullUrl).toBe(`${origin}/fhir/Task/${created.id}`);
    expect(search.body.link![0].url).toMatch(new RegExp(`^${origin}/fhir/Task\\?`));
    const task = entry.resource as Task;

    const request = await fhir<ServiceRequest>(`/${task.focus!.reference!}`, { token: partner });
    expect(request.status).toBe(200);
    await expectValid(request, partner);
    const consent = await fhir<Consent>(`/${request.body.supportingInfo![0].reference!}`, {
      token: partner,
    });
    expect(consent.status).toBe(200);
    await expectValid(consent, partner);

    const read = await fhir<Task>(`/Task/${created.id}`, { token: partner });
    const accepted = await fhir<Task>(`/Task/${created.id}`, {
      method: 'PUT',
      token: partner,
      body: { ...read.body, status: 'accepted' },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(accepted.status).toBe(200);
    await expectValid(accepted, partner);
    expect(accepted.headers.get('etag')).toBe('W/"2"');

    const completed = await fhir<Task>(`/Task/${created.id}`, {
      method: 'PUT',
      token: partner,
      body: {
        ...accepted.body,
        status: 'completed',
        output: [
          {
            type: { coding: [{ system: SDOHCC_CODES, code: 'resulting-activity' }] },
            valueCodeableConcept: {
              coding: [{ system: SYSTEMS.outcome, code: 'SERVICE_PROVIDED' }],
              text: 'Checked in at 9 pm',
            },
          },
        ],
      },
      headers: { 'if-match': accepted.headers.get('etag')! },
    });
    expect(completed.status).toBe(200);
    await expectValid(completed, partner);
    expect(completed.body.status).toBe('completed');

    const seen = ok(await stack.gql<ReadData>(READ, { id: created.id }, planner)).referral;
    expect(seen).toMatchObject({
      status: 'COMPLETED',
      version: 3,
      outcome: { code: 'SERVICE_PROVIDED', note: 'Checked in at 9 pm' },
    });
  });

  it('answers a missing or bad credential, a stale version and a path it does not serve with an OperationOutcome, and no CORS', async () => {
    const created = ok(
      await stack.gql<CreateReferralData>(
        CREATE_REFERRAL,
        { input: referralInput(listing), key: randomUUID() },
        planner,
      ),
    ).createReferral;
    const cases: [Answer<OperationOutcome>, number, string][] = [
      [await fhir(`/Task/${created.id}`), 401, 'login'],
      [await fhir(`/Task/${created.id}`, { token: 'not-a-token' }), 401, 'login'],
      [
        await fhir(`/Task/${created.id}`, {
          method: 'PUT',
          token: partner,
          body: { resourceType: 'Task', status: 'accepted' },
          headers: { 'if-match': 'W/"9"' },
        }),
        412,
        'conflict',
      ],
      [await fhir('/Task?color=blue', { token: partner }), 400, 'invalid'],
      [await fhir('/Observation', { token: partner }), 404, 'not-supported'],
      [
        await fhir(`/Task/${created.id}`, { method: 'DELETE', token: partner }),
        405,
        'not-supported',
      ],
    ];
    for (const [answer, status, issue] of cases) {
      expect({ status: answer.status, issue: answer.body.issue?.[0]?.code }).toEqual({
        status,
        issue,
      });
      await expectValid(answer, partner);
    }
    const fromBrowser = await fhir('/metadata', {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(fromBrowser.status).toBe(200);
    await expectValid(fromBrowser, partner);
    expect(fromBrowser.headers.get('access-control-allow-origin')).toBeNull();
  });
});
