/**
 * Referrals waiting to be sent, kept on this device only (they name a person): each with the
 * idempotency key made once for its draft, so every retry (after a dropped signal, from another
 * tab, or a second tap) asks the API for the same referral and it is made once. A referral the API
 * refuses (bad input, not allowed) leaves the queue's retries with its error, to be fixed and sent
 * again by hand; one that could not reach the API waits for the next `online` event or app start.
 */

/** What createReferral takes, as JSON (dates as ISO strings). */
export interface ReferralInputJson {
  resourceId: string;
  person: {
    displayName: string;
    preferredLanguage?: string | null;
    contactMethod: string;
    contact?: string | null;
    contactAllowed: boolean;
  };
  needs: string[];
  setting: string;
  expectedDischargeAt?: string | null;
  urgency: string;
  notes?: string | null;
  consent?: {
    disclosingParty: string;
    information: string[];
    informationDescription?: string | null;
    purpose: string;
    revocationAcknowledged: boolean;
    expiresAt: string;
    method: string;
    signedBy: string;
    representativeRelationship?: string | null;
    signedAt: string;
  } | null;
}

export interface Refusal {
  code: string;
  message: string;
  /** The input the API refused, without the `input.` prefix, e.g. `consent.expiresAt`. */
  field?: string;
}

export interface Queued {
  key: string;
  /** The listing's name, to say what waits without opening the person's details. */
  resourceName: string;
  input: ReferralInputJson;
  queuedAt: string;
  /** A tab is sending it until this time (ms); another tab leaves it alone meanwhile. */
  sendingUntil?: number;
  /** The API refused it: kept (with the error) until it is fixed or discarded, never retried alone. */
  refused?: Refusal;
}

/** Where the queue lives: localStorage in the app, memory in unit tests. */
export interface QueueStore {
  read(): Queued[];
  write(items: Queued[]): void;
}

export const OUTBOX_KEY = 'refer:outbox';

export function localStore(storage: Storage = localStorage): QueueStore {
  return {
    read() {
      try {
        const text = storage.getItem(OUTBOX_KEY);
        return text ? (JSON.parse(text) as Queued[]) : [];
      } catch {
        return [];
      }
    },
    write(items) {
      if (items.length === 0) storage.removeItem(OUTBOX_KEY);
      else storage.setItem(OUTBOX_KEY, JSON.stringify(items));
    },
  };
}

export function memoryStore(): QueueStore {
  let items: Queued[] = [];
  return {
    read: () => structuredClone(items),
    write: (next) => void (items = structuredClone(next)),
  };
}

/** A fresh idempotency key for a new draft. */
export const newKey = (): string => crypto.randomUUID();

/** Adds (or, with the same key, replaces) a referral to send; a refused one becomes sendable again. */
export function enqueue(store: QueueStore, item: Omit<Queued, 'queuedAt'>): void {
  const items = store.read().filter((queued) => queued.key !== item.key);
  items.push({ ...item, refused: undefined, queuedAt: new Date().toISOString() });
  store.write(items);
}

export function discard(store: QueueStore, key: string): void {
  store.write(store.read().filter((queued) => queued.key !== key));
}

/** How the API answered one send: a referral id, or why not. */
export type SendResult =
  { kind: 'sent'; id: string } | { kind: 'refused'; refusal: Refusal } | { kind: 'unreachable' };

export type Send = (key: string, input: ReferralInputJson) => Promise<SendResult>;

/** A send lasting longer than this is taken as lost (the tab closed): another may try. */
export const LEASE_MS = 60_000;

/**
 * Sends every queued referral not refused and not being sent by another tab, each under its own
 * key; resolves with what happened to each one this call tried. Sent ones leave the device.
 */
export async function flush(
  store: QueueStore,
  send: Send,
  now: () => number = Date.now,
): Promise<Map<string, SendResult>> {
  const results = new Map<string, SendResult>();
  for (;;) {
    // Claim one item at a time (read and write with no await between: one tab at a time).
    const items = store.read();
    const item = items.find(
      (queued) =>
        !queued.refused &&
        !results.has(queued.key) &&
        (queued.sendingUntil === undefined || queued.sendingUntil <= now()),
    );
    if (!item) return results;
    item.sendingUntil = now() + LEASE_MS;
    store.write(items);

    let result: SendResult;
    try {
      result = await send(item.key, item.input);
    } catch {
      result = { kind: 'unreachable' };
    }
    results.set(item.key, result);
    const after = store.read();
    if (result.kind === 'sent') store.write(after.filter((queued) => queued.key !== item.key));
    else
      store.write(
        after.map((queued) =>
          queued.key === item.key
            ? {
                ...queued,
                sendingUntil: undefined,
                refused: result.kind === 'refused' ? result.refusal : undefined,
              }
            : queued,
        ),
      );
  }
}

/** Codes that mean "try again later" rather than "this referral is wrong". */
const TRANSIENT = new Set([
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
  'INTERNAL',
  'INTERNAL_SERVER_ERROR',
  'UNAUTHENTICATED',
]);

export const isTransient = (code: string): boolean => TRANSIENT.has(code);

/** The API's field path without the operation's argument name: `input.consent.x` → `consent.x`. */
export const fieldOf = (field: string | undefined): string | undefined =>
  field?.replace(/^input\./, '');
