import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** One request the gateway sent to a subgraph, as the subgraph received it. */
export interface TappedRequest {
  query: string;
  /** How many entity representations an `_entities` request asked for (0 for other requests). */
  representations: number;
}

export interface SubgraphTap {
  /** Point the gateway here instead of at the subgraph. */
  url: string;
  requests: TappedRequest[];
  /** The `_entities` requests seen so far. */
  entityRequests(): TappedRequest[];
  clear(): void;
  close(): Promise<void>;
}

function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A pass-through HTTP proxy in front of one subgraph that records what the gateway asks it, so a
 * test or benchmark can count the fetches a query costs (for example: one batched `_entities`).
 * Only GraphQL operations are recorded; the gateway's other calls (the accounts subgraph's
 * `/internal/...` routes, its session event stream) pass through to the same path, unrecorded,
 * and answers are streamed, so a long-lived stream works through the tap as it does without it.
 */
export async function startSubgraphTap(target: string): Promise<SubgraphTap> {
  const requests: TappedRequest[] = [];
  const graphqlPath = new URL(target).pathname;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      const to = new URL(req.url ?? '/', target);
      if (to.pathname === graphqlPath) {
        try {
          const parsed = JSON.parse(body.toString('utf8')) as {
            query?: string;
            variables?: { representations?: unknown[] };
          };
          requests.push({
            query: parsed.query ?? '',
            representations: parsed.variables?.representations?.length ?? 0,
          });
        } catch {
          requests.push({ query: '', representations: 0 });
        }
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
          headers.set(name, value);
      }
      const response = await fetch(to, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
      });
      res.writeHead(response.status, {
        'content-type': response.headers.get('content-type') ?? 'application/json',
      });
      if (!response.body) return void res.end();
      const stream = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
      res.on('close', () => stream.destroy());
      stream.pipe(res);
    })().catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    requests,
    entityRequests: () => requests.filter((r) => /\b_entities\b/.test(r.query)),
    clear: () => void requests.splice(0),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
