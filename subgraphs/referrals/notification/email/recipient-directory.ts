import { signIdentity } from '../../../kit/identity';
import type { Logger } from '../../../kit/logger';
import { serviceIdentity } from '../../../kit/service-client';

/** A person to mail, as the accounts subgraph knows them. */
export interface Recipient {
  userId: string;
  email: string;
  displayName: string;
  organizationId: string | null;
  peerId: string | null;
}

export interface RecipientQuery {
  userIds?: string[];
  peerIds?: string[];
  /** Everyone of this organization who answers its referrals (partners). */
  organizationId?: string | null;
}

/** Where addresses come from: the referrals subgraph holds none (the accounts subgraph does). */
export interface RecipientDirectory {
  find(query: RecipientQuery): Promise<Recipient[]>;
}

const IDENTITY = serviceIdentity('referrals');

/**
 * Asks the accounts subgraph's `/internal/recipients`, signed as `service:referrals` as the gateway
 * signs its requests. A failure throws, so the delivery is retried later: nothing is lost.
 */
export class HttpRecipientDirectory implements RecipientDirectory {
  constructor(
    private readonly url: () => string,
    private readonly secret: string,
    private readonly logger: Logger,
    private readonly timeoutMs = 5_000,
  ) {}

  async find(query: RecipientQuery): Promise<Recipient[]> {
    const target = new URL('/internal/recipients', this.url());
    const body = JSON.stringify({
      userIds: query.userIds ?? [],
      peerIds: query.peerIds ?? [],
      organizationId: query.organizationId ?? null,
    });
    const response = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signIdentity(IDENTITY, this.secret, {
          method: 'POST',
          path: target.pathname,
          audience: 'accounts',
          body,
        }),
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      this.logger.warn({ status: response.status }, 'accounts refused a recipients request');
      throw new Error(`accounts answered ${response.status} for recipients`);
    }
    const answer = (await response.json()) as { recipients: Recipient[] };
    return answer.recipients;
  }
}
