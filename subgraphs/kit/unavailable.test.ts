import { describe, expect, it } from 'vitest';
import { isUnavailable } from './unavailable';

describe('a database that is not answering, told apart from a fault of ours', () => {
  it('knows refused and lost connections, and Postgres shutting down, however deeply wrapped', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(isUnavailable(refused)).toBe(true);
    expect(isUnavailable(new Error('wrapped', { cause: refused }))).toBe(true);
    expect(isUnavailable({ originalError: new AggregateError([refused]) })).toBe(true);
    expect(isUnavailable(Object.assign(new Error('terminating'), { code: '57P01' }))).toBe(true);
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves our own faults and the client’s mistakes alone', () => {
    expect(isUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailable(Object.assign(new Error('syntax'), { code: '42601' }))).toBe(false);
    expect(isUnavailable(null)).toBe(false);
  });
});
