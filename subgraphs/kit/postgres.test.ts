import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../test/support/global-setup';
import { ConfigError } from './config';
import { closedFolderOnTheWay, startEmbeddedPostgres } from './postgres';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder like /root: only its owner may enter it. */
function closedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-closed-'));
  made.push(dir);
  chmodSync(dir, 0o700);
  return dir;
}

describe('where the postgres user can reach', () => {
  it('names the first folder others cannot enter, and nothing when all can', () => {
    const closed = closedFolder();
    mkdirSync(join(closed, 'app'), { mode: 0o755 });
    expect(closedFolderOnTheWay(join(closed, 'app', '.data', 'postgres'))).toBe(closed);
    chmodSync(closed, 0o755);
    expect(closedFolderOnTheWay(join(closed, 'app', '.data', 'postgres'))).toBeNull();
  });
});

const root = process.getuid?.() === 0;
describe.runIf(root)(
  'the embedded Postgres, started by root (only root runs it as another user)',
  () => {
    it('stops before initdb with what to do when its data folder is out of reach', async () => {
      const closed = closedFolder();
      const dataDir = join(closed, 'app', '.data', 'postgres');
      const started = startEmbeddedPostgres({ dataDir, port: 1 });
      await expect(started).rejects.toThrow(`cannot enter ${closed} on the way to the data folder`);
      await expect(started).rejects.toThrow('DATABASE_URL');
      expect(existsSync(dataDir)).toBe(false);
    });
  },
);
if (!root) console.log('Not root: the root-only start check is not run (Postgres runs as us).');

describe('the embedded Postgres', () => {
  it('says why it did not start, and what to do, when another one runs on its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-pg-twice-'));
    made.push(dir);
    chmodSync(dir, 0o755); // Postgres runs as its own user when we are root.
    const dataDir = join(dir, 'data');
    const first = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      const port = await freePort();
      // Not `rejects.toThrow`: it passes on a rejection with nothing, which is what this replaces.
      const refusal = await startEmbeddedPostgres({ dataDir, port }).then(
        () => 'started',
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(ConfigError);
      expect(refusal instanceof Error && refusal.message).toMatch(
        new RegExp(
          `on port ${port} with data in ${dataDir}[^]*postmaster\\.pid[^]*` +
            'Is another `npm start` running on this data\\?',
        ),
      );
    } finally {
      await first.stop();
    }
  }, 60_000);
});
