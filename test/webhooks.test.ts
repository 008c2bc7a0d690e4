import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListing, type Fixture } from './support/fixtures';
import { codeOf, createReferral, ok } from './support/referrals';
import { startStack, type TestStack } from './support/stack';
import { startReceiver, type Receiver } from './support/webhook-receiver';

let stack: TestStack;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  stack = await startStack(
    {},
    {
      subgraphOptions: {
        referrals: {
          dispatcher: { pollMs: 50 },
          // The production schedule in milliseconds: four attempts, 300 ms apart.
          webhooks: {
            allowedHosts: ['127.0.0.1'],
            retrySchedule: [0, 300, 300, 300],
            pollMs: 50,
            timeoutMs: 5000,
          },
        },
      },
    },
  );
});
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

const ENDPOINT =
  'id organizationId url events enabled disabledReason failingSince previousSecretExpiresAt';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT} } } }`;
const LIST = `query($org: ID!) { webhookEndpoints(organizationId: $org) { ${ENDPOINT} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(id: $id, input: $input) { ${ENDPOINT} } }`;
const ROTATE = `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { ${ENDPOINT} } } }`;
const DELETE = `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(endpointId: $id, first: 20) {
  totalCount nodes { id eventType referralId status attempts { succeeded responseStatus durationMs error attemptedAt } } } }`;
const REDELIVER = `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }`;
const ACCEPT = `mutation($id: ID!) { transitionReferral(id: $id, to: ACCEPTED, expectedVersion: 1) { id } }`;

interface Endpoint {
  id: string;
  organizationId: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  previousSecretExpiresAt: string | null;
}
interface Delivery {
  id: string;
  eventType: string;
  referralId: string;
  status: string;
  attempts: { succeeded: boolean; responseStatus: number | null; error: string | null }[];
}

interface Org {
  listing: Fixture;
  partner: string;
  planner: string;
  endpoint(path: string, events?: string[]): Promise<{ endpoint: Endpoint; secret: string }>;
  refer(): Promise<{ id: string }>;
  deliveries(endpointId: string): Promise<Delivery[]>;
}

/** A receiving organization with a listing, one of its partners, and a planner who refers to it. */
async function org(): Promise<Org> {
  const listing = await createListing(stack.resources.orm);
  const partner = await stack.token({ roles: ['partner'], org: listing.organization.id });
  const planner = await stack.token({ roles: ['discharge_planner'], org: randomUUID() });
  return {
    listing,
    partner,
    planner,
    async endpoint(path, events = ['REFERRAL_REQUESTED', 'REFERRAL_ACCEPTED']) {
      const input = { organizationId: listing.organization.id, url: receiver.url(path), events };
      const data = ok(
        await stack.gql<{ createWebhookEndpoint: { endpoint: Endpoint; secret: string } }>(
          CREATE,
          { input },
          partner,
        ),
      );
      return data.createWebhookEndpoint;
    },
    refer: () => createReferral(stack, listing, planner),
    async deliveries(endpointId) {
      const data = ok(
        await stack.gql<{ webhookDeliveries: { nodes: Delivery[] } }>(
          DELIVERIES,
          { id: endpointId },
          partner,
        ),
      );
      return data.webhookDeliveries.nodes;
    },
  };
}

const path = (name: string) => `/${name}/${randomUUID()}`;
const verify = (secret: string, r: { body: string; headers: Record<string, string> }) =>
  new Webhook(secret).verify(r.body, r.headers);

describe('webhook endpoints', () => {
  it('are created with a secret shown once, listed, updated, rotated and deleted', async () => {
    const o = await org();
    const created = await o.endpoint(path('crud'));
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(created.endpoint).toMatchObject({ enabled: true, disabledReason: null });
    const list = async () =>
      ok(
        await stack.gql<{ webhookEndpoints: Endpoint[] }>(
          LIST,
          { org: o.listing.organization.id },
          o.partner,
        ),
      ).webhookEndpoints;
    expect(await list()).toEqual([created.endpoint]);

    const off = ok(
      await stack.gql<{ updateWebhookEndpoint: Endpoint }>(
        UPDATE,
        { id: created.endpoint.id, input: { enabled: false, events: ['REFERRAL_COMPLETED'] } },
        o.partner,
      ),
    ).updateWebhookEndpoint;
    expect(off).toMatchObject({
      enabled: false,
      disabledReason: 'MANUAL',
      events: ['REFERRAL_COMPLETED'],
    });
    const on = ok(
      await stack.gql<{ updateWebhookEndpoint: Endpoint }>(
        UPDATE,
        { id: created.endpoint.id, input: { enabled: true } },
        o.partner,
      ),
    ).updateWebhookEndpoint;
    expect(on).toMatchObject({ enabled: true, disabledReason: null });

    const rotated = ok(
      await stack.gql<{ rotateWebhookSecret: { secret: string; endpoint: Endpoint } }>(
        ROTATE,
        { id: created.endpoint.id },
        o.partner,
      ),
    ).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(created.secret);
    expect(Date.parse(rotated.endpoint.previousSecretExpiresAt ?? '')).toBeGreaterThan(Date.now());

    expect(ok(await stack.gql(DELETE, { id: created.endpoint.id }, o.partner))).toEqual({
      deleteWebhookEndpoint: created.endpoint.id,
    });
    expect(await list()).toEqual([]);
    expect(codeOf(await stack.gql(DELETE, { id: created.endpoint.id }, o.partner))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuse a URL that is not one, not http(s), or private, naming the field', async () => {
    const o = await org();
    for (const url of [
      'not a url',
      'ftp://example.org/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/hook',
      'https://user:pw@example.org/hook',
    ]) {
      const res = await stack.gql(
        CREATE,
        {
          input: { organizationId: o.listing.organization.id, url, events: ['REFERRAL_REQUESTED'] },
        },
        o.partner,
      );
      expect(codeOf(res), url).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.extensions?.field, url).toBe('input.url');
    }
  });

  it("are another organization's business only as FORBIDDEN; anonymous callers must sign in", async () => {
    const o = await org();
    const { endpoint } = await o.endpoint(path('access'));
    const stranger = await stack.token({ roles: ['partner'], org: randomUUID() });
    const input = {
      organizationId: o.listing.organization.id,
      url: receiver.url('/x'),
      events: ['REFERRAL_REQUESTED'],
    };
    expect(codeOf(await stack.gql(CREATE, { input }, stranger))).toBe('FORBIDDEN');
    expect(codeOf(await stack.gql(CREATE, { input }, o.planner))).toBe('FORBIDDEN');
    expect(codeOf(await stack.gql(LIST, { org: o.listing.organization.id }, stranger))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(await stack.gql(UPDATE, { id: endpoint.id, input: { enabled: false } }, stranger)),
    ).toBe('FORBIDDEN');
    expect(codeOf(await stack.gql(ROTATE, { id: endpoint.id }, stranger))).toBe('FORBIDDEN');
    expect(codeOf(await stack.gql(DELETE, { id: endpoint.id }, stranger))).toBe('FORBIDDEN');
    expect(codeOf(await stack.gql(DELIVERIES, { id: endpoint.id }, stranger))).toBe('FORBIDDEN');
    expect(codeOf(await stack.gql(LIST, { org: o.listing.organization.id }))).toBe(
      'UNAUTHENTICATED',
    );
    const admin = await stack.token({ roles: ['admin'] });
    expect(
      ok(
        await stack.gql<{ webhookEndpoints: Endpoint[] }>(
          LIST,
          { org: o.listing.organization.id },
          admin,
        ),
      ).webhookEndpoints,
    ).toHaveLength(1);
  });
});

describe('webhook delivery', () => {
  it('signs each event as Standard Webhooks specifies, without personal fields; old and new secrets both sign during a rotation', async () => {
    const o = await org();
    const where = path('ok');
    const { endpoint, secret } = await o.endpoint(where);
    const referral = await o.refer();
    await expect.poll(() => receiver.at(where).length, { timeout: 10_000 }).toBe(1);
    const [first] = receiver.at(where);
    expect(first.headers['webhook-id']).toMatch(/^msg_/);
    expect(verify(secret, first)).toMatchObject({
      type: 'referral.requested',
      data: { referralId: referral.id, status: 'REQUESTED', eventType: 'REFERRAL_REQUESTED' },
    });
    expect(first.body).not.toMatch(/displayName|person|Maria/i);

    const rotated = ok(
      await stack.gql<{ rotateWebhookSecret: { secret: string } }>(
        ROTATE,
        { id: endpoint.id },
        o.partner,
      ),
    ).rotateWebhookSecret.secret;
    ok(await stack.gql(ACCEPT, { id: referral.id }, o.partner));
    await expect.poll(() => receiver.at(where).length, { timeout: 10_000 }).toBe(2);
    const second = receiver.at(where)[1];
    expect(verify(rotated, second)).toMatchObject({ type: 'referral.accepted' });
    expect(verify(secret, second)).toMatchObject({ type: 'referral.accepted' });
    expect(() =>
      verify(secret, { ...second, body: second.body.replace('ACCEPTED', 'REJECTED') }),
    ).toThrow();

    // The receiver has the request before the sender has written down its answer: wait for that.
    await expect
      .poll(
        async () =>
          (await o.deliveries(endpoint.id)).map((d) => [
            d.eventType,
            d.status,
            d.attempts.map((a) => a.responseStatus),
          ]),
        { timeout: 5000 },
      )
      .toEqual([
        ['REFERRAL_ACCEPTED', 'DELIVERED', [200]],
        ['REFERRAL_REQUESTED', 'DELIVERED', [200]],
      ]);
  });

  it('retries a failing receiver under the same webhook-id until it answers, honouring Retry-After', async () => {
    const o = await org();
    const where = path('flaky');
    receiver.on(where, (n) =>
      n === 1
        ? { status: 503, headers: { 'retry-after': '1' } }
        : n === 2
          ? { status: 500 }
          : { status: 204 },
    );
    const { endpoint, secret } = await o.endpoint(where);
    await o.refer();
    await expect.poll(() => receiver.at(where).length, { timeout: 15_000 }).toBe(3);
    const ids = new Set(receiver.at(where).map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const r of receiver.at(where)) verify(secret, r);
    const stamps = receiver.at(where).map((r) => Number(r.headers['webhook-timestamp']));
    // Retry-After: 1 s was honoured over the 300 ms schedule.
    expect(stamps[1] - stamps[0]).toBeGreaterThanOrEqual(1);
    await expect
      .poll(async () => (await o.deliveries(endpoint.id))[0]?.status, { timeout: 5000 })
      .toBe('DELIVERED');
    const [delivery] = await o.deliveries(endpoint.id);
    expect(delivery.attempts.map((a) => [a.succeeded, a.responseStatus])).toEqual([
      [false, 503],
      [false, 500],
      [true, 204],
    ]);
  });

  it('counts a redirect as a failure and never follows it; gives up after the last attempt', async () => {
    const o = await org();
    const where = path('redirect');
    const target = path('redirected');
    receiver.on(where, { status: 302, headers: { location: receiver.url(target) } });
    const { endpoint } = await o.endpoint(where);
    await o.refer();
    await expect
      .poll(async () => (await o.deliveries(endpoint.id))[0]?.status, { timeout: 15_000 })
      .toBe('FAILED');
    const [delivery] = await o.deliveries(endpoint.id);
    expect(delivery.attempts.map((a) => a.responseStatus)).toEqual([302, 302, 302, 302]);
    expect(delivery.attempts[0].error).toMatch(/redirect/);
    expect(receiver.at(target)).toHaveLength(0);
  });

  it('disables an endpoint that answers 410 Gone and tells its organization in the feed', async () => {
    const o = await org();
    const where = path('gone');
    receiver.on(where, { status: 410 });
    const { endpoint } = await o.endpoint(where);
    await o.refer();
    await expect
      .poll(
        async () =>
          ok(
            await stack.gql<{ webhookEndpoints: Endpoint[] }>(
              LIST,
              { org: o.listing.organization.id },
              o.partner,
            ),
          ).webhookEndpoints[0].disabledReason,
        { timeout: 10_000 },
      )
      .toBe('GONE');
    expect(receiver.at(where)).toHaveLength(1);
    const feed = ok(
      await stack.gql<{
        notifications: { nodes: { type: string; link: string; referralId: string | null }[] };
      }>('{ notifications(first: 20) { nodes { type link referralId } } }', {}, o.partner),
    ).notifications.nodes;
    expect(feed).toContainEqual({
      type: 'WEBHOOK_ENDPOINT_DISABLED',
      link: '/org',
      referralId: null,
    });
    // A disabled endpoint receives nothing more, and cannot be redelivered to until enabled.
    await o.refer();
    const [delivery] = await o.deliveries(endpoint.id);
    expect(codeOf(await stack.gql(REDELIVER, { id: delivery.id }, o.partner))).toBe('CONFLICT');
  });

  it('redelivers a delivery under its webhook-id', async () => {
    const o = await org();
    const where = path('again');
    const { endpoint } = await o.endpoint(where);
    await o.refer();
    await expect.poll(() => receiver.at(where).length, { timeout: 10_000 }).toBe(1);
    await expect
      .poll(async () => (await o.deliveries(endpoint.id))[0]?.status, { timeout: 5000 })
      .toBe('DELIVERED');
    const [delivery] = await o.deliveries(endpoint.id);
    ok(await stack.gql(REDELIVER, { id: delivery.id }, o.partner));
    await expect.poll(() => receiver.at(where).length, { timeout: 10_000 }).toBe(2);
    expect(receiver.at(where).map((r) => r.headers['webhook-id'])).toEqual([
      delivery.id,
      delivery.id,
    ]);
    const stranger = await stack.token({ roles: ['partner'], org: randomUUID() });
    expect(codeOf(await stack.gql(REDELIVER, { id: delivery.id }, stranger))).toBe('FORBIDDEN');
  });

  it('a receiver that hangs holds up neither the API nor other endpoints', async () => {
    const o = await org();
    const hang = path('hang');
    const fine = path('fine');
    receiver.on(hang, 'hang');
    await o.endpoint(hang);
    await o.endpoint(fine);
    await o.refer();
    await expect.poll(() => receiver.hanging(), { timeout: 10_000 }).toBeGreaterThan(0);
    // While the hung request is still open, referrals are made and the other endpoint is served.
    await o.refer();
    await o.refer();
    await expect.poll(() => receiver.at(fine).length, { timeout: 10_000 }).toBe(3);
    expect(receiver.hanging()).toBeGreaterThan(0);
    receiver.release();
  });
});
