import { useEffect, useState } from 'preact/hooks';
import { CSRF_HEADER, graphql, request, type ResultOf } from './graphql';

/**
 * Who is signed in, for every screen: the `me` of the API behind the session cookie the gateway
 * sets (HttpOnly, so the app never sees it). Screens read it with `useSession()`; signing in or out
 * anywhere updates them all.
 */
export const ME = graphql(`
  query Me {
    me {
      id
      email
      displayName
      roles
      manager
      organization {
        id
        name
      }
      peer {
        id
      }
    }
  }
`);

export type Me = NonNullable<ResultOf<typeof ME>['me']>;
export type Role = Me['roles'][number];

export type Session =
  | { state: 'loading' }
  /** The API could not be asked (offline): screens that need an account say so. */
  | { state: 'unknown' }
  | { state: 'anonymous' }
  | { state: 'signedIn'; me: Me };

let current: Session = { state: 'loading' };
const listeners = new Set<(session: Session) => void>();

const publish = (session: Session) => {
  current = session;
  listeners.forEach((listener) => listener(session));
};

let loading: Promise<Session> | null = null;

/** Asks the API who is signed in (once at a time) and tells every screen. */
export function refreshSession(): Promise<Session> {
  loading ??= request(ME, {})
    .then(({ me }): Session => (me ? { state: 'signedIn', me } : { state: 'anonymous' }))
    .catch((): Session => ({ state: 'unknown' }))
    .then((session) => {
      loading = null;
      publish(session);
      return session;
    });
  return loading;
}

export function useSession(): Session {
  const [session, setSession] = useState<Session>(current);
  useEffect(() => {
    listeners.add(setSession);
    if (current.state === 'loading') void refreshSession();
    else setSession(current);
    return () => void listeners.delete(setSession);
  }, []);
  return session;
}

export const hasRole = (session: Session, ...roles: Role[]): boolean =>
  session.state === 'signedIn' && session.me.roles.some((role) => roles.includes(role));

/** A refusal from an /auth route: its stable code (INVALID_CREDENTIALS, RATE_LIMITED...). */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The gateway's error body, the same for every route: `errors[0].extensions.code`. */
interface AuthErrorBody {
  errors?: { message?: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
}

/** Posts to one of the gateway's /auth routes; resolves with the JSON answer, if any. */
export async function postAuth(path: string, body: object = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`/auth/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        [CSRF_HEADER]: '1',
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new AuthError('offline', 'OFFLINE');
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's page): only the status says what happened.
  }
  if (response.ok) return json;
  const error = (json as AuthErrorBody | null)?.errors?.[0];
  throw new AuthError(
    error?.message ?? `The server answered ${response.status}.`,
    error?.extensions?.code ?? (response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST'),
    error?.extensions?.retryAfterSeconds,
  );
}

export interface Credentials {
  email: string;
  password: string;
  /** The authenticator app's code, when the account has a second factor. */
  code?: string;
}

export async function signIn(credentials: Credentials): Promise<Session> {
  await postAuth('sign-in', credentials);
  return refreshSession();
}

export async function signOut(): Promise<void> {
  await postAuth('sign-out');
  publish({ state: 'anonymous' });
}
