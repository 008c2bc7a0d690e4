import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * npm run bench [-- <bench>... [options]]: every benchmark in turn (search, referrals, peers, import, web, auth),
 * or only those named; options after the names go to each of them (for example
 * `npm run bench -- peers --peers 500`). Each bench runs in a process of its own, so that one's memory
 * and event loop are not the next one's, and writes its own section of BENCHMARKS.md.
 */
const BENCHES = ['search', 'referrals', 'peers', 'import', 'web', 'auth'] as const;
type Bench = (typeof BENCHES)[number];

const isBench = (arg: string): arg is Bench => (BENCHES as readonly string[]).includes(arg);

function main(): number {
  const args = process.argv.slice(2);
  const named = args.filter(isBench);
  const options = args.filter((arg) => !isBench(arg));
  if (options[0] !== undefined && !options[0].startsWith('-')) {
    console.error(`No bench "${options[0]}": the benches are ${BENCHES.join(', ')}.`);
    return 2;
  }
  const failed: Bench[] = [];
  for (const bench of named.length > 0 ? named : BENCHES) {
    console.log(`\n== bench ${bench} ==`);
    const { status } = spawnSync(
      process.execPath,
      [resolve(__dirname, `${bench}.js`), ...options],
      { stdio: 'inherit' },
    );
    if (status !== 0) failed.push(bench);
  }
  if (failed.length > 0) console.error(`\nFailed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = main();
