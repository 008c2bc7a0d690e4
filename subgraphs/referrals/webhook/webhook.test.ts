import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './webhook-http';
import { DEFAULT_RETRY_SCHEDULE_MS, nextDelayMs } from './webhook-settings';
import { newWebhookSecret, webhookHeaders } from './webhook-signature';
import { isPublicAddress, resolveWebhookTarget, UnsafeUrlError } from './webhook-url';

describe('webhook URLs', () => {
  it('tells public addresses from loopback, private, link-local, metadata and mapped ones', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111'])
      expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.0.0.5',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      'not-an-ip',
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('refuses http in production, names that resolve to loopback, and lets named hosts through', async () => {
    const production = { httpsOnly: true, allowedHosts: [] };
    await expect(resolveWebhookTarget('http://93.184.216.34/x', production)).rejects.toThrow(
      'must use https',
    );
    await expect(resolveWebhookTarget('https://localhost/x', production)).rejects.toBeInstanceOf(
      UnsafeUrlError,
    );
    await expect(resolveWebhookTarget('https://127.0.0.1/x', production)).rejects.toThrow(
      /private/,
    );
    const target = await resolveWebhookTarget('http://127.0.0.1:9/x', {
      httpsOnly: false,
      allowedHosts: ['127.0.0.1'],
    });
    expect(target).toMatchObject({ address: '127.0.0.1', family: 4 });
  });
});

describe('webhook signatures', () => {
  it('verify with the standardwebhooks package, with either secret during a rotation', () => {
    const [old, fresh] = [newWebhookSecret(), newWebhookSecret()];
    const body = JSON.stringify({ type: 'referral.accepted', data: { referralId: 'r1' } });
    const headers = webhookHeaders('msg_1', body, [fresh, old]);
    expect(new Webhook(fresh).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(old).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(fresh).verify(`${body} `, headers)).toThrow();
  });
});

describe('the retry schedule', () => {
  it('waits 5 s, 5 min ... 24 h, gives up after ten attempts, and honours Retry-After', () => {
    const schedule = DEFAULT_RETRY_SCHEDULE_MS;
    expect(nextDelayMs(1, schedule, null)).toBe(5000);
    expect(nextDelayMs(2, schedule, null)).toBe(300_000);
    expect(nextDelayMs(9, schedule, null)).toBe(24 * 3600_000);
    expect(nextDelayMs(10, schedule, null)).toBeNull();
    expect(nextDelayMs(1, schedule, 120_000)).toBe(120_000);
    expect(nextDelayMs(1, schedule, 10 * 24 * 3600_000)).toBe(24 * 3600_000);
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(50_000);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
