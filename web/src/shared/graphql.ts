import { print } from '@0no-co/graphql.web';
import { initGraphQLTada, type TadaDocumentNode } from 'gql.tada';
import type { introspection } from './graphql-env';

/** Documents typed from schema/supergraph.graphql (`gql.tada check` in `npm test`). */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTimeISO: string; JSON: unknown };
}>();

export type { ResultOf, VariablesOf } from 'gql.tada';

/** Sent with every state-changing request, so the gateway knows it comes from this app. */
export const CSRF_HEADER = 'x-hub-csrf';

/** A GraphQL error the API answered, with its stable code (NOT_FOUND, RATE_LIMITED...). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** The input the API refused, e.g. `input.consent.expiresAt` (BAD_USER_INPUT), to show beside it. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The network could not be reached (offline, or the server is down). */
export class OfflineError extends Error {}

interface Body<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** Sends a document to the gateway this app is served from. */
export async function request<T, V>(
  document: TadaDocumentNode<T, V>,
  variables: V,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      // The header marks the request as the app's own (the gateway's CSRF check for signed-in cookies).
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        [CSRF_HEADER]: '1',
      },
      body: JSON.stringify({ query: print(document), variables }),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new OfflineError('offline');
  }
  let body: Body<T>;
  try {
    body = (await response.json()) as Body<T>;
  } catch {
    throw new ApiError(`The server answered ${response.status}.`, 'SERVICE_UNAVAILABLE');
  }
  const [first] = body.errors ?? [];
  if (first || !body.data)
    throw new ApiError(
      first?.message ?? 'No data',
      first?.extensions?.code ?? 'INTERNAL',
      first?.extensions?.field,
    );
  return body.data;
}
