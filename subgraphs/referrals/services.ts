import type { Env } from '../kit/config';
import type { Started, SubgraphRuntime } from '../kit/subgraph';
import { DEFAULT_PEERS_URL, DEFAULT_RESOURCES_URL, referralsConfig } from './config';
import { HttpPeerDirectory } from './directory/http-peer-directory';
import { HttpResourceDirectory } from './directory/http-resource-directory';
import type { PeerDirectory } from './directory/peer-directory.port';
import type { ResourceDirectory } from './directory/resource-directory.port';
import { NotificationDispatcher, type DispatcherOptions } from './notification/dispatcher';
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
  /** What the webhook API needs: the URL policy, the secret-sealing key, the defaults. */
  webhooks: WebhookServiceSettings;
  /** This process's webhook sender, when it runs one. */
  webhookSender: WebhookSender | null;
}

export function referralsOptionsFromEnv(env: Env): ReferralsOptions {
  const config = referralsConfig(env);
  return {
    resourcesUrl: config.resourcesUrl,
    peersUrl: config.peersUrl,
    webhooks: config.webhooks,
  };
}

/** The notification dispatcher of this process, on every channel it delivers. */
export function notificationDispatcher(
  runtime: Pick<SubgraphRuntime, 'orm' | 'logger'>,
  options: DispatcherOptions = {},
): NotificationDispatcher {
  const { orm, logger } = runtime;
  return new NotificationDispatcher(
    orm.em.getConnection().getKnex(),
    { FEED: new FeedChannel(), WEBHOOK: new WebhookChannel() },
    logger,
    { listenUrl: orm.config.get('clientUrl'), ...options },
  );
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
  const dispatcher =
    options.dispatcher === false ? null : notificationDispatcher(runtime, options.dispatcher);
  const settings = webhookSettings(options.webhooks ?? {}, runtime.production);
  const key = sealingKey(runtime.identitySecret, 'referrals', 'webhook-secret-seal');
  const webhookSender =
    options.dispatcher === false || options.webhooks?.send === false
      ? null
      : new WebhookSender(
          runtime.orm.em.getConnection().getKnex(),
          key,
          settings,
          runtime.logger,
          runtime.orm.config.get('clientUrl'),
        );
  await dispatcher?.start();
  await webhookSender?.start();
  return {
    services: { directory, peers, webhooks: { ...settings, key }, webhookSender },
    stop: async () => {
      await webhookSender?.stop();
      await dispatcher?.stop();
    },
  };
}
