import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { OutboxWorker } from './outbox-worker';

/** A worker whose rounds fail with `error`, and the levels of the lines it logged. */
async function failingRounds(error: Error): Promise<number[]> {
  const levels: number[] = [];
  const logger = createLogger('test', 'trace', {
    destination: {
      write: (line: string) => void levels.push((JSON.parse(line) as { level: number }).level),
    },
  });
  let rounds = 0;
  const worker = new OutboxWorker({
    name: 'test outbox',
    round: () => {
      rounds += 1;
      return Promise.reject(error);
    },
    batchSize: 10,
    pollMs: 5,
    logger,
  });
  await worker.start();
  await expect.poll(() => rounds).toBeGreaterThanOrEqual(2);
  await worker.stop();
  return levels;
}

const ERROR = 50;
const DEBUG = 20;

describe('an outbox worker whose round fails', () => {
  it('logs an error, and tries again', async () => {
    const levels = await failingRounds(Object.assign(new Error('boom'), { code: '42P01' }));
    expect(levels.length).toBeGreaterThanOrEqual(2);
    expect(levels.every((level) => level === ERROR)).toBe(true);
  });

  it('logs only at debug when the database is shutting down (Ctrl-C reaches it first)', async () => {
    for (const error of [
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
      Object.assign(new Error('the database system is shutting down'), { sqlState: '57P03' }),
    ]) {
      const levels = await failingRounds(error);
      expect(levels.length).toBeGreaterThanOrEqual(2);
      expect(levels.every((level) => level === DEBUG)).toBe(true);
    }
  });
});
