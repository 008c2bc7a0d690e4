import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { projectRoot } from '../../subgraphs/kit/paths';

/**
 * Replaces one benchmark's section of BENCHMARKS.md (between `<!-- bench:MARK -->` and
 * `<!-- /bench:MARK -->`), or appends it; other benchmarks' sections stay as they are.
 */
export function writeBenchmarkSection(mark: string, body: string): void {
  const file = resolve(projectRoot(), 'BENCHMARKS.md');
  const begin = `<!-- bench:${mark} -->`;
  const end = `<!-- /bench:${mark} -->`;
  const block = `${begin}\n${body.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = text.indexOf(begin);
  const stop = text.indexOf(end, start);
  const next =
    start >= 0 && stop > start
      ? `${text.slice(0, start)}${block}${text.slice(stop + end.length)}`
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}

/** The machine a run was on, as every report states it (the numbers mean little without it). */
export function describeMachine(): string {
  return `${availableParallelism()} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}`;
}

/** Keeps a run's raw figures in bench-results/ (not committed); returns the file's path. */
export function writeBenchResults(file: string, data: unknown): string {
  const folder = resolve(projectRoot(), 'bench-results');
  mkdirSync(folder, { recursive: true });
  const path = resolve(folder, file);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return path;
}
