import { describe, expect, it } from 'vitest';
import {
  enqueue,
  flush,
  LEASE_MS,
  memoryStore,
  newKey,
  type ReferralInputJson,
  type Send,
  type SendResult,
} from './outbox';

const input: ReferralInputJson = {
  resourceId: 'r1',
  person: { displayName: 'Maria G.', contactMethod: 'THROUGH_REFERRER', contactAllowed: false },
  needs: ['emergency-shelter'],
  setting: 'HOSPITAL',
  urgency: 'ROUTINE',
};

/** A stand-in for the API that remembers every key it was sent and makes one referral per key. */
function api(answers: SendResult['kind'][] = []) {
  const calls: string[] = [];
  const made = new Map<string, string>();
  const send: Send = async (key) => {
    calls.push(key);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const answer = answers.shift() ?? 'sent';
    if (answer === 'unreachable') return { kind: 'unreachable' };
    if (answer === 'refused')
      return {
        kind: 'refused',
        refusal: {
          code: 'BAD_USER_INPUT',
          message: 'must be in the future',
          field: 'consent.expiresAt',
        },
      };
    if (!made.has(key)) made.set(key, `referral-${made.size + 1}`);
    return { kind: 'sent', id: made.get(key)! };
  };
  return { send, calls, made };
}

describe('the referral outbox', () => {
  it('retries a referral that could not be sent with the same key, and forgets it once sent', async () => {
    const store = memoryStore();
    const key = newKey();
    enqueue(store, { key, resourceName: 'Harbor Shelter', input });
    const { send, calls, made } = api(['unreachable']);

    const first = await flush(store, send);
    expect(first.get(key)).toEqual({ kind: 'unreachable' });
    expect(store.read()).toHaveLength(1);

    const second = await flush(store, send);
    expect(second.get(key)).toEqual({ kind: 'sent', id: 'referral-1' });
    expect(calls).toEqual([key, key]);
    expect(made.size).toBe(1);
    // The person's details leave the device once the API has them.
    expect(store.read()).toEqual([]);
  });

  it('sends once when two tabs (or a double tap) flush at the same moment', async () => {
    const store = memoryStore();
    const key = newKey();
    enqueue(store, { key, resourceName: 'Harbor Shelter', input });
    // A second tap queues the same draft again: same key, still one item.
    enqueue(store, { key, resourceName: 'Harbor Shelter', input });
    expect(store.read()).toHaveLength(1);
    const { send, calls } = api();

    const [a, b] = await Promise.all([flush(store, send), flush(store, send)]);
    expect(calls).toEqual([key]);
    expect([...a.values(), ...b.values()]).toEqual([{ kind: 'sent', id: 'referral-1' }]);
    expect(store.read()).toEqual([]);
  });

  it('takes over a send a closed tab left halfway, under the same key', async () => {
    const store = memoryStore();
    const key = newKey();
    enqueue(store, { key, resourceName: 'Harbor Shelter', input });
    let clock = 1_000;
    const { send, calls } = api();
    // A tab claimed it and closed before the answer came.
    store.write(store.read().map((item) => ({ ...item, sendingUntil: clock + LEASE_MS })));
    expect((await flush(store, send, () => clock)).size).toBe(0);
    clock += LEASE_MS;
    expect((await flush(store, send, () => clock)).get(key)).toEqual({
      kind: 'sent',
      id: 'referral-1',
    });
    expect(calls).toEqual([key]);
  });

  it('keeps a refused referral with its error and does not send it again by itself', async () => {
    const store = memoryStore();
    const key = newKey();
    enqueue(store, { key, resourceName: 'Harbor Shelter', input });
    const { send, calls } = api(['refused']);

    await flush(store, send);
    await flush(store, send);
    expect(calls).toEqual([key]);
    expect(store.read()[0].refused).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'must be in the future',
      field: 'consent.expiresAt',
    });

    // Fixed and sent again by hand: the same draft, the same key, sendable again.
    enqueue(store, { key, resourceName: 'Harbor Shelter', input });
    expect((await flush(store, send)).get(key)).toEqual({ kind: 'sent', id: 'referral-1' });
    expect(calls).toEqual([key, key]);
  });

  it('a send that throws counts as unreachable and stays queued', async () => {
    const store = memoryStore();
    const key = newKey();
    enqueue(store, { key, resourceName: 'Harbor Shelter', input });
    const result = await flush(store, () => Promise.reject(new Error('network')));
    expect(result.get(key)).toEqual({ kind: 'unreachable' });
    expect(store.read()[0]).toMatchObject({ key, sendingUntil: undefined });
  });
});
