import { SignJWT } from 'jose';
import type { Role } from '../../subgraphs/kit/identity';

/** A caller as the gateway's token check sees one. */
export interface Caller {
  sub: string;
  roles: Role[];
  org?: string;
  peer?: string;
}

/**
 * An HS256 bearer token the gateway accepts when it is started with `jwtSecret` (and with
 * AUTH_ISSUER and AUTH_AUDIENCE as `deployment` names them, which production requires).
 */
export function bearerToken(
  jwtSecret: string,
  caller: Caller,
  deployment?: { issuer: string; audience: string },
): Promise<string> {
  const token = new SignJWT({ roles: caller.roles, org: caller.org, peer: caller.peer })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.sub)
    .setIssuedAt()
    .setExpirationTime('2h');
  if (deployment) token.setIssuer(deployment.issuer).setAudience(deployment.audience);
  return token.sign(new TextEncoder().encode(jwtSecret));
}

export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** One GraphQL request as a client sends it: with a bearer token, or with the headers given (a signed identity). */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  /** A bearer token, headers, or headers made for the exact body (a subgraph's signature). */
  credentials: string | Record<string, string> | ((body: string) => Record<string, string>),
): Promise<GraphQLAnswer<T>> {
  const body = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(typeof credentials === 'string'
        ? { authorization: `Bearer ${credentials}` }
        : typeof credentials === 'function'
          ? credentials(body)
          : credentials),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as GraphQLAnswer<T>['body'] };
}

/** The answer's data; a GraphQL error stops the benchmark, whose figures would mean nothing. */
export async function queryData<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  bearer: string,
): Promise<T> {
  const { body } = await postGraphQL<T>(url, query, variables, bearer);
  if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors[0].message}`);
  if (body.data === undefined) throw new Error('GraphQL answer without data');
  return body.data;
}
