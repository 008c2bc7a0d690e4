import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_IDLE_SOCKET_MS, listen, type RunningServer } from './server';

let server: RunningServer;

beforeAll(async () => {
  const app = express();
  app.get('/graphql', (_req, res) => void res.json({ ok: true }));
  server = await listen(app, 0);
});
afterAll(() => server?.close());

describe('keep-alive between the gateway and a subgraph', () => {
  it('keeps an idle connection open longer than our clients keep it, so a client never reuses one the server is closing', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    const announced = /timeout=(\d+)/.exec(res.headers.get('keep-alive') ?? '')?.[1];
    expect(announced, 'the server announces its keep-alive timeout').toBeDefined();
    expect(Number(announced) * 1000).toBeGreaterThan(CLIENT_IDLE_SOCKET_MS);
  });
});
