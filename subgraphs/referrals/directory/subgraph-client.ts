import { SERVICE_ROLE, signIdentity, type Identity } from '../../kit/identity';
import type { Logger } from '../../kit/logger';
import { ServiceUnavailableError } from '../../kit/errors';

/**
 * Who referrals is when it asks another subgraph: a service, never an admin. The subgraphs it asks
 * resolve entity references (`_entities`) whatever a person's role, so this identity holds none.
 */
export const REFERRALS_SERVICE: Identity = Object.freeze<Identity>({
  sub: 'service:referrals',
  roles: [SERVICE_ROLE],
  org: null,
  peer: null,
});

export interface SubgraphClientOptions {
  /** The subgraph asked: the audience its requests are signed for. */
  audience: string;
  /** Where it listens, read at each call (under npm start it is known once it listens). */
  url: () => string;
  secret: string;
  logger: Logger;
  timeoutMs?: number;
  /** What the caller is told when the subgraph cannot answer, e.g. "The resource directory". */
  describe: string;
  /** The error thrown when it cannot answer (the caller may retry; nothing was written). */
  unavailable?: (message: string, cause?: unknown) => ServiceUnavailableError;
}

/**
 * Another subgraph, asked over HTTP as the gateway would ask it, with an identity referrals signs
 * itself (the secret the gateway and subgraphs share). Each subgraph owns its data: referrals never
 * reads another's tables, and going through the gateway would mean a client token and a second hop.
 */
export class SubgraphClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: SubgraphClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  private unavailable(message: string, cause?: unknown): ServiceUnavailableError {
    return this.options.unavailable
      ? this.options.unavailable(message, cause)
      : new ServiceUnavailableError(message, { cause });
  }

  async post<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const { url: urlOf, secret, logger, audience, describe } = this.options;
    const url = urlOf();
    const body = JSON.stringify({ query, variables });
    let response: Response;
    try {
      const target = new URL(url);
      response = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signIdentity(REFERRALS_SERVICE, secret, {
            method: 'POST',
            path: `${target.pathname}${target.search}`,
            audience,
            body,
          }),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      logger.error({ err: error, url }, `${audience} subgraph unreachable`);
      throw this.unavailable(`${describe} cannot be reached; try again shortly.`, error);
    }
    const answer = (await response.json().catch(() => ({}))) as {
      data?: T;
      errors?: { message: string }[];
    };
    if (!response.ok || answer.errors?.length || !answer.data) {
      logger.error(
        { status: response.status, errors: answer.errors, url },
        `${audience} subgraph refused a lookup`,
      );
      throw this.unavailable(`${describe} did not answer; try again shortly.`);
    }
    return answer.data;
  }
}
