import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { ANONYMOUS, verifyIdentity } from '../subgraphs/kit/identity';
import { createLogger } from '../subgraphs/kit/logger';
import { hsdsProxy } from './hsds-proxy';

const SECRET = 'x'.repeat(40);
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0))
    await new Promise((r) => {
      s.closeAllConnections();
      s.close(r);
    });
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

/** The proxy alone, as the gateway mounts it, in front of `resourcesUrl`. */
async function gateway(resourcesUrl: string | undefined, timeoutMs = 300): Promise<string> {
  const app = express();
  app.use(
    '/hsds',
    (req, _res, next) => {
      req.hub = { requestId: 'req-1', identity: { ...ANONYMOUS, sub: 'u1', roles: ['peer'] } };
      next();
    },
    hsdsProxy({
      resourcesUrl,
      identitySecret: SECRET,
      logger: createLogger('test', 'silent'),
      timeoutMs,
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function get(url: string) {
  const response = await fetch(url);
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: JSON.parse(text) as {
      errors: { message: string; extensions: Record<string, unknown> }[];
    },
  };
}

describe('the /hsds proxy', () => {
  it('forwards path and query with the identity signed and the request id, and returns the answer as is', async () => {
    let seen: { url?: string; identity?: unknown; requestId?: unknown } = {};
    const upstream = await serve((req, res) => {
      seen = {
        url: req.url,
        identity: verifyIdentity(req.headers, SECRET, {
          method: 'GET',
          path: req.url ?? '',
          audience: 'resources',
        }),
        requestId: req.headers['x-request-id'],
      };
      res
        .writeHead(404, { 'content-type': 'application/json; charset=utf-8' })
        .end('{"errors":[{"message":"nope"}]}');
    });
    const res = await get(`${await gateway(upstream)}/hsds/services/abc?x=1&y=%20z`);
    expect(seen).toEqual({
      url: '/hsds/services/abc?x=1&y=%20z',
      identity: { sub: 'u1', roles: ['peer'], org: null, peer: null },
      requestId: 'req-1',
    });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errors: [{ message: 'nope' }] });
  });

  it('answers 504 when the subgraph is too slow, and 502 when it is down, never naming it', async () => {
    const slow = await serve(() => {});
    const timedOut = await get(`${await gateway(slow, 100)}/hsds/services`);
    expect(timedOut.status).toBe(504);
    expect(timedOut.body.errors[0].extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      requestId: 'req-1',
    });
    expect(timedOut.text).not.toContain(new URL(slow).port);

    const down = await serve(() => {});
    const port = new URL(down).port;
    await new Promise((r) => {
      servers.pop()!.close(r);
    });
    const refused = await get(`${await gateway(down)}/hsds/services`);
    expect(refused.status).toBe(502);
    expect(refused.text).not.toContain(port);
    expect((await get(`${await gateway(undefined)}/hsds/services`)).status).toBe(502);
  });

  it('treats a refused signature or an answer that is not JSON as its own failure (502)', async () => {
    const refusing = await serve((_req, res) => {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"errors":[{"message":"send your request to the gateway"}]}');
    });
    const unsigned = await get(`${await gateway(refusing)}/hsds/services`);
    expect(unsigned.status).toBe(502);
    expect(unsigned.text).not.toContain('gateway');
    const html = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hello</h1>');
    });
    expect((await get(`${await gateway(html)}/hsds/services`)).status).toBe(502);
  });
});
