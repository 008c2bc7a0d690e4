import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraph, type TestSubgraph } from '../../../test/support/stack';
import { referralsSubgraph } from '../subgraph';
import { CREATE, expectError, planner, referralInput } from './harness';

/** Any listing: the directory is never reached, so the ids need not exist. */
const nowhere = {
  resource: { id: randomUUID() },
  location: { id: randomUUID() },
};

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('when the resources subgraph cannot be asked', () => {
  let unreachable: TestSubgraph;
  let failing: TestSubgraph;
  let broken: Server;

  beforeAll(async () => {
    const secret = randomBytes(32).toString('hex');
    unreachable = await startSubgraph(referralsSubgraph, {
      identitySecret: secret,
      subgraphUrls: { resources: `http://127.0.0.1:${await closedPort()}/graphql` },
    });
    broken = createServer((_req, res) => res.writeHead(502).end());
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const { port } = broken.address() as AddressInfo;
    failing = await startSubgraph(referralsSubgraph, {
      identitySecret: secret,
      subgraphUrls: { resources: `http://127.0.0.1:${port}/graphql` },
    });
  });

  afterAll(async () => {
    await unreachable?.stop();
    await failing?.stop();
    await new Promise<void>((resolve) => (broken ? broken.close(() => resolve()) : resolve()));
  });

  it.each([
    ['unreachable', () => unreachable],
    ['answering with an error', () => failing],
  ])(
    'createReferral (%s) is SERVICE_UNAVAILABLE, tells the client to try again shortly, and writes nothing',
    async (_, subgraph) => {
      const who = planner();
      const body = await subgraph().execute(
        CREATE,
        { input: referralInput(nowhere), key: randomUUID() },
        who,
      );
      const error = expectError(body, 'SERVICE_UNAVAILABLE');
      expect(error.message).toMatch(/resource directory .*try again shortly/);
      expect(body.data).toBeNull();
      const written = await subgraph()
        .orm.em.fork()
        .getConnection()
        .execute('select id from referral where created_by = ?', [who.sub]);
      expect(written).toEqual([]);
    },
  );
});
