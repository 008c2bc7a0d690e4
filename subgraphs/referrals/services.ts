import type { Env } from '../kit/config';
import type { Started, SubgraphRuntime } from '../kit/subgraph';
import { OutboxWorker } from '../kit/outbox-worker';
import { outboxMailer, smtpMailer, type Mailer } from '../kit/mailer';
import { DEFAULT_RESPONSE_TARGET, type ResponseTarget } from './clock/business-hours';
import { ClockSweep } from './clock/clock-sweep';
import { SYSTEM_CLOCK, type Clock } from './clock/organization-clock';
import {
  DEFAULT_ACCOUNTS_URL,
  DEFAULT_MAIL_FROM,
  DEFAULT_PEERS_URL,
  DEFAULT_PUBLIC_URL,
  DEFAULT_RESOURCES_URL,
  referralsConfig,
} from './config';
import { HttpPeerDirectory } from './directory/http-peer-directory';
import { HttpResourceDirectory } from './directory/http-resource-directory';
import type { PeerDirectory } from './directory/peer-directory.port';
import type { ResourceDirectory } from './directory/resource-directory.port';
import { NotificationDispatcher, type DispatcherOptions } from './notification/dispatcher';
import { DigestSender } from './notification/email/digest';
import { EmailChannel, type EmailSettings } from './notification/email/email-channel';
import {
  HttpRecipientDirectory,
  type RecipientDirectory,
} from './notification/email/recipient-directory';
import { FeedChannel } from './notification/feed-channel';
import { sealingKey } from '../kit/sealed-secret';
import { WebhookChannel } from './webhook/webhook-channel';
import type { WebhookServiceSettings } from './webhook/webhook-endpoint.service';
import { WebhookSender } from './webhook/webhook-sender';
import { webhookSettings, type WebhookOptions } from './webhook/webhook-settings';

/** What a runner may choose: where the resources subgraph is, or a directory in its place (tests). */
export interface ReferralsOptions {
  /** The resources subgraph when the runner does not say (a container of its own: RESOURCES_URL). */
  resourcesUrl?: string;
  /** Replaces the HTTP directory (tests of the project's own port). */
  directory?: ResourceDirectory;
  /** The peers subgraph when the runner does not say (a container of its own: PEERS_URL). */
  peersUrl?: string;
  /** Replaces the HTTP peer directory (tests of the project's own port). */
  peers?: PeerDirectory;
  /** The notification dispatcher's tuning, or false for none in this process (tests that run their own). */
  dispatcher?: DispatcherOptions | false;
  /** The accounts subgraph when the runner does not say (ACCOUNTS_URL): it knows people's addresses. */
  accountsUrl?: string;
  /** Replaces the HTTP recipient directory (tests). */
  recipients?: RecipientDirectory;
  /** The web app's address, for emailed links. */
  publicUrl?: string;
  smtpUrl?: string;
  mailFrom?: string;
  mailDir?: string;
  /** Replaces the mailer made from smtpUrl / mailDir (tests). */
  mailer?: Mailer;
  /** The response target, time zone and hours of organizations that set none. */
  responseTarget?: Partial<ResponseTarget>;
  /** What the referral clock and the digests read the time from (tests move it). */
  clock?: Clock;
  /** How often the referral clock and digests are looked at, or false for never (tests that sweep). */
  sweepMs?: number | false;
  /**
   * Webhook settings (retry schedule, timeout, allowed private hosts...). Webhooks are sent where
   * the dispatcher runs, unless `send: false`.
   */
  webhooks?: WebhookOptions;
}

/** What lives as long as the service: one directory, shared by its requests, so lookups batch across them. */
export interface ReferralsServices {
  directory: ResourceDirectory;
  /** Whether a peer exists, asked before one is assigned. */
  peers: PeerDirectory;
  /** Organizations' response targets when they set none. */
  responseTarget: ResponseTarget;
  clock: Clock;
  /** The referral clock's sweep (tests run rounds themselves). */
  clockSweep: ClockSweep;
  /** The daily digests (tests run rounds themselves). */
  digests: DigestSender;
  /** What the webhook API needs: the URL policy, the secret-sealing key, the defaults. */
  webhooks: WebhookServiceSettings;
  /** This process's webhook sender, when it runs one. */
  webhookSender: WebhookSender | null;
}

/** For npm start, which tells the subgraph where the others listen: mail and the clock. */
export function referralsStartOptions(env: Env): ReferralsOptions {
  return referralsOptionsFromEnv(env, true);
}

