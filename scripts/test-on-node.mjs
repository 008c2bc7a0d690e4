// Runs `npm test` again on another Node.js line (24 unless told: `npm run test:node -- 22`), with
// the Node binary the npm registry ships for this machine (`node-<platform>-<arch>`, the packages
// the `node` package installs), so CI shows the project runs where people run it. Plain JavaScript,
// like check-imports.mjs: it needs nothing built. The binary is kept under node_modules/.cache.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The exact release tested for each line; raise them on purpose, like any other pin. */
const RELEASES = { 22: '22.23.5', 24: '24.22.3' };

const root = fileURLToPath(new URL('..', import.meta.url));
const line = process.argv[2] ?? '24';
const release = RELEASES[line];
if (!release) {
  console.error(
    `Node ${line} is not one of the tested lines (${Object.keys(RELEASES).join(', ')}).`,
  );
  process.exit(2);
}
const name = `node-${process.platform}-${process.arch}`;
const prefix = join(root, 'node_modules', '.cache', 'other-node', release);
const bin = join(prefix, 'node_modules', name, 'bin');

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(bin, 'node'))) {
  console.log(`Installing Node ${release} (${name}) from the npm registry into ${prefix}`);
  run('npm', [
    'install',
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    '--prefix',
    prefix,
    `${name}@${release}`,
  ]);
}
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
const version = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
if (version !== `v${release}`) {
  console.error(`Expected node v${release} first on PATH, found ${version || 'nothing'}.`);
  process.exit(1);
}
console.log(`npm test on Node ${version}`);
run('npm', ['test'], env);
