import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** What the receiver answers on a path: a status (and headers), or nothing at all (hang). */
export type Behaviour =
  | { status: number; headers?: Record<string, string> }
  | 'hang'
  | ((count: number) => { status: number; headers?: Record<string, string> });

/**
 * A real HTTP receiver for webhooks on 127.0.0.1: records every request by path and answers as
 * told for that path (200 by default). Hung requests stay open until `release()` or `close()`.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const behaviours = new Map<string, Behaviour>();
  const hung = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      received.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
      const behaviour = behaviours.get(path) ?? { status: 200 };
      if (behaviour === 'hang') {
        hung.add(res);
        res.on('close', () => hung.delete(res));
        return;
      }
      const count = received.filter((r) => r.path === path).length;
      const answer = typeof behaviour === 'function' ? behaviour(count) : behaviour;
      res.writeHead(answer.status, answer.headers).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    on(path: string, behaviour: Behaviour) {
      behaviours.set(path, behaviour);
    },
    at: (path: string) => received.filter((r) => r.path === path),
    /** Requests held open right now. */
    hanging: () => hung.size,
    release() {
      for (const res of hung) res.writeHead(200).end();
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
