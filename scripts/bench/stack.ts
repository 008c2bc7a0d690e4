import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createGatewayApp } from '../../gateway/app';
import type { GatewayConfig } from '../../gateway/config';
import { createLogger } from '../../subgraphs/kit/logger';
import type { MikroORM } from '../../subgraphs/kit/orm';
import { projectRoot } from '../../subgraphs/kit/paths';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from '../../subgraphs/kit/postgres';
import { listen } from '../../subgraphs/kit/server';
import type { RunningSubgraph } from '../../subgraphs/kit/subgraph';
import { startSubgraphTap, type SubgraphTap } from '../subgraph-tap';
import { SUBGRAPHS } from '../subgraphs';

const logger = createLogger('bench', 'silent');

/** Limits high enough that the gateway never refuses a benchmark's load for its rate. */
const UNLIMITED_RATE = 100_000_000;

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? done(address.port)
          : fail(new Error('no free port')),
      );
    });
  });
}

/** A fresh temporary folder for one run (a Postgres cluster, generated files), readable by Postgres. */
export function scratchFolder(bench: string): string {
  const folder = mkdtempSync(join(tmpdir(), `bench-${bench}-`));
  chmodSync(folder, 0o755); // Postgres runs as its own user when we are root.
  return folder;
}

export async function startScratchPostgres(folder: string): Promise<EmbeddedServer> {
  return startEmbeddedPostgres({
    dataDir: join(folder, 'pg'),
    port: await freePort(),
    persistent: false,
  });
}

