import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../kit/paths';

/** The official HSDS 3.0 schemas and examples, kept beside the project (`../shared/hsds-3.0`). */
export function hsdsSpecDir(repoRoot = projectRoot()): string | null {
  const dir = resolve(repoRoot, '..', 'shared', 'hsds-3.0');
  return existsSync(dir) ? dir : null;
}
