import { ServiceUnavailableError } from './errors';
import { SERVICE_ROLE, signIdentity, type Identity } from './identity';
import type { Logger } from './logger';

/** The identity a subgraph signs as when it asks another: a service, never an admin, no organization. */
export function serviceIdentity(name: string): Identity {
  return Object.freeze<Identity>({
    sub: `service:${name}`,
    roles: [SERVICE_ROLE],
    org: null,
    peer: null,
  });
}

export interface ServiceClientOptions {
  /** The other subgraph's GraphQL URL, read at each call (under npm start it is known once it listens). */
  url: () => string;
  /** The other subgraph's name: the audience the signature is bound to. */
  audience: string;
  /** Who asks (serviceIdentity). */
  identity: Identity;
  /** The secret gateway and subgraphs share. */
  secret: string;
  logger: Logger;
  timeoutMs?: number;
  /** What the caller is told when the subgraph cannot answer, e.g. "The resource directory". */
  describe?: string;
  /** The error thrown when it cannot answer (the caller may retry; nothing was written). */
  unavailable?: (message: string, cause?: unknown) => ServiceUnavailableError;
}

/**
 * A GraphQL query to another subgraph, signed as a service, as the gateway would sign a request:
 * the other subgraph stays the judge of its own data and no client token or gateway hop is needed.
 * Answers `data`, or throws ServiceUnavailableError (the caller may retry; nothing happened) when
 * the subgraph cannot be reached or refuses. Logs the URL and status, never the variables.
 */
export function serviceClient(options: ServiceClientOptions) {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const describe = options.describe ?? `The ${options.audience} service`;
  const unavailable =
    options.unavailable ??
    ((message: string, cause?: unknown) => new ServiceUnavailableError(message, { cause }));
  return async function query<T>(document: string, variables: Record<string, unknown>): Promise<T> {
    const url = options.url();
    const body = JSON.stringify({ query: document, variables });
    let response: Response;
    try {
      const target = new URL(url);
      response = await fetch(target, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signIdentity(options.identity, options.secret, {
            method: 'POST',
            path: `${target.pathname}${target.search}`,
            audience: options.audience,
            body,
          }),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      options.logger.error({ err: error, url }, `${options.audience} subgraph unreachable`);
      throw unavailable(`${describe} cannot be reached; try again shortly.`, error);
    }
    const answer = (await response.json().catch(() => ({}))) as {
      data?: T;
      errors?: { message: string }[];
    };
    if (!response.ok || answer.errors?.length || !answer.data) {
      options.logger.error(
        { status: response.status, errors: answer.errors, url },
        `${options.audience} subgraph refused a request`,
      );
      throw unavailable(`${describe} did not answer; try again shortly.`);
    }
    return answer.data;
  };
}

export type ServiceQuery = ReturnType<typeof serviceClient>;
