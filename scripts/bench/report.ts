import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
