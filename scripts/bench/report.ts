import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * A paragraph wrapped at 100 columns, as the project's Markdown is; `indent` starts each line after
 * the first (two spaces continue a list item).
 */
export function wrapMarkdown(text: string, indent = ''): string {
  const lines: string[] = [];
  // A list item's own indent is kept on its first line.
  const lead = /^ */.exec(text)?.[0] ?? '';
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > 100) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : lead + word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A process's /proc stat fields after its name: [0] is the state (field 3), [1] the parent's id. */
function statFields(pid: number | string): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

/** Clock ticks (100 a second) to ms. */
const ticksMs = (...ticks: string[]) => (ticks.reduce((sum, t) => sum + Number(t), 0) * 1000) / 100;

/** CPU time a process has used so far, in ms (user + system, from /proc). */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  return ticksMs(fields[11], fields[12]);
}

/**
 * CPU time a server and its child processes have used so far, in ms: for Postgres, the postmaster,
 * its background workers and every connection's backend, those that have exited included.
 */
export function treeCpuMs(parent: number): number {
  // The parent's own time, and that of its children that have exited (cutime and cstime: a
  // backend's time moves there when the postmaster reaps it), then the living children's.
  const own = statFields(parent);
  let total = ticksMs(own[11], own[12], own[13], own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[1]) === parent) total += ticksMs(fields[11], fields[12]);
    } catch {
      // The process ended while the list was read.
    }
  }
  return total;
}

/** A process's resident set now and at its peak, in KiB (VmRSS, VmHWM from /proc). */
export function memoryKb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
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
