import { describe, expect, it } from 'vitest';
import { retryDelayMs, targetOf } from './indexer';

describe('targetOf', () => {
  it('collects what the outbox rows name, once each', () => {
    expect(
      targetOf([
        { kind: 'resource', entity_id: 'r1' },
        { kind: 'resource', entity_id: 'r1' },
        { kind: 'location', entity_id: 'l1' },
        { kind: 'organization', entity_id: 'o1' },
      ]),
    ).toEqual({ all: false, resourceIds: ['r1'], locationIds: ['l1'], organizationIds: ['o1'] });
    expect(targetOf([{ kind: 'all', entity_id: null }]).all).toBe(true);
  });
});

describe('retryDelayMs', () => {
  it('backs off exponentially up to a ceiling', () => {
    const around = (attempts: number) => retryDelayMs(attempts, 500, 60_000);
    expect(around(1)).toBeGreaterThanOrEqual(400);
    expect(around(1)).toBeLessThanOrEqual(600);
    expect(around(4)).toBeGreaterThanOrEqual(3200);
    expect(around(4)).toBeLessThanOrEqual(4800);
    expect(around(30)).toBeLessThanOrEqual(72_000);
  });
});
