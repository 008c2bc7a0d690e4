import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RESPONSE_TARGET,
  referralDeadlines,
} from '../subgraphs/referrals/clock/business-hours';
import { signIdentity } from '../subgraphs/kit/identity';
import { serviceIdentity } from '../subgraphs/kit/service-client';
import type { ReferralsServices } from '../subgraphs/referrals/services';
import { createUser, startMailServer, type ReceivedMail } from './accounts/support';
import { createListing, type Fixture } from './support/fixtures';
import { codeOf, createReferral, ok } from './support/referrals';
import { startStack, type TestStack } from './support/stack';

type MailServer = Awaited<ReturnType<typeof startMailServer>>;

const PUBLIC_URL = 'http://hub.example.org';
/** The clock the referrals subgraph reads: the digest and clock tests move it. */
let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };

let stack: TestStack;
let mail: MailServer;

beforeAll(async () => {
  mail = await startMailServer();
  stack = await startStack(
    {},
    {
      subgraphOptions: {
        referrals: {
          smtpUrl: mail.url,
          publicUrl: PUBLIC_URL,
          dispatcher: { pollMs: 100, firstRetryMs: 200, maxRetryMs: 500 },
          clock,
          // The tests sweep the clock and the digests themselves, at the times they choose.
          sweepMs: false,
        },
      },
    },
  );
});

afterAll(async () => {
  await stack?.stop();
  await mail?.close();
});

const referralsServices = () => stack.subgraphs.referrals.services as ReferralsServices;

/** A mail's subject, its MIME encoded words (=?UTF-8?Q?...?= / ?B?) decoded. */
function subjectOf(mail: ReceivedMail): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail.raw)?.[1] ?? '';
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => `%${hex}`)
              .split(/(%[0-9A-F]{2})/i)
              .flatMap((part) =>
                /^%[0-9A-F]{2}$/i.test(part)
                  ? [parseInt(part.slice(1), 16)]
                  : [...Buffer.from(part, 'utf8')],
              ),
          ).toString('utf8'),
    )
    .replace(/\r?\n[ \t]/g, ' ');
}

const matches = (m: ReceivedMail, to: string, subject: string) =>
  m.to.includes(to.toLowerCase()) && subjectOf(m).startsWith(subject);

/** Mail to `to` whose subject starts with `subject`, taken from what arrived (waits up to 15 s). */
async function mailTo(to: string, subject: string, timeoutMs = 15_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const index = mail.received.findIndex((m) => matches(m, to, subject));
    if (index >= 0) return mail.received.splice(index, 1)[0];
    if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const mailsTo = (to: string, subject: string) =>
  mail.received.filter((m) => matches(m, to, subject)).length;

/** Until every email delivery is done (none pending, none leased). */
async function emailDrained(timeoutMs = 15_000): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await stack.subgraphs.referrals.orm.em
            .fork()
            .getConnection()
            .execute<{ n: number }[]>(
              `select count(*)::int as n from notification_delivery
                where channel = 'EMAIL' and delivered_at is null`,
            )
        )[0].n,
      { timeout: timeoutMs, interval: 200 },
    )
    .toBe(0);
}

interface Loop {
  listing: Fixture;
  planner: { id: string; email: string; token: string };
  partner: { id: string; email: string; token: string };
}

/** A planner and a partner with accounts (so with addresses), and a listing of the partner's. */
async function loop(): Promise<Loop> {
  const listing = await createListing(stack.resources.orm);
  const org = listing.organization.id;
  const plannerOrg = randomUUID();
  const plannerUser = await createUser(stack, {
    roles: ['discharge_planner'],
    organizationId: plannerOrg,
  });
  const partnerUser = await createUser(stack, { roles: ['partner'], organizationId: org });
  return {
    listing,
    planner: {
      ...plannerUser,
      token: await stack.token({
        sub: plannerUser.id,
        roles: ['discharge_planner'],
        org: plannerOrg,
      }),
    },
    partner: {
      ...partnerUser,
      token: await stack.token({ sub: partnerUser.id, roles: ['partner'], org }),
    },
  };
}

const MOVE = `mutation($id: ID!, $to: ReferralStatus!, $v: Int!) {
  transitionReferral(id: $id, to: $to, expectedVersion: $v) { version } }`;
const SET_PREFERENCES = `mutation($input: NotificationPreferencesInput!) {
  setNotificationPreferences(input: $input) { language digestHour timeZone ownTimeZone email { type delivery } } }`;

async function move(token: string, id: string, to: string, v: number): Promise<number> {
  return ok(
    await stack.gql<{ transitionReferral: { version: number } }>(MOVE, { id, to, v }, token),
  ).transitionReferral.version;
}

