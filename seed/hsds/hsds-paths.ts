import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The official HSDS 3.0 schemas and examples, kept beside the project (`../shared/hsds-3.0`). */
export function hsdsSpecDir(repoRoot = resolve(__dirname, '..', '..')): string | null {
  // From the sources (seed/hsds) or the build (dist/seed/hsds): find the repo root by package.json.
  let root = repoRoot;
  if (!existsSync(resolve(root, 'package.json'))) root = resolve(root, '..');
  const dir = resolve(root, '..', 'shared', 'hsds-3.0');
  return existsSync(dir) ? dir : null;
}
