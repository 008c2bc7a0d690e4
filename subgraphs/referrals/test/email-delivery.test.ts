import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../kit/logger';
import type { Mail, Mailer } from '../../kit/mailer';
import { DEFAULT_RESPONSE_TARGET } from '../clock/business-hours';
import { NotificationDispatcher } from '../notification/dispatcher';
import { DigestSender } from '../notification/email/digest';
import { EmailChannel, type EmailSettings } from '../notification/email/email-channel';
import type { Recipient, RecipientDirectory } from '../notification/email/recipient-directory';
import {
  createReferral,
  expectData,
  partnerOf,
  planner,
  rows,
  TRANSITION,
  useReferrals,
  type TransitionData,
} from './harness';

const silent = createLogger('test', 'silent');

/** The people accounts would answer, by user id and organization. */
class People implements RecipientDirectory {
  readonly known: Recipient[] = [];
  add(organizationId: string | null): Recipient {
    const userId = randomUUID();
    const person = {
      userId,
      email: `${userId}@example.org`,
      displayName: 'Test Person',
      organizationId,
      peerId: null,
    };
    this.known.push(person);
    return person;
  }
  find(query: { userIds?: string[]; organizationId?: string | null }): Promise<Recipient[]> {
    return Promise.resolve(
      this.known.filter(
        (p) =>
          query.userIds?.includes(p.userId) ||
          (!!query.organizationId && p.organizationId === query.organizationId),
      ),
    );
  }
}

/** A mailer that keeps what it sends and refuses the addresses in `down`. */
class FlakyMailer implements Mailer {
  readonly sent: Mail[] = [];
  readonly down = new Set<string>();
  send(mail: Mail): Promise<void> {
    if (this.down.has(mail.to) || this.down.has('*')) return Promise.reject(new Error('refused'));
    this.sent.push(mail);
    return Promise.resolve();
  }
  to(address: string) {
    return this.sent.filter((m) => m.to === address);
  }
}

let offsetMs = 0;
const clock = { now: () => new Date(Date.now() + offsetMs) };
const api = useReferrals({ dispatcher: false, sweepMs: false, clock });

function setup() {
  const people = new People();
  const mailer = new FlakyMailer();
  const settings: EmailSettings = {
    mailer,
    recipients: people,
    publicUrl: 'http://hub.example.org',
    defaults: DEFAULT_RESPONSE_TARGET,
    clock,
    logger: silent,
  };
  const knex = api().referrals.orm.em.getConnection().getKnex();
  const dispatcher = new NotificationDispatcher(
    knex,
    { EMAIL: new EmailChannel(knex, settings) },
    silent,
    // Long enough that `drain` ends while the mail server refuses: a retry due at once was taken
    // again and again, until a round happened to start within the delay (30 s on a busy machine).
    { firstRetryMs: 300, maxRetryMs: 300 },
  );
  return { people, mailer, dispatcher, digests: new DigestSender(knex, settings) };
}

/** Dispatches until no email delivery is left undelivered (retries included). */
async function deliverAll(dispatcher: NotificationDispatcher) {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    await dispatcher.drain();
    const [{ n }] = await rows<{ n: number }>(
      api(),
      `select count(*)::int as n from notification_delivery where channel = 'EMAIL' and delivered_at is null`,
    );
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('email deliveries still pending');
}

describe('email delivery', () => {
  it('mails each of an organization’s partners once, even when the mail server refused one of them at first', async () => {
    offsetMs = 0;
    const { people, mailer, dispatcher } = setup();
    await deliverAll(dispatcher);
    const listing = await api().listing();
    const a = people.add(listing.organization.id);
    const b = people.add(listing.organization.id);
    mailer.down.add(b.email);
    const referral = await createReferral(api(), listing, planner(randomUUID(), randomUUID()));

    await dispatcher.drain();
    expect(mailer.to(a.email)).toHaveLength(1);
    expect(mailer.to(b.email)).toHaveLength(0);
    mailer.down.clear();
    await deliverAll(dispatcher);

    expect(mailer.to(a.email)).toHaveLength(1);
    expect(mailer.to(b.email)).toHaveLength(1);
    expect(mailer.to(b.email)[0]).toMatchObject({ subject: 'A referral was sent' });
    expect(mailer.to(b.email)[0].text).toContain(
      `http://hub.example.org/inbox?referral=${referral.id}`,
    );
  });

  it('sends a day’s digest once, and after a refused mail sends it on the next round', async () => {
    offsetMs = 0;
    const { people, mailer, dispatcher, digests } = setup();
    await deliverAll(dispatcher);
    const listing = await api().listing();
    const referrerOrg = randomUUID();
    const referrer = people.add(referrerOrg);
    const who = planner(referrerOrg, referrer.userId);
    const SET = `mutation($input: NotificationPreferencesInput!) { setNotificationPreferences(input: $input) { digestHour } }`;
    expectData(
      await api().referrals.execute(
        SET,
        {
          input: {
            digestHour: (new Date().getUTCHours() + 2) % 24,
            timeZone: 'Etc/UTC',
            email: [{ type: 'REFERRAL_ACCEPTED', delivery: 'DIGEST' }],
          },
        },
        who,
      ),
    );
    const referral = await createReferral(api(), listing, who);
    expectData(
      await api().referrals.execute<TransitionData>(
        TRANSITION,
        { id: referral.id, to: 'ACCEPTED', v: referral.version },
        partnerOf(listing.organization.id),
      ),
    );
    await deliverAll(dispatcher);
    expect(mailer.to(referrer.email)).toEqual([]);

    offsetMs = 26 * 3_600_000;
    mailer.down.add('*');
    expect(await digests.sendDue()).toBe(0);
    const [{ n }] = await rows<{ n: number }>(
      api(),
      'select count(*)::int as n from notification_digest where user_id = ?',
      [referrer.userId],
    );
    expect(n).toBe(0);

    mailer.down.clear();
    expect(await digests.sendDue()).toBe(1);
    expect(await digests.sendDue()).toBe(0);
    const mailed = mailer.to(referrer.email);
    expect(mailed).toHaveLength(1);
    expect(mailed[0].subject).toBe('Your daily summary: 1 referral update');
    expect(mailed[0].text).toContain(`http://hub.example.org/referrals/${referral.id}`);
    offsetMs = 0;
  });
});
