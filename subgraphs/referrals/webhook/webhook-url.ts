import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Where webhooks may go: https only in production; private hosts only when named. */
export interface WebhookUrlPolicy {
  /** Plain http is refused in production. */
  httpsOnly: boolean;
  /** Hosts (names or addresses) let through although private, e.g. `127.0.0.1` in tests. */
  allowedHosts: readonly string[];
}

/** Why a URL was refused, in words for the person who typed it. */
export class UnsafeUrlError extends Error {}

/**
 * Addresses a webhook may never reach unless allowed by name: this machine, private networks,
 * link-local (cloud metadata at 169.254.169.254 and fd00:ec2::254), carrier-grade NAT (another
 * cloud's metadata), multicast and reserved ranges.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

/** Whether an address is on the public internet (an IPv4-mapped IPv6 address is its IPv4 one). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return false;
  return !BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A URL checked for its form: what a receiver may be, before any lookup. */
export function parseWebhookUrl(text: string, policy: WebhookUrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UnsafeUrlError('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UnsafeUrlError('must be an https URL');
  if (url.protocol === 'http:' && policy.httpsOnly) throw new UnsafeUrlError('must use https');
  if (url.username || url.password) throw new UnsafeUrlError('must not carry a user or password');
  if (text.length > 2000) throw new UnsafeUrlError('must be at most 2000 characters');
  return url;
}

/** The URL's host as an address or name, without IPv6 brackets. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

export interface ResolvedTarget {
  url: URL;
  /** The address to connect to: checked, so DNS cannot change it between check and connect. */
  address: string;
  family: 4 | 6;
}

/**
 * Resolves the URL's host and checks every address it has: a name that resolves to a private
 * address anywhere is refused (a rebinding name would otherwise pick its moment). Allowed hosts
 * pass by name or by address. The caller connects to the address returned, not to the name.
 */
export async function resolveWebhookTarget(
  text: string,
  policy: WebhookUrlPolicy,
): Promise<ResolvedTarget> {
  const url = parseWebhookUrl(text, policy);
  const host = hostOf(url);
  const allowed = new Set(policy.allowedHosts.map((h) => h.toLowerCase()));
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new UnsafeUrlError('has a host name that does not resolve');
    }
  }
  if (addresses.length === 0) throw new UnsafeUrlError('has a host name that does not resolve');
  const hostAllowed = allowed.has(host.toLowerCase());
  for (const { address } of addresses) {
    if (!hostAllowed && !allowed.has(address) && !isPublicAddress(address))
      throw new UnsafeUrlError('must not point to a private, loopback or link-local address');
  }
  const [first] = addresses;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
