import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../kit/config';
import { referralsOptionsFromEnv } from '../services';

describe('referrals settings from the environment', () => {
  it('takes the notification lease from NOTIFICATION_LEASE_SECONDS, a minute by default', () => {
    expect(referralsOptionsFromEnv({}).dispatcher).toEqual({ leaseMs: 60_000 });
    expect(referralsOptionsFromEnv({ NOTIFICATION_LEASE_SECONDS: '10' }).dispatcher).toEqual({
      leaseMs: 10_000,
    });
  });

  it('refuses a lease too short to finish a delivery in, or longer than an hour', () => {
    for (const value of ['1', '7200', 'soon'])
      expect(() => referralsOptionsFromEnv({ NOTIFICATION_LEASE_SECONDS: value })).toThrow(
        ConfigError,
      );
  });
});
