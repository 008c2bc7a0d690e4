import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { REQUEST_ID_HEADER, signIdentity } from '../subgraphs/kit/identity';
import type { Logger } from '../subgraphs/kit/logger';
import { serviceIdentity } from '../subgraphs/kit/service-client';
import {
  AccountsRefusal,
  type AccountsClient,
  type ApiKeyIdentity,
  type SessionIdentity,
} from './auth-accounts';

export interface SessionCacheSettings {
  /** Sessions kept (the least recently stored go first). */
  readonly maxEntries: number;
  /** How long a looked-up session is trusted without asking again (the stream must be up). */
  readonly maxAgeMs: number;
  /** The stream is taken for dead after this long without a line (the subgraph beats every second). */
  readonly silenceMs: number;
}

export const DEFAULT_SESSION_CACHE: SessionCacheSettings = Object.freeze({
  maxEntries: 20_000,
  maxAgeMs: 30_000,
  silenceMs: 3_000,
});

interface Entry {
  value: SessionIdentity;
  userId: string;
  storedAt: number;
  /** The session's own end (idle or absolute), past which it is never served from here. */
  endsAt: number;
  refreshing: boolean;
}

interface KeyEntry {
  value: ApiKeyIdentity;
  storedAt: number;
  refreshing: boolean;
}

const EVENTS_PATH = '/internal/session-events';
/** How long a change may wait for its sync marker before the whole cache is cleared instead. */
const SETTLE_TIMEOUT_MS = 1_000;

/** As the accounts subgraph stores a session or API key (and names it in events): SHA-256, hex. */
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionCache {
  /**
   * The accounts client, its session and API-key lookups cached, its sign-outs and resets forgotten
   * at once.
   */
  accounts: AccountsClient;
  /** Whether the event stream is up, so cached sessions are used. */
  live(): boolean;
  /** Forgets every session and key here. */
  clear(): void;
  /**
   * After this gateway changed people in the accounts subgraph: resolves once every event of that
   * change has reached this cache (so only what it concerns is dropped), or, when the stream cannot
   * say so within a moment, once the whole cache is cleared. Either way the next request sees it.
   */
  settle(): Promise<void>;
  stop(): void;
}

/**
 * Session lookups cached in this gateway, safe across gateways: a session leaves every gateway's
 * cache when the accounts subgraph announces it ended (sign-out, removal, new roles, a reset
 * password, a disabled account, a second factor reset) on its signed event stream; an API key the
 * same way when it is revoked. While the stream is not connected, or has gone silent, nothing is
 * served from the cache (every request asks, as before: it fails safe), and the cache is emptied,
 * so what was missed while away cannot linger.
 *
 * The accounts subgraph records a session's last use when asked (at most once a minute), so idle
 * expiry goes on: an entry older than half its age is refreshed in the background while it is
 * served, and one past its age is asked for before the request goes on.
 */