/** Runs `bench` against a Postgres server of its own, which is gone afterwards with its folder. */
export async function withScratchPostgres<T>(
  bench: string,
  run: (server: EmbeddedServer) => Promise<T>,
): Promise<T> {
  const folder = scratchFolder(bench);
  let server: EmbeddedServer | undefined;
  try {
    server = await startScratchPostgres(folder);
    return await run(server);
  } finally {
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

export interface StackOptions {
  /** The gateway's query cost limit. */
  maxCost: number;
  /** Subgraphs the timed gateway reaches through their tap: its timings then include the tap's hop. */
  throughTaps?: readonly string[];
  /** A second gateway through every tap, so that counting what a query costs adds no hop to the timed one. */
  countingGateway?: boolean;
}

export interface Stack {
  identitySecret: string;
  jwtSecret: string;
  subgraphUrls: Record<string, string>;
  /** The gateway to time. */
  gatewayUrl: string;
  /** The gateway through every tap, when asked for. */
  countingGatewayUrl?: string;
  orms: Record<string, MikroORM>;
  /** A tap in front of each subgraph, recording what a gateway through it asks. */
  taps: Record<string, SubgraphTap>;
  /** Each subgraph as started, for a bench that reaches into its services. */
  subgraphs: Record<string, RunningSubgraph>;
  stop(): Promise<void>;
}

/** Every subgraph and the gateway in this process, as `npm start` runs them, with a tap before each subgraph. */
export async function startStack(server: EmbeddedServer, options: StackOptions): Promise<Stack> {
  const identitySecret = randomBytes(32).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  const subgraphUrls: Record<string, string> = {};
  const orms: Record<string, MikroORM> = {};
  const taps: Record<string, SubgraphTap> = {};
  const subgraphs: Record<string, RunningSubgraph> = {};
  const stops: (() => Promise<void>)[] = [];
  for (const { definition } of SUBGRAPHS) {
    const url = server.urlFor(`bench_${definition.name}`);
    await ensureDatabase(url);
    const orm = await definition.initOrm(url, logger);
    orms[definition.name] = orm;
    const runtime = { orm, identitySecret, logger, production: false, subgraphUrls };
    const started = await definition.start(runtime);
    subgraphs[definition.name] = started;
    const running = await listen(started.app, 0, '127.0.0.1');
    subgraphUrls[definition.name] = running.url.replace('localhost', '127.0.0.1');
    const tap = await startSubgraphTap(subgraphUrls[definition.name]);
    taps[definition.name] = tap;
    stops.push(async () => {
      await started.stop();
      await running.close();
      await tap.close();
      await orm.close(true);
    });
  }
  const gateway = async (urls: Record<string, string>) => {
    const config: GatewayConfig = {
      production: false,
      logLevel: 'silent',
      port: 0,
      supergraphPath: resolve(projectRoot(), 'schema', 'supergraph.graphql'),
      identitySecret,
      auth: { jwtSecret },
      subgraphUrls: urls,
      trustProxy: false,
      limits: {
        maxDepth: 10,
        maxAliases: 15,
        maxCost: options.maxCost,
        maxTokens: 3000,
        bodyLimitBytes: 2 * 1024 * 1024,
      },
      rateLimit: { perUserPerMinute: UNLIMITED_RATE, perAddressPerMinute: UNLIMITED_RATE },
    };
    const { app, apollo } = await createGatewayApp(config, logger);
    const running = await listen(app, 0, '127.0.0.1');
    stops.push(async () => {
      await apollo.stop();
      await running.close();
    });
    return running.url.replace('localhost', '127.0.0.1');
  };
  const tapped = (name: string) => taps[name].url;
  const gatewayUrl = await gateway(
    Object.fromEntries(
      Object.entries(subgraphUrls).map(([name, url]) => [
        name,
        options.throughTaps?.includes(name) ? tapped(name) : url,
      ]),
    ),
  );
  const countingGatewayUrl = options.countingGateway
    ? await gateway(
        Object.fromEntries(Object.keys(subgraphUrls).map((name) => [name, tapped(name)])),
      )
    : undefined;
  return {
    identitySecret,
    jwtSecret,
    subgraphUrls,
    gatewayUrl,
    countingGatewayUrl,
    orms,
    taps,
    subgraphs,
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/** A service in a Node process of its own, as production runs it. */
export interface ServiceProcess {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `dist/<entry>` with only the environment given (and PATH), and waits for its /healthz.
 * `port` is where the service listens, as its environment tells it.
 */
export async function startServiceProcess(
  entry: string,
  port: number,
  env: Record<string, string>,
  /** Where `entry` is, under the project (`dist` unless said). */
  folder = 'dist',
  /** Node's own options (`--cpu-prof`, which NODE_OPTIONS may not carry). */
  nodeArgs: string[] = [],
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [...nodeArgs, resolve(projectRoot(), folder, entry)], {
    env: { PATH: process.env.PATH, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
  for (let i = 0; ; i += 1) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 200 || child.exitCode !== null) {
      await stop();
      throw new Error(`${entry} did not start`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid!, url: `${base}/graphql`, stop };
}

/** `RESOURCES_URL` and the like: where a gateway finds each subgraph, as its settings name it. */
const subgraphUrlSettings = (urls: Record<string, string>) =>
  Object.fromEntries(Object.entries(urls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));

/** The gateway in a process of its own, as docker-compose runs it, in front of the given subgraphs. */
export async function startGatewayProcess(
  secrets: { identitySecret: string; jwtSecret: string },
  subgraphUrls: Record<string, string>,
  nodeArgs: string[] = [],
  /** More settings (NODE_ENV=production with what production requires). */
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess(
    'gateway/main.js',
    port,
    {
      GATEWAY_PORT: String(port),
      AUTH_JWT_SECRET: secrets.jwtSecret,
      IDENTITY_SIGNING_SECRET: secrets.identitySecret,
      ...subgraphUrlSettings(subgraphUrls),
      MAX_COST: '50000',
      RATE_LIMIT_PER_USER_PER_MINUTE: String(UNLIMITED_RATE),
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: String(UNLIMITED_RATE),
      ...env,
    },
    'dist',
    nodeArgs,
  );
}

/**
 * The Hive Gateway (scripts/bench/hive-gateway.mjs, run as it is) in a process of its own, over the same
 * supergraph and subgraphs, for a benchmark that compares gateways.
 */
export async function startHiveGatewayProcess(
  identitySecret: string,
  subgraphUrls: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  return startServiceProcess(
    'scripts/bench/hive-gateway.mjs',
    port,
    {
      PORT: String(port),
      IDENTITY_SIGNING_SECRET: identitySecret,
      ...subgraphUrlSettings(subgraphUrls),
      ...env,
    },
    '.',
  );
}
