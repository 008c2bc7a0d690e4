import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './webhook-url';

export interface WebhookResponse {
  /** The HTTP status, or null when no response came (refused, reset, timed out). */
  status: number | null;
  /** `Retry-After` in milliseconds, when the receiver sent one that parses. */
  retryAfterMs: number | null;
  error: string | null;
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * POSTs one webhook to the checked address (the name stays in the Host header and, for https, in
 * SNI and certificate checks). Redirects are not followed; the answer's body is not read beyond
 * what the socket holds. The whole exchange ends at `timeoutMs` or when `signal` aborts.
 */
export function postWebhook(
  target: ResolvedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<WebhookResponse> {
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (response: WebhookResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(response);
    };
    const request = client.request(
      target.url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'user-agent': 'referral-hub-webhooks',
          'content-length': String(Buffer.byteLength(body)),
        },
        lookup: pinned,
        agent: false,
      },
      (response) => {
        response.resume();
        response.on('error', () => {});
        const retryAfter: string | undefined = response.headers['retry-after'];
        done({
          status: response.statusCode ?? null,
          retryAfterMs: parseRetryAfter(retryAfter),
          error: null,
        });
        response.destroy();
      },
    );
    const fail = (error: string) => {
      done({ status: null, retryAfterMs: null, error });
      request.destroy();
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
    const onAbort = () => fail('aborted');
    signal?.addEventListener('abort', onAbort);
    request.on('error', (error) => fail(error.message));
    request.end(body);
  });
}