describe('notifications by email', () => {
  it('mails each person concerned what changed, with a link and nothing about the person referred', async () => {
    const { listing, planner, partner } = await loop();
    const referral = await createReferral(stack, listing, planner.token);

    const sent = await mailTo(partner.email, 'A referral was sent');
    expect(sent.text).toContain(`${PUBLIC_URL}/inbox?referral=${referral.id}`);
    expect(sent.text).toContain('Status now: Sent');
    // The person referred (referralInput: Maria G., a phone number) is never in a mail.
    expect(sent.raw).not.toMatch(/Maria|555 0100|shelter/i);

    await move(partner.token, referral.id, 'ACCEPTED', referral.version);
    const accepted = await mailTo(planner.email, 'A referral was accepted');
    expect(accepted.text).toContain(`${PUBLIC_URL}/referrals/${referral.id}`);
    expect(accepted.raw).not.toMatch(/Maria|555 0100/);
    await emailDrained();
    // Nobody is mailed about their own change.
    expect(mailsTo(planner.email, 'A referral was sent')).toBe(0);
    expect(mailsTo(partner.email, 'A referral was accepted')).toBe(0);
  });

  it('writes in the language the person chose, and refuses bad settings by field', async () => {
    const { listing, planner, partner } = await loop();
    const set = await stack.gql<{
      setNotificationPreferences: { language: string; timeZone: string };
    }>(SET_PREFERENCES, { input: { language: 'es' } }, planner.token);
    expect(ok(set).setNotificationPreferences).toMatchObject({
      language: 'es',
      timeZone: 'America/Los_Angeles',
    });
    const referral = await createReferral(stack, listing, planner.token);
    await move(partner.token, referral.id, 'ACCEPTED', referral.version);
    const mailed = await mailTo(planner.email, 'Se aceptó un referido');
    expect(mailed.text).toContain('Estado actual: Aceptado');
    expect(mailed.text).toContain(`${PUBLIC_URL}/referrals/${referral.id}`);

    for (const [input, field] of [
      [{ language: 'fr' }, 'language'],
      [{ digestHour: 24 }, 'digestHour'],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ] as const) {
      const refused = await stack.gql(SET_PREFERENCES, { input }, planner.token);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.body.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(codeOf(await stack.gql(SET_PREFERENCES, { input: { language: 'es' } }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('holds mail while the mail server is down and sends it once when it is back', async () => {
    const { listing, planner, partner } = await loop();
    const referral = await createReferral(stack, listing, planner.token);
    await mailTo(partner.email, 'A referral was sent');
    await emailDrained();

    await mail.close();
    const version = await move(partner.token, referral.id, 'ACCEPTED', referral.version);
    // Delivery is tried and fails (the dispatcher retries every half second or so).
    await expect
      .poll(
        async () =>
          (
            await stack.subgraphs.referrals.orm.em
              .fork()
              .getConnection()
              .execute<{ attempts: number }[]>(
                `select max(d.attempts)::int as attempts from notification_delivery d
                   join notification_event e on e.id = d.event_id
                  where e.referral_id = ? and d.channel = 'EMAIL' and d.delivered_at is null`,
                [referral.id],
              )
          )[0].attempts,
        { timeout: 15_000, interval: 200 },
      )
      .toBeGreaterThanOrEqual(2);

    const received = mail.received;
    mail = await startMailServer(Number(new URL(mail.url).port));
    await mailTo(planner.email, 'A referral was accepted');
    await emailDrained();
    expect(mailsTo(planner.email, 'A referral was accepted')).toBe(0);
    expect(received.filter((m) => m.to.includes(planner.email.toLowerCase()))).toEqual([]);
    expect(version).toBeGreaterThan(referral.version);
  });

  it('gathers the events a person chose for the digest into one mail a day, sent once', async () => {
    offsetMs = 0;
    const { listing, planner, partner } = await loop();
    const hour = (new Date().getUTCHours() + 2) % 24;
    const set = await stack.gql<{
      setNotificationPreferences: { email: { type: string; delivery: string }[] };
    }>(
      SET_PREFERENCES,
      {
        input: {
          digestHour: hour,
          timeZone: 'UTC',
          email: [
            { type: 'REFERRAL_ACCEPTED', delivery: 'DIGEST' },
            { type: 'REFERRAL_IN_PROGRESS', delivery: 'DIGEST' },
            { type: 'REFERRAL_COMPLETED', delivery: 'OFF' },
          ],
        },
      },
      planner.token,
    );
    expect(ok(set).setNotificationPreferences.email).toContainEqual({
      type: 'REFERRAL_ACCEPTED',
      delivery: 'DIGEST',
    });
    const referral = await createReferral(stack, listing, planner.token);
    let v = await move(partner.token, referral.id, 'ACCEPTED', referral.version);
    v = await move(partner.token, referral.id, 'IN_PROGRESS', v);
    await emailDrained();
    const digests = referralsServices().digests;

    // Before the hour: nothing.
    expect(await digests.sendDue()).toBe(0);
    expect(mailsTo(planner.email, 'Your daily summary')).toBe(0);

    // The next day past the hour: one mail with both, and only one however often it is looked at.
    offsetMs = 26 * 3_600_000;
    await Promise.all([digests.sendDue(), digests.sendDue()]);
    await digests.sendDue();
    const digest = await mailTo(planner.email, 'Your daily summary: 2 referral updates');
    expect(digest.text).toContain('A referral was accepted');
    expect(digest.text).toContain('A referral is in progress');
    expect(digest.text).toContain(`${PUBLIC_URL}/referrals/${referral.id}`);
    expect(mailsTo(planner.email, 'Your daily summary')).toBe(0);
    expect(mailsTo(planner.email, 'A referral was accepted')).toBe(0);

    // Switched off: not mailed at all, nor kept for a digest (the feed still has it).
    offsetMs = 0;
    await stack.gql(
      `mutation($id: ID!, $v: Int!) { transitionReferral(id: $id, to: COMPLETED, expectedVersion: $v,
        outcome: { code: ENROLLED }) { version } }`,
      { id: referral.id, v },
      partner.token,
    );
    await emailDrained();
    expect(mailsTo(planner.email, 'A referral was completed')).toBe(0);
    offsetMs = 26 * 3_600_000 * 2;
    await digests.sendDue();
    expect(mailsTo(planner.email, 'Your daily summary')).toBe(0);
    offsetMs = 0;
  });

  it('mails the referral clock: a reminder to the organization, overdue to the referrer', async () => {
    offsetMs = 0;
    const { listing, planner, partner } = await loop();
    const referral = await createReferral(stack, listing, planner.token, {
      expectedDischargeAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    const READ = `query($id: ID!) { referral(id: $id) { requestedAt respondBy overdue } }`;
    const before = ok(
      await stack.gql<{ referral: { requestedAt: string; respondBy: string; overdue: boolean } }>(
        READ,
        { id: referral.id },
        planner.token,
      ),
    ).referral;
    expect(before.overdue).toBe(false);
    const { remindAt } = referralDeadlines(new Date(before.requestedAt), DEFAULT_RESPONSE_TARGET);

    offsetMs = remindAt.getTime() - Date.now() + 60_000;
    await referralsServices().clockSweep.sweepOnce();
    const reminder = await mailTo(partner.email, 'A referral is waiting for your answer');
    expect(reminder.text).toContain(`${PUBLIC_URL}/inbox?referral=${referral.id}`);
    expect(mailsTo(planner.email, 'A referral is waiting')).toBe(0);

    offsetMs = new Date(before.respondBy).getTime() - Date.now() + 60_000;
    await referralsServices().clockSweep.sweepOnce();
    const overdue = await mailTo(planner.email, 'A referral is past its response target');
    expect(overdue.text).toContain(`${PUBLIC_URL}/referrals/${referral.id}`);
    const after = ok(
      await stack.gql<{ referral: { overdue: boolean } }>(READ, { id: referral.id }, planner.token),
    ).referral;
    expect(after.overdue).toBe(true);
    const stats = ok(
      await stack.gql<{ referralStats: { overdue: number } }>(
        `query($org: ID) { referralStats(orgId: $org) { overdue } }`,
        { org: listing.organization.id },
        partner.token,
      ),
    ).referralStats;
    expect(stats.overdue).toBe(1);
    offsetMs = 0;
  });

  it('gives addresses only to the referrals service, and only name and address', async () => {
    const { listing, planner, partner } = await loop();
    const ask = async (as: string | null, payload: unknown) => {
      const target = new URL('/internal/recipients', stack.subgraphUrls.accounts);
      const body = JSON.stringify(payload);
      const response = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(as
            ? signIdentity(serviceIdentity(as), stack.subgraphs.accounts.identitySecret, {
                method: 'POST',
                path: target.pathname,
                audience: 'accounts',
                body,
              })
            : {}),
        },
        body,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const answer = await ask('referrals', {
      userIds: [planner.id],
      organizationId: listing.organization.id,
    });
    expect(answer.status).toBe(200);
    const recipients = answer.body.recipients as Record<string, unknown>[];
    expect(recipients.map((r) => r.email).sort()).toEqual(
      [planner.email, partner.email].map((e) => e.toLowerCase()).sort(),
    );
    for (const r of recipients)
      expect(Object.keys(r).sort()).toEqual([
        'displayName',
        'email',
        'organizationId',
        'peerId',
        'userId',
      ]);
    expect((await ask('gateway', { userIds: [planner.id] })).status).toBe(403);
    expect((await ask('peers', { userIds: [planner.id] })).status).toBe(403);
    expect((await ask(null, { userIds: [planner.id] })).status).toBe(401);
    expect((await ask('referrals', { userIds: ['not an id'] })).status).toBe(400);
  });
});
