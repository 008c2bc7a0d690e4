import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../test/support/database';
import { freePort } from '../test/support/global-setup';
import { projectRoot } from '../subgraphs/kit/paths';

const dist = join(projectRoot(), 'dist', 'scripts');
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
  folders.push(dir);
  return dir;
}

function run(script: string, args: string[], env: Record<string, string>) {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.RESOURCES_DATABASE_URL;
  return spawnSync(process.execPath, [join(dist, script), ...args], {
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('command-line tools use the database npm start uses, or say why not', () => {
  it('reindex in a data folder npm start never used stops, says where it looked, and creates nothing', async () => {
    const dir = dataDir();
    const out = run('reindex.js', [], {
      DATA_DIR: dir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`there is no database in ${join(dir, 'postgres')}`);
    expect(out.stdout).not.toContain('documents');
    expect(existsSync(join(dir, 'postgres'))).toBe(false);
  });

  it('export and reindex refuse a database with no listing unless --allow-empty, and name it', async () => {
    const url = await createTestDatabase(inject('postgresUrl'), 'resources');
    const name = new URL(url).pathname.slice(1);
    const refused = run('reindex.js', [], { RESOURCES_DATABASE_URL: url });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(`Using postgres://`);
    expect(refused.stderr).toContain(`${name} holds no listing`);
    expect(refused.stderr).toContain('--allow-empty');

    const folder = join(dataDir(), 'export');
    const exported = run('export-hsds.js', [folder], { RESOURCES_DATABASE_URL: url });
    expect(exported.status).toBe(1);
    expect(exported.stderr).toContain('holds no listing');

    const allowed = run('reindex.js', ['--allow-empty'], { RESOURCES_DATABASE_URL: url });
    expect(allowed.stderr).toBe('');
    expect(allowed.stdout).toContain('0 documents');
  });

  it('refuses a Postgres on npm start’s port that serves another data folder', () => {
    const server = new URL(inject('postgresUrl'));
    // Only the test's own embedded server (development credentials) can say where its data is.
    if (server.hostname !== '127.0.0.1' || server.password !== 'postgres') {
      console.log('TEST_DATABASE_URL is not an embedded server: nothing to compare folders with.');
      return;
    }
    const dir = dataDir();
    const out = run('reindex.js', [], { DATA_DIR: dir, EMBEDDED_POSTGRES_PORT: server.port });
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`not in ${join(dir, 'postgres')}`);
    expect(out.stderr).toContain('keeps its data in');
  });
});
