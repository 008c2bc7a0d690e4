import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importHsds, type ImportProgress } from '../subgraphs/resources/hsds/import';
import { openInput } from '../subgraphs/resources/hsds/sources';
import { loadProfile, ProfileError } from '../subgraphs/resources/hsds/profile';
import { ConfigError } from '../subgraphs/kit/config';
import { connectResources } from './local-database';
import { printSummary } from './import-hsds-summary';

const USAGE =
  'npm run import:hsds -- <file or folder> [--profile county-211 | --profile my-feed.json] [--time-zone America/Los_Angeles] [--batch-size 1000] [--strict] [--json]';

function bar(p: ImportProgress): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.services * 1000) / p.elapsedMs) : 0;
  const share = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
  const filled = Math.round(share * 30);
  return `[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${p.services.toLocaleString('en-US')} services  ${rate.toLocaleString('en-US')}/s`;
}

/**
 * The process's peak resident memory. Linux's VmHWM starts afresh at exec; getrusage's maxRSS does
 * not (it carries the parent's peak from before the fork), so it would misreport a child process.
 */
function highWaterMark(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux: the sampled peak stands
  }
  return 0;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'time-zone': { type: 'string' },
      profile: { type: 'string' },
      'batch-size': { type: 'string' },
      strict: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const profile = values.profile ? await loadProfile(values.profile) : undefined;
  const input = await openInput(positionals[0]);
  const db = await connectResources(process.env, { whenMissing: 'create' });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const tty = process.stderr.isTTY && !values.json;
  const large = input.totalBytes > 5_000_000;
  let lastLine = 0;
  try {
    if (!values.json)
      console.log(
        `Importing ${positionals[0]}${profile ? ` as ${profile.source} (${profile.name})` : ''} (${input.files} file(s), ${(input.totalBytes / 1e6).toFixed(1)} MB) into ${db.where}`,
      );
    const result = await importHsds(db.knex, input, {
      timeZone: values['time-zone'],
      profile,
      batchSize: values['batch-size'] ? Number(values['batch-size']) : undefined,
      onProgress:
        large && !values.json
          ? (p) => {
              if (tty) process.stderr.write(`\r${bar(p)}`);
              else if (Date.now() - lastLine > 5000) {
                lastLine = Date.now();
                console.error(bar(p));
              }
            }
          : undefined,
    });
    if (tty && large) process.stderr.write('\n');
    clearInterval(sampler);
    const peakMb = Math.round(Math.max(peak, highWaterMark()) / 1e6);
    if (values.json) console.log(JSON.stringify({ ...result, peakMb }));
    else printSummary(result, peakMb);
    if (values.strict && result.problems.length > 0) process.exitCode = 2;
  } finally {
    clearInterval(sampler);
    await db.close();
  }
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError || error instanceof ProfileError ? error.message : error,
  );
  process.exit(1);
});
