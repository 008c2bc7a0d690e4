import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { hashPassword } from '../../subgraphs/accounts/users/password';
import { Membership, User } from '../../subgraphs/accounts/users/user.entity';
import type { Role } from '../../subgraphs/kit/identity';
import type { GraphQLResponse, TestStack } from '../support/stack';

export const PASSWORD = 'a long passphrase of ordinary words';

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

let counter = 0;
export const uniqueEmail = (name = 'person') =>
  `${name}.${Date.now().toString(36)}${(counter++).toString(36)}@example.org`;

/** A person with an account and a membership, straight into the accounts database. */
export async function createUser(
  stack: TestStack,
  membership: {
    roles: Role[];
    organizationId?: string | null;
    manager?: boolean;
    peerId?: string | null;
    email?: string;
    password?: string;
  },
): Promise<TestUser> {
  const em = stack.subgraphs.accounts.orm.em.fork();
  const email = membership.email ?? uniqueEmail(membership.roles[0]);
  const password = membership.password ?? PASSWORD;
  const user = em.create(User, {
    email: email.toLowerCase(),
    displayName: 'Test Person',
    passwordHash: await hashPassword(password),
  });
  em.create(Membership, {
    userId: user.id,
    organizationId: membership.organizationId ?? null,
    roles: membership.roles,
    manager: membership.manager ?? false,
    peerId: membership.peerId ?? null,
  });
  await em.flush();
  return { id: user.id, email, password };
}

export interface AuthResponse {
  status: number;
  body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
  setCookie: string | null;
  headers: Headers;
}

/** The browser's way in: JSON, the CSRF header, and the session cookie when there is one. */
export async function authPost(
  stack: TestStack,
  path: string,
  body: unknown,
  options: { cookie?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<AuthResponse> {
  const base = new URL(stack.gatewayUrl);
  const response = await fetch(new URL(path, base), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-csrf': '1',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: options.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as AuthResponse['body']) : null,
    setCookie: response.headers.get('set-cookie'),
    headers: response.headers,
  };
}

/** The `name=value` part of a Set-Cookie header, as a browser sends it back. */
export function cookieOf(response: AuthResponse): string {
  if (!response.setCookie) throw new Error(`no cookie set (status ${response.status})`);
  return response.setCookie.split(';')[0];
}

export async function signIn(stack: TestStack, user: TestUser): Promise<string> {
  const response = await authPost(stack, '/auth/sign-in', {
    email: user.email,
    password: user.password,
  });
  if (response.status !== 204) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
  return cookieOf(response);
}

/** A GraphQL request signed in by cookie, as the web app sends it. */
export async function gqlWithCookie<T = Record<string, unknown>>(
  stack: TestStack,
  cookie: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = { 'x-hub-csrf': '1' },
): Promise<GraphQLResponse<T>> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as GraphQLResponse<T>['body'],
  };
}

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The text with quoted-printable soft breaks and escapes undone. */
  text: string;
}

/** A real SMTP server on a free port (or `port`, to start one again) that keeps what it receives. */
export async function startMailServer(port = 0) {
  const received: ReceivedMail[] = [];
  const waiting: ((mail: ReceivedMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const text = raw
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        const mail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          text,
        };
        received.push(mail);
        for (const resolve of waiting.splice(0)) resolve(mail);
        callback();
      });
    },
  });
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  const bound = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    received,
    /** The oldest mail to `to` not yet taken (already received, or the next to arrive). */
    async mailTo(to: string, timeoutMs = 10_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = received.findIndex((m) => m.to.includes(to.toLowerCase()));
        if (index >= 0) return received.splice(index, 1)[0];
        if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          waiting.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the link in a mail (`?invitation=` or `?reset=`). */
export function linkToken(mail: ReceivedMail, kind: 'invitation' | 'reset'): string {
  const match = new RegExp(`[?&]${kind}=([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${kind} link in ${mail.text.slice(0, 500)}`);
  return decodeURIComponent(match[1]);
}
