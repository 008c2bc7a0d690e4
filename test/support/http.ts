import { signIdentity, type Identity } from '../../subgraphs/kit/identity';
import type { GraphQLResponse } from './stack';

/**
 * The headers that vouch for one request straight to a subgraph, as the gateway signs it: for this
 * URL (path and query), subgraph (`audience`), method and body (serialized as postJson does).
 */
export function signFor(
  identity: Identity,
  secret: string,
  request: {
    url: string;
    audience: string;
    body?: string | Record<string, unknown>;
    method?: string;
    now?: Date;
  },
): Record<string, string> {
  const url = new URL(request.url);
  const body = request.body;
  return signIdentity(
    identity,
    secret,
    {
      method: request.method ?? 'POST',
      path: `${url.pathname}${url.search}`,
      audience: request.audience,
      body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
    },
    request.now,
  );
}

/** A raw POST, for what `stack.gql` cannot send: other URLs, exact bodies, headers of our choosing. */
export async function postJson<T = Record<string, unknown>>(
  url: string,
  body: string | Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T> & { headers: Headers; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: GraphQLResponse<T>['body'];
  try {
    parsed = JSON.parse(text) as GraphQLResponse<T>['body'];
  } catch {
    throw new Error(`Expected a JSON body, got status ${response.status}: ${text.slice(0, 300)}`);
  }
  return { status: response.status, body: parsed, headers: response.headers, text };
}

/** The first error of a response, failing clearly when there is none. */
export function firstError<T = Record<string, unknown>>(body: GraphQLResponse<T>['body']) {
  const error = body.errors?.[0];
  if (!error) throw new Error(`Expected an error, got ${JSON.stringify(body)}`);
  return error;
}
