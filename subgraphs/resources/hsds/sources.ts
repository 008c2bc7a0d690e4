import { createReadStream, existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { parseCsv, rowToDoc, tablesToDocuments } from './tabular';

/** One parsed document, or a piece of input that could not be parsed. */
export type Item =
  { file: string; value: unknown; bytes: number } | { file: string; error: string; bytes: number };

export interface Input {
  /** Bytes of every file, for a progress bar. */
  totalBytes: number;
  files: number;
  items: AsyncIterable<Item>;
}

const JSON_FILES = new Set(['.json']);
const LINE_FILES = new Set(['.ndjson', '.jsonl']);

function isCsvPackage(dir: string): boolean {
  return (
    existsSync(join(dir, 'services.csv')) ||
    existsSync(join(dir, 'organizations.csv')) ||
    existsSync(join(dir, 'datapackage.json'))
  );
}

/** Terms first, then organizations, then the rest: what a later record refers to is there already. */
function rank(name: string): number {
  if (/taxonom/i.test(name)) return 0;
  if (/organi[sz]ation/i.test(name)) return 1;
  return 2;
}

type Entry = { kind: 'file' | 'csv'; path: string; size: number };

async function collect(path: string, out: Entry[]): Promise<void> {
  const s = await stat(path);
  if (s.isDirectory()) {
    if (isCsvPackage(path)) {
      const names = (await readdir(path)).filter((n) => n.endsWith('.csv'));
      let size = 0;
      for (const n of names) size += (await stat(join(path, n))).size;
      out.push({ kind: 'csv', path, size });
      return;
    }
    const names = (await readdir(path))
      .filter((n) => !n.startsWith('.'))
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const n of names) {
      const child = join(path, n);
      const cs = await stat(child);
      if (cs.isDirectory() || JSON_FILES.has(extname(n)) || LINE_FILES.has(extname(n)))
        await collect(child, out);
    }
    return;
  }
  if (basename(path) === 'datapackage.json' || extname(path) === '.csv') {
    await collect(dirname(path), out);
    return;
  }
  out.push({ kind: 'file', path, size: s.size });
}

async function* items(entries: Entry[], root: string): AsyncIterable<Item> {
  const name = (p: string) => relative(root, p) || basename(p);
  for (const entry of entries) {
    const file = name(entry.path);
    if (entry.kind === 'csv') {
      const tables: Record<string, Record<string, unknown>[]> = {};
      for (const n of (await readdir(entry.path)).filter((x) => x.endsWith('.csv'))) {
        tables[n.replace(/\.csv$/, '')] = parseCsv(await readFile(join(entry.path, n), 'utf8')).map(
          rowToDoc,
        );
      }
      const docs = tablesToDocuments(tables);
      for (const [i, value] of docs.entries())
        yield { file, value, bytes: i === docs.length - 1 ? entry.size : 0 };
    } else if (LINE_FILES.has(extname(entry.path))) {
      const lines = createInterface({
        input: createReadStream(entry.path, { encoding: 'utf8' }),
        crlfDelay: Infinity,
      });
      let n = 0;
      for await (const line of lines) {
        n++;
        const bytes = Buffer.byteLength(line) + 1;
        if (line.trim() === '') continue;
        try {
          yield { file: `${file}:${n}`, value: JSON.parse(line), bytes };
        } catch (error) {
          yield { file: `${file}:${n}`, error: `not JSON: ${(error as Error).message}`, bytes };
        }
      }
    } else {
      let value: unknown;
      try {
        value = JSON.parse(await readFile(entry.path, 'utf8'));
      } catch (error) {
        yield { file, error: `not JSON: ${(error as Error).message}`, bytes: entry.size };
        continue;
      }
      yield { file, value, bytes: entry.size };
    }
  }
}

/** Every HSDS document under `path`: a file (.json, .ndjson, .jsonl), a CSV package folder, or a folder of these. */
export async function openInput(path: string): Promise<Input> {
  const entries: Entry[] = [];
  await collect(path, entries);
  const root = (await stat(path)).isDirectory() ? path : dirname(path);
  return {
    totalBytes: entries.reduce((n, e) => n + e.size, 0),
    files: entries.length,
    items: items(entries, root),
  };
}

/** Documents already in memory (the seed generator, tests), as an input. */
export function memoryInput(docs: Iterable<unknown>, file = '(memory)'): Input {
  function* gen(): Generator<Item, void> {
    let i = 0;
    for (const value of docs) yield { file: `${file}:${++i}`, value, bytes: 0 };
  }
  // Nothing to wait for: each step of the async iteration is a step of the synchronous one.
  const items: AsyncIterable<Item> = {
    [Symbol.asyncIterator]() {
      const it = gen();
      return { next: () => Promise.resolve(it.next()) };
    },
  };
  return { totalBytes: 0, files: 1, items };
}
