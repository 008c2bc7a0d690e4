import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../test/support/global-setup';
import { projectRoot } from '../subgraphs/kit/paths';

const dataDir = mkdtempSync(join(tmpdir(), 'hub-start-'));
chmodSync(dataDir, 0o755); // Postgres runs as its own user when we are root.
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const READY = 'Ctrl-C stops everything.';

/**
 * `npm start` in a process group of its own (as a terminal runs it), on free ports; stopped by
 * `signal` once ready, sent to the whole group (Ctrl-C at a terminal) or to node alone (a
 * supervisor). What it printed, and how it ended.
 */
async function startThenStop(signal: NodeJS.Signals, to: 'group' | 'node') {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Not the test runner's NODE_ENV: Apollo only handles signals itself outside tests, and that
  // handler is what cut the stop short.
  for (const key of ['NODE_ENV', 'DATABASE_URL', 'LOG_LEVEL']) delete env[key];
  for (const key of Object.keys(env)) if (key.endsWith('_DATABASE_URL')) delete env[key];
  for (const key of ['GATEWAY', 'RESOURCES', 'REFERRALS', 'PEERS', 'ACCOUNTS', 'EMBEDDED_POSTGRES'])
    env[`${key}_PORT`] = String(await freePort());
  env.DATA_DIR = dataDir;
  const child = spawn(process.execPath, [join(projectRoot(), 'dist', 'scripts', 'start.js')], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, endedBy) => resolve({ code, signal: endedBy })),
  );
  try {
    await expect.poll(() => output, { timeout: 120_000, interval: 200 }).toContain(READY);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  process.kill(to === 'group' ? -child.pid! : child.pid!, signal);
  return { ...(await ended), output };
}

/** Log lines at warn or above (pino's 40 and up), and the ordered stop's own complaints. */
const complaints = (output: string) =>
  output
    .split('\n')
    .filter((line) => /"level":(4|5|6)\d/.test(line) || line.includes('while stopping'));

describe('npm start stops cleanly', () => {
  it.each([
    ['Ctrl-C at a terminal', 'SIGINT', 'group'],
    ['a supervisor’s SIGTERM', 'SIGTERM', 'node'],
  ] as const)(
    'on %s: exits 0 with nothing logged as a problem, and Postgres stopped',
    async (_, signal, to) => {
      const { code, signal: endedBy, output } = await startThenStop(signal, to);
      expect(complaints(output)).toEqual([]);
      expect(output).toContain('Stopping...');
      expect({ code, endedBy }).toEqual({ code: 0, endedBy: null });
      // Postgres removes its pid file as it stops; a leftover server would keep it (and the port).
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    },
    180_000,
  );
});
