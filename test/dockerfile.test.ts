import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../subgraphs/kit/paths';

const root = projectRoot();

/** The sources the Dockerfile's build stage copies (every COPY before the runtime stage). */
function buildStageCopies(dockerfile: string): string[] {
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const build = stages[0] ?? '';
  return build
    .split('\n')
    .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
    .flatMap((line) => line.slice('COPY '.length).trim().split(/\s+/).slice(0, -1));
}

/** The entry points docker-compose.yml starts (`node dist/...`, in either kind of quotes). */
function composeEntryPoints(compose: string): string[] {
  return [...compose.matchAll(/["'](dist\/[^"']+\.js)["']/g)].map((match) => match[1]);
}

describe('the container image', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-docker-build-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds from exactly the files the Dockerfile copies, with every entry point docker-compose starts', () => {
    const copies = buildStageCopies(readFileSync(join(root, 'Dockerfile'), 'utf8'));
    expect(copies).toContain('package.json');
    for (const source of copies) cpSync(join(root, source), join(dir, source), { recursive: true });
    // `npm ci` in the image installs the same locked packages that this checkout has.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');

    const tsc = spawnSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    const entryPoints = composeEntryPoints(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));
    expect(entryPoints.length).toBeGreaterThanOrEqual(4);
    for (const entry of [...entryPoints, 'dist/gateway/main.js'])
      expect(existsSync(join(dir, entry)), entry).toBe(true);
    // Nothing from the tests reaches the image.
    expect(existsSync(join(dir, 'dist/test'))).toBe(false);
    expect(existsSync(join(dir, 'dist/subgraphs/resources/test'))).toBe(false);
  }, 240_000);
});