export function cachedSessions(options: {
  accounts: AccountsClient;
  /** The accounts subgraph's GraphQL URL; its event stream is beside it. */
  url: string | undefined;
  identitySecret: string;
  logger: Logger;
  settings?: SessionCacheSettings;
}): SessionCache {
  const { accounts, logger } = options;
  const settings = options.settings ?? DEFAULT_SESSION_CACHE;
  const entries = new Map<string, Entry>();
  const byUser = new Map<string, Set<string>>();
  const keys = new Map<string, KeyEntry>();
  // Bumped by every event and every change of the stream's state: a lookup that began before one
  // may have read what it ends, so its answer is not stored.
  let epoch = 0;
  let connected = false;
  let lastLineAt = 0;
  let stopped = false;
  let current: ClientRequest | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = 250;
  const markers = new Map<string, () => void>();

  const drop = (hash: string) => {
    const entry = entries.get(hash);
    if (!entry) return;
    entries.delete(hash);
    const hashes = byUser.get(entry.userId);
    hashes?.delete(hash);
    if (hashes?.size === 0) byUser.delete(entry.userId);
  };
  const dropUser = (userId: string) => {
    for (const hash of byUser.get(userId) ?? []) entries.delete(hash);
    byUser.delete(userId);
  };
  const clear = () => {
    epoch++;
    entries.clear();
    byUser.clear();
    keys.clear();
  };
  const store = (hash: string, value: SessionIdentity, at: number) => {
    drop(hash);
    if (entries.size >= settings.maxEntries) {
      const oldest = entries.keys().next();
      if (!oldest.done) drop(oldest.value);
    }
    const userId = value.identity.sub ?? '';
    entries.set(hash, {
      value,
      userId,
      storedAt: at,
      endsAt: Math.min(Date.parse(value.expiresAt), Date.parse(value.idleExpiresAt)),
      refreshing: false,
    });
    let hashes = byUser.get(userId);
    if (!hashes) byUser.set(userId, (hashes = new Set()));
    hashes.add(hash);
  };

  const live = () => connected && Date.now() - lastLineAt <= settings.silenceMs;

  const ask = async (token: string, hash: string): Promise<SessionIdentity> => {
    const began = epoch;
    try {
      const value = await accounts.session(token);
      if (live() && began === epoch) store(hash, value, Date.now());
      return value;
    } catch (error) {
      if (error instanceof AccountsRefusal) drop(hash);
      throw error;
    }
  };

  const disconnected = (reason: string, error?: unknown) => {
    if (connected) logger.warn({ err: error, reason }, 'session events lost; no session cache');
    connected = false;
    current = undefined;
    clear();
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      subscribe();
    }, delay);
    delay = Math.min(delay * 2, 5_000);
  };

  const onEvent = (block: string) => {
    lastLineAt = Date.now();
    let name = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (name === 'ready') {
      clear();
      connected = true;
      delay = 250;
      return;
    }
    if (name !== 'message' || !data) return;
    if (data.startsWith('sync:')) {
      markers.get(data.slice(5))?.();
      return;
    }
    epoch++;
    if (data.startsWith('s:')) drop(data.slice(2));
    else if (data.startsWith('u:')) dropUser(data.slice(2));
    else if (data.startsWith('k:')) keys.delete(data.slice(2));
    else clear();
  };

  function subscribe() {
    if (stopped || !options.url) return;
    const target = new URL(EVENTS_PATH, options.url);
    const headers = {
      accept: 'text/event-stream',
      [REQUEST_ID_HEADER]: 'gateway-session-events',
      ...signIdentity(serviceIdentity('gateway'), options.identitySecret, {
        method: 'GET',
        path: target.pathname,
        audience: 'accounts',
        body: '',
      }),
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'GET', headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return disconnected(`answered ${res.statusCode}`);
      }
      res.setEncoding('utf8');
      let buffered = '';
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          onEvent(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
        }
      });
      res.on('close', () => {
        if (current === req) disconnected('stream ended');
      });
    });
    current = req;
    req.on('error', (error) => {
      if (current === req) disconnected('stream failed', error);
    });
    req.end();
  }

  // A stream that went quiet (a half-open connection) is given up and opened again.
  const watchdog = setInterval(() => {
    if (connected && Date.now() - lastLineAt > settings.silenceMs) {
      const stale = current;
      disconnected('stream silent');
      stale?.destroy();
    }
  }, 500);
  watchdog.unref();
  subscribe();

  async function session(token: string): Promise<SessionIdentity> {
    if (!live()) return accounts.session(token);
    const hash = hashOf(token);
    const entry = entries.get(hash);
    const now = Date.now();
    if (!entry || now - entry.storedAt >= settings.maxAgeMs || now >= entry.endsAt)
      return ask(token, hash);
    if (now - entry.storedAt >= settings.maxAgeMs / 2 && !entry.refreshing) {
      entry.refreshing = true;
      ask(token, hash).catch((error: unknown) => {
        entry.refreshing = false;
        if (!(error instanceof AccountsRefusal))
          logger.warn({ err: error }, 'session refresh failed');
      });
    }
    return entry.value;
  }

  const askKey = async (key: string, hash: string): Promise<ApiKeyIdentity> => {
    const began = epoch;
    try {
      const value = await accounts.apiKey(key);
      if (live() && began === epoch) {
        keys.delete(hash);
        if (keys.size >= settings.maxEntries) {
          const oldest = keys.keys().next();
          if (!oldest.done) keys.delete(oldest.value);
        }
        keys.set(hash, { value, storedAt: Date.now(), refreshing: false });
      }
      return value;
    } catch (error) {
      if (error instanceof AccountsRefusal) keys.delete(hash);
      throw error;
    }
  };

  // As sessions: trusted for maxAgeMs while the stream is up, refreshed in the background after half
  // of it (so the key's last use keeps being recorded), dropped at once when the key is revoked.
  async function apiKey(key: string): Promise<ApiKeyIdentity> {
    if (!live()) return accounts.apiKey(key);
    const hash = hashOf(key);
    const entry = keys.get(hash);
    const now = Date.now();
    if (!entry || now - entry.storedAt >= settings.maxAgeMs) return askKey(key, hash);
    if (now - entry.storedAt >= settings.maxAgeMs / 2 && !entry.refreshing) {
      entry.refreshing = true;
      askKey(key, hash).catch((error: unknown) => {
        entry.refreshing = false;
        if (!(error instanceof AccountsRefusal))
          logger.warn({ err: error }, 'API key refresh failed');
      });
    }
    return entry.value;
  }

  // Postgres delivers notifications in commit order, and the marker is sent after the change
  // committed: once the marker is here, so are the change's own events.
  async function settle(): Promise<void> {
    if (!live()) return clear();
    const marker = randomUUID();
    const arrived = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), SETTLE_TIMEOUT_MS);
      markers.set(marker, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    try {
      await accounts.syncEvents(marker);
      if (!(await arrived)) clear();
    } catch (error) {
      logger.warn({ err: error }, 'session events could not be synced; cache cleared');
      clear();
    } finally {
      markers.delete(marker);
    }
  }

  return {
    // What this gateway ends itself is forgotten before it answers, not when the event comes back.
    accounts: {
      ...accounts,
      session,
      apiKey,
      async signOut(token) {
        await accounts.signOut(token);
        epoch++;
        drop(hashOf(token));
      },
      async confirmPasswordReset(body) {
        await accounts.confirmPasswordReset(body);
        await settle();
      },
    },
    live,
    clear,
    settle,
    stop() {
      stopped = true;
      clearInterval(watchdog);
      if (retry) clearTimeout(retry);
      const open = current;
      current = undefined;
      connected = false;
      clear();
      open?.destroy();
    },
  };
}
