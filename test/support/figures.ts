import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { projectRoot } from '../../subgraphs/kit/paths';

/**
 * Keeps what a fault or replica test measured (counts and timings) in
 * bench-results/faults/<name>.json, not committed, for `npm run bench:faults` to report in
 * BENCHMARKS.md. Tests assert behaviour, never these timings.
 */
export function recordFigures(name: string, figures: Record<string, unknown>): void {
  const folder = resolve(projectRoot(), 'bench-results', 'faults');
  mkdirSync(folder, { recursive: true });
  const record = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    ...figures,
  };
  writeFileSync(resolve(folder, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
}
