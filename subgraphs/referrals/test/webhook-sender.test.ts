import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../../../test/support/webhook-receiver';
import { createReferral, expectData, partnerOf, planner, rows, useReferrals } from './harness';

// Every attempt fails here; an endpoint failing longer than 600 ms is disabled.
const api = useReferrals({
  dispatcher: { pollMs: 50 },
  webhooks: {
    allowedHosts: ['127.0.0.1'],
    retrySchedule: [0, 200, 200, 200, 200, 200, 200, 200],
    disableAfterMs: 600,
    pollMs: 50,
  },
});

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { endpoint { id } } }`;
const LIST = `query($org: ID!) { webhookEndpoints(organizationId: $org) { id enabled disabledReason } }`;
const FEED = '{ notifications(first: 10) { nodes { type link referralId status } } }';

async function endpointFor(org: string, url: string): Promise<string> {
  const data = expectData<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
    await api().referrals.execute(
      CREATE,
      { input: { organizationId: org, url, events: ['REFERRAL_REQUESTED'] } },
      partnerOf(org),
    ),
  );
  return data.createWebhookEndpoint.endpoint.id;
}

describe('the webhook sender', () => {
  it('disables an endpoint that has failed for too long and tells its organization', async () => {
    const listing = await api().listing();
    const org = listing.organization.id;
    receiver.on('/down', { status: 500 });
    await endpointFor(org, receiver.url('/down'));
    await createReferral(api(), listing, planner());
    const state = async () =>
      expectData<{ webhookEndpoints: { enabled: boolean; disabledReason: string | null }[] }>(
        await api().referrals.execute(LIST, { org }, partnerOf(org)),
      ).webhookEndpoints[0];
    await expect
      .poll(state, { timeout: 10_000 })
      .toEqual(expect.objectContaining({ enabled: false, disabledReason: 'FAILING' }));
    const attempts = receiver.at('/down').length;
    expect(attempts).toBeGreaterThan(1);
    const feed = expectData<{ notifications: { nodes: Record<string, unknown>[] } }>(
      await api().referrals.execute(FEED, {}, partnerOf(org)),
    ).notifications.nodes;
    expect(feed).toContainEqual({
      type: 'WEBHOOK_ENDPOINT_DISABLED',
      link: '/org',
      referralId: null,
      status: null,
    });
    // Disabled: a new event makes no message, and nothing more is sent.
    await createReferral(api(), listing, planner());
    const [{ count }] = await rows<{ count: string }>(
      api(),
      `select count(*) from webhook_message m join webhook_endpoint e on e.id = m.endpoint_id
        where e.organization_id = ?`,
      [org],
    );
    expect(Number(count)).toBe(1);
    expect(receiver.at('/down')).toHaveLength(attempts);
  });

  it('checks the address again at delivery: a URL that now points somewhere private is not called', async () => {
    const listing = await api().listing();
    const org = listing.organization.id;
    const endpoint = await endpointFor(org, receiver.url('/moved'));
    // As if its name now resolved to the cloud metadata address.
    await rows(
      api(),
      `update webhook_endpoint set url = 'http://169.254.169.254/latest' where id = ?`,
      [endpoint],
    );
    await createReferral(api(), listing, planner());
    await expect
      .poll(
        async () =>
          (
            await rows<{ error: string }>(
              api(),
              `select a.error from webhook_attempt a join webhook_message m on m.id = a.message_id
                where m.endpoint_id = ?`,
              [endpoint],
            )
          )[0]?.error,
        { timeout: 10_000 },
      )
      .toMatch(/refused: the URL must not point to a private/);
    expect(receiver.at('/moved')).toHaveLength(0);
  });
});