export function referralsOptionsFromEnv(env: Env, runnerKnowsSubgraphs = false): ReferralsOptions {
  const config = referralsConfig(env, { runnerKnowsSubgraphs });
  return {
    resourcesUrl: config.resourcesUrl,
    peersUrl: config.peersUrl,
    accountsUrl: config.accountsUrl,
    publicUrl: config.publicUrl,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    mailDir: config.mailDir,
    responseTarget: {
      targetBusinessDays: config.responseTargetBusinessDays,
      timeZone: config.defaultTimeZone,
    },
    sweepMs: config.clockSweepMs,
    dispatcher: { leaseMs: config.notificationLeaseMs },
    webhooks: config.webhooks,
  };
}

/** The notification dispatcher of this process, on every channel it delivers. */
export function notificationDispatcher(
  runtime: Pick<SubgraphRuntime, 'orm' | 'logger'>,
  options: DispatcherOptions = {},
  email?: EmailSettings,
): NotificationDispatcher {
  const { orm, logger } = runtime;
  const db = orm.em.getConnection().getKnex();
  return new NotificationDispatcher(
    db,
    {
      FEED: new FeedChannel(),
      WEBHOOK: new WebhookChannel(),
      ...(email ? { EMAIL: new EmailChannel(db, email) } : {}),
    },
    logger,
    { listenUrl: orm.config.get('clientUrl'), ...options },
  );
}

/** How this process mails: the given mailer, SMTP, or files under the data folder. */
function emailSettings(
  runtime: SubgraphRuntime,
  options: ReferralsOptions,
  responseTarget: ResponseTarget,
  clock: Clock,
): EmailSettings {
  const mailer =
    options.mailer ??
    (options.smtpUrl
      ? smtpMailer(options.smtpUrl, options.mailFrom ?? DEFAULT_MAIL_FROM)
      : outboxMailer(options.mailDir));
  const recipients =
    options.recipients ??
    new HttpRecipientDirectory(
      () => runtime.subgraphUrls?.accounts ?? options.accountsUrl ?? DEFAULT_ACCOUNTS_URL,
      runtime.identitySecret,
      runtime.logger,
    );
  return {
    mailer,
    recipients,
    publicUrl: options.publicUrl ?? DEFAULT_PUBLIC_URL,
    defaults: responseTarget,
    clock,
    logger: runtime.logger,
  };
}

export async function startReferralsServices(
  runtime: SubgraphRuntime,
  options: ReferralsOptions,
): Promise<Started<ReferralsServices>> {
  const directory =
    options.directory ??
    new HttpResourceDirectory(
      // Read when needed: under npm start the resources subgraph's URL is known once it listens.
      () => runtime.subgraphUrls?.resources ?? options.resourcesUrl ?? DEFAULT_RESOURCES_URL,
      runtime.identitySecret,
      runtime.logger,
    );
  const peers =
    options.peers ??
    new HttpPeerDirectory(
      () => runtime.subgraphUrls?.peers ?? options.peersUrl ?? DEFAULT_PEERS_URL,
      runtime.identitySecret,
      runtime.logger,
    );
  const clock = options.clock ?? SYSTEM_CLOCK;
  const responseTarget: ResponseTarget = Object.freeze({
    ...DEFAULT_RESPONSE_TARGET,
    ...options.responseTarget,
  });
  const email = emailSettings(runtime, options, responseTarget, clock);
  const db = runtime.orm.em.getConnection().getKnex();
  const clockSweep = new ClockSweep(db, responseTarget, clock);
  const digests = new DigestSender(db, email);
  const dispatcher =
    options.dispatcher === false
      ? null
      : notificationDispatcher(runtime, options.dispatcher, email);
  const settings = webhookSettings(options.webhooks ?? {}, runtime.production);
  const key = sealingKey(runtime.identitySecret, 'referrals', 'webhook-secret-seal');
  const webhookSender =
    options.dispatcher === false || options.webhooks?.send === false
      ? null
      : new WebhookSender(db, key, settings, runtime.logger, runtime.orm.config.get('clientUrl'));
  // The clock and the digests share one periodic loop; several processes may run it.
  const sweeper =
    options.sweepMs === false
      ? null
      : new OutboxWorker({
          name: 'referral clock and digests',
          round: async () => (await clockSweep.sweepOnce()) + (await digests.sendDue()),
          batchSize: Number.MAX_SAFE_INTEGER,
          pollMs: options.sweepMs ?? 60_000,
          logger: runtime.logger,
        });
  await dispatcher?.start();
  await webhookSender?.start();
  await sweeper?.start();
  return {
    services: {
      directory,
      peers,
      responseTarget,
      clock,
      clockSweep,
      digests,
      webhooks: { ...settings, key },
      webhookSender,
    },
    stop: async () => {
      await sweeper?.stop();
      await webhookSender?.stop();
      await dispatcher?.stop();
      email.mailer.close?.();
    },
  };
}
