import { randomBytes } from 'node:crypto';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { MikroORM } from '@mikro-orm/postgresql';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SubgraphContext } from './context';
import { ANONYMOUS, signIdentity, type Identity } from './identity';
import { createLogger } from './logger';
import { startSubgraphProcess } from './run';
import { listen } from './server';
import { defineSubgraph, type SubgraphRuntime } from './subgraph';

/** A long-lived service: counts the requests it served, and knows whether it was closed. */
class Counter {
  served = 0;
  closed = false;
}

interface CounterServices {
  counter: Counter;
  greeting: string;
}

type CounterContext = SubgraphContext & CounterServices;

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { hit: Int! greeting: String! }
`);

/** A subgraph of one service, with a greeting a runner may choose. */
function counterSubgraph(
  log: string[],
  initOrm: (clientUrl: string) => Promise<MikroORM> = () =>
    Promise.reject(new Error('not used here')),
) {
  return defineSubgraph<CounterContext, CounterServices, { greeting: string }>({
    name: 'counter',
    defaultPort: 0,
    schema: () =>
      Promise.resolve(
        buildSubgraphSchema({
          typeDefs,
          resolvers: {
            Query: {
              hit: (_: unknown, __: unknown, ctx: unknown) =>
                ((ctx as CounterContext).counter.served += 1),
              greeting: (_: unknown, __: unknown, ctx: unknown) => (ctx as CounterContext).greeting,
            },
          },
        }),
      ),
    initOrm,
    start(_runtime, options) {
      log.push('start');
      const counter = new Counter();
      return Promise.resolve({
        services: { counter, greeting: options.greeting ?? 'hello' },
        stop: () => {
          log.push('stop');
          counter.closed = true;
          return Promise.resolve();
        },
      });
    },
    context: (base, services) => ({ ...base, ...services }),
  });
}

const logger = createLogger('test', 'silent');
let orm: MikroORM;
let runtime: SubgraphRuntime;

beforeAll(async () => {
  // The kit's context forks the ORM's entity manager per request; this subgraph has no tables.
  orm = await MikroORM.init({
    clientUrl: inject('postgresUrl'),
    entities: [],
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
  });
  runtime = { orm, identitySecret: randomBytes(32).toString('hex'), logger, production: false };
});

afterAll(() => orm?.close(true));

describe('a subgraph built with the kit', () => {
  it('builds its services once and hands the same ones to every request, then closes them at stop', async () => {
    const log: string[] = [];
    const counter = counterSubgraph(log);
    const running = await counter.start(runtime);
    const server = await listen(running.app, 0, '127.0.0.1');
    try {
      const body = JSON.stringify({ query: '{ hit }' });
      const ask = (identity: Identity) =>
        fetch(server.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...signIdentity(identity, runtime.identitySecret, {
              method: 'POST',
              path: '/graphql',
              audience: counter.name,
              body,
            }),
          },
          body,
        }).then((r) => r.json() as Promise<{ data: { hit: number } }>);
      const answers = await Promise.all([
        ask(ANONYMOUS),
        ask(ANONYMOUS),
        ask({ sub: 'u1', roles: ['peer'], org: null, peer: 'p1' }),
      ]);
      expect(answers.map((a) => a.data.hit).sort()).toEqual([1, 2, 3]);
      expect(running.services.counter.served).toBe(3);
      expect(log).toEqual(['start']);
    } finally {
      await server.close();
      await running.stop();
    }
    expect(log).toEqual(['start', 'stop']);
    expect(running.services.counter.closed).toBe(true);
  });

  it('keeps two running copies apart: each has its own services', async () => {
    const counter = counterSubgraph([]);
    const [a, b] = [await counter.start(runtime), await counter.start(runtime)];
    try {
      const base = (): SubgraphContext => ({
        identity: ANONYMOUS,
        em: orm.em.fork(),
        requestId: 'r',
        logger,
      });
      await a.execute({ query: '{ hit }' }, base());
      await a.execute({ query: '{ hit }' }, base());
      await b.execute({ query: '{ hit }' }, base());
      expect([a.services.counter.served, b.services.counter.served]).toEqual([2, 1]);
      expect(counter.servicesOf(b)).toBe(b.services);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("passes a runner's options to the services", async () => {
    const running = await counterSubgraph([]).start(runtime, { greeting: 'hola' });
    try {
      const answer = await running.execute(
        { query: '{ greeting }' },
        { identity: ANONYMOUS, em: orm.em.fork(), requestId: 'r', logger },
      );
      expect(answer.body).toMatchObject({
        kind: 'single',
        singleResult: { data: { greeting: 'hola' } },
      });
    } finally {
      await running.stop();
    }
  });

  it('refuses to hand one subgraph the services of another', async () => {
    const mine = counterSubgraph([]);
    const other = counterSubgraph([]);
    const running = await other.start(runtime);
    try {
      expect(() => mine.servicesOf(running)).toThrow(/was not started as/);
    } finally {
      await running.stop();
    }
  });

  it('closes the services it built when the rest of the start fails', async () => {
    const log: string[] = [];
    const broken = counterSubgraph(log);
    const failing = defineSubgraph<CounterContext, CounterServices, { greeting: string }>({
      name: 'broken',
      defaultPort: 0,
      schema: () => Promise.reject(new Error('no schema')),
      initOrm: (clientUrl, logger) => broken.initOrm(clientUrl, logger),
      start: () =>
        Promise.resolve({
          services: { counter: new Counter(), greeting: 'hello' },
          stop: () => {
            log.push('stop');
            return Promise.resolve();
          },
        }),
      context: (base, services) => ({ ...base, ...services }),
    });
    await expect(failing.start(runtime)).rejects.toThrow(/no schema/);
    expect(log).toEqual(['stop']);
  });
});

describe('a subgraph started as its container starts it', () => {
  /** An ORM of no tables on the test server (the kit's health check asks it `select 1`). */
  const tablelessOrm = (clientUrl: string) =>
    MikroORM.init({
      clientUrl,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      allowGlobalContext: false,
    });
  const env = (extra: Record<string, string> = {}) => ({
    COUNTER_DATABASE_URL: inject('postgresUrl'),
    COUNTER_PORT: '0',
    LOG_LEVEL: 'silent',
    IDENTITY_SIGNING_SECRET: randomBytes(32).toString('hex'),
    ...extra,
  });

  it('listens on 127.0.0.1 only unless HOST says otherwise', async () => {
    const started = await startSubgraphProcess(counterSubgraph([], tablelessOrm), env());
    try {
      // Bound to the loopback address itself, not to every interface: nothing outside reaches it.
      expect(started.server.host).toBe('127.0.0.1');
      const health = new URL('/healthz', started.server.url);
      expect(health.hostname).toBe('127.0.0.1');
      expect((await fetch(health)).status).toBe(200);
    } finally {
      await started.stop();
    }
  });

  it('listens on every interface in a container (HOST=0.0.0.0)', async () => {
    const started = await startSubgraphProcess(
      counterSubgraph([], tablelessOrm),
      env({ HOST: '0.0.0.0' }),
    );
    try {
      expect(started.server.host).toBe('0.0.0.0');
    } finally {
      await started.stop();
    }
  });
});

describe('the SDL a subgraph serves for composition', () => {
  const askSdl = async (production: boolean, query: string) => {
    const counter = counterSubgraph([]);
    const running = await counter.start({ ...runtime, production });
    const server = await listen(running.app, 0, '127.0.0.1');
    try {
      const body = JSON.stringify({ query });
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signIdentity(ANONYMOUS, runtime.identitySecret, {
            method: 'POST',
            path: '/graphql',
            audience: counter.name,
            body,
          }),
        },
        body,
      });
      return {
        status: response.status,
        text: await response.clone().text(),
        body: (await response.json()) as {
          data?: Record<string, unknown> | null;
          errors?: { message: string; extensions?: Record<string, unknown> }[];
        },
      };
    } finally {
      await server.close();
      await running.stop();
    }
  };

  it('in production, refuses any operation that selects _service, however it is spelled', async () => {
    for (const query of [
      '{ _service { sdl } }',
      '{ hit schema: _service { sdl } }',
      '{ ... on Query { _service { sdl } } }',
      'query { ...Sdl } fragment Sdl on Query { _service { sdl } }',
    ]) {
      const res = await askSdl(true, query);
      // A client's mistake is answered 200 with its code, so the gateway passes it on unmasked.
      expect(res.status, query).toBe(200);
      expect(res.body.data ?? null, query).toBeNull();
      expect(res.body.errors?.[0]?.extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.body.errors?.[0]?.message, query).toMatch(/_service is not served in production/);
      expect(res.text, query).not.toContain('type Query');
    }
    expect((await askSdl(true, '{ hit }')).body.data).toEqual({ hit: 1 });
  });

  it('in development, serves it (composition tools may ask)', async () => {
    const res = await askSdl(false, '{ _service { sdl } }');
    expect(res.body.errors).toBeUndefined();
    expect(JSON.stringify(res.body.data)).toContain('type Query');
  });
});
