import { Agent } from 'node:http';
import nodeFetch from 'node-fetch';
import { REQUEST_ID_HEADER, signIdentity, type Identity } from '../subgraphs/kit/identity';
import type { Logger } from '../subgraphs/kit/logger';
import { serviceIdentity } from '../subgraphs/kit/service-client';

/** The gateway as the accounts subgraph's routes know it: a service, never a person or an admin. */
const GATEWAY = serviceIdentity('gateway');
const AUDIENCE = 'accounts';

/** The accounts subgraph did not answer (down, timed out, or answered what is not its API). */
export class AccountsUnavailable extends Error {}

/** The accounts subgraph refused: its status, code and message, for the client. */
export class AccountsRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface IssuedSession {
  token: string;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface SessionIdentity {
  identity: Identity;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface ApiKeyIdentity {
  identity: Identity;
  scopes: string[];
}

export interface TotpEnrolment {
  secret: string;
  uri: string;
  recoveryCodes: string[];
}

export interface StoredMail {
  id: string;
  at: string;
  to: string;
  subject: string;
  text: string;
}

export interface AccountsClient {
  signIn(body: {
    email: string;
    password: string;
    code?: string;
    address?: string;
    userAgent?: string;
  }): Promise<IssuedSession>;
  lockedOut(body: { email: string; address?: string }): Promise<void>;
  /** A new authenticator secret and its otpauth:// URI, for a person who proves their password. */
  enrolTotp(body: { email: string; password: string; address?: string }): Promise<TotpEnrolment>;
  /** Single sign-on: the person the identity provider vouched for, if they have an account. */
  providerSignIn(body: {
    email: string;
    emailVerified: boolean;
    displayName?: string;
    issuer: string;
    subject: string;
    address?: string;
    userAgent?: string;
  }): Promise<IssuedSession>;
  session(token: string): Promise<SessionIdentity>;
  signOut(token: string): Promise<void>;
  apiKey(key: string): Promise<ApiKeyIdentity>;
  acceptInvitation(body: {
    token: string;
    password: string;
    displayName: string;
    address?: string;
    userAgent?: string;
  }): Promise<IssuedSession>;
  requestPasswordReset(email: string): Promise<void>;
  confirmPasswordReset(body: { token: string; password: string }): Promise<void>;
  mail(): Promise<StoredMail[]>;
  /** Asks for `sync:<marker>` on the session event stream, after every event committed before. */
  syncEvents(marker: string): Promise<void>;
}

/**
 * The accounts subgraph's sign-in routes, over HTTP signed as `service:gateway` like every subgraph
 * request (bound to method, path, body, audience; accepted once). Bodies carry passwords and session
 * secrets, so nothing here logs a body.
 */
export function accountsClient(options: {
  /** The accounts subgraph's GraphQL URL; its routes are beside it. */
  url: string | undefined;
  identitySecret: string;
  logger: Logger;
  timeoutMs?: number;
}): AccountsClient {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const agent = new Agent({ keepAlive: true, timeout: 60_000 });

  async function call<T>(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<T> {
    if (!options.url) throw new AccountsUnavailable('no accounts subgraph is configured');
    const target = new URL(path, options.url);
    const body = payload === undefined ? '' : JSON.stringify(payload);
    let response: Awaited<ReturnType<typeof nodeFetch>>;
    try {
      response = await nodeFetch(target.toString(), {
        method,
        headers: {
          'content-type': 'application/json',
          [REQUEST_ID_HEADER]: `gateway-auth`,
          ...signIdentity(GATEWAY, options.identitySecret, {
            method,
            path: `${target.pathname}${target.search}`,
            audience: AUDIENCE,
            body,
          }),
        },
        body: method === 'GET' ? undefined : body,
        agent,
        timeout: timeoutMs,
      });
    } catch (error) {
      options.logger.error({ err: error, path }, 'accounts subgraph unreachable');
      throw new AccountsUnavailable('accounts subgraph unreachable');
    }
    const text = await response.text();
    if (response.status === 204 || response.status === 202) return undefined as T;
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok && parsed !== undefined) return parsed as T;
    const error = (parsed as { errors?: { message?: string; extensions?: { code?: string } }[] })
      ?.errors?.[0];
    const code = error?.extensions?.code;
    // Its refusals of the client carry a code; a refused signature or a crash is our failure.
    if (code && response.status >= 400 && response.status < 500 && code !== 'UNAUTHENTICATED')
      throw new AccountsRefusal(response.status, code, error.message ?? code);
    options.logger.error({ status: response.status, path, code }, 'accounts subgraph failed');
    throw new AccountsUnavailable(`accounts subgraph answered ${response.status}`);
  }

  return {
    signIn: (body) => call('POST', '/internal/sign-in', body),
    lockedOut: (body) => call('POST', '/internal/sign-in/locked', body),
    enrolTotp: (body) => call('POST', '/internal/totp/enrol', body),
    providerSignIn: (body) => call('POST', '/internal/oidc/sign-in', body),
    session: (token) => call('POST', '/internal/session', { token }),
    signOut: (token) => call('POST', '/internal/sign-out', { token }),
    apiKey: (key) => call('POST', '/internal/api-key', { key }),
    acceptInvitation: (body) => call('POST', '/internal/invitations/accept', body),
    requestPasswordReset: (email) => call('POST', '/internal/password-reset', { email }),
    confirmPasswordReset: (body) => call('POST', '/internal/password-reset/confirm', body),
    mail: async () => (await call<{ mail: StoredMail[] }>('GET', '/internal/mail')).mail,
    syncEvents: (marker) => call('POST', '/internal/session-events/sync', { marker }),
  };
}
