import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from './support/http';
import { startStack, type TestStack } from './support/stack';

/**
 * The gateway phones nobody: no usage report to Apollo, no probe of cloud metadata addresses
 * (which, off a cloud, log 403s and time out). GCP's metadata address can be pointed at a local
 * server (GCE_METADATA_HOST), which stands in for all of them here.
 */
describe('a gateway sends nothing it was not asked to', () => {
  let metadata: Server;
  const probes: string[] = [];
  let stack: TestStack;
  beforeAll(async () => {
    metadata = createServer((req, res) => {
      probes.push(req.url ?? '');
      res.writeHead(403).end();
    });
    await new Promise<void>((done) => metadata.listen(0, '127.0.0.1', done));
    process.env.GCE_METADATA_HOST = `127.0.0.1:${(metadata.address() as AddressInfo).port}`;
    delete process.env.APOLLO_TELEMETRY_DISABLED;
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
    metadata.close();
  });

  it('probes no cloud metadata server while it starts and answers', async () => {
    const res = await postJson(stack.gatewayUrl, { query: '{ __typename }' });
    expect(res.status).toBe(200);
    await new Promise((wait) => setTimeout(wait, 1500));
    expect(probes).toEqual([]);
  });
});
