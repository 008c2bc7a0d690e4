/**
 * The subgraph path a proxied request names under `mount`, or null when it would leave the mount: a
 * `..` segment, an encoded slash or backslash, anything the URL parser would rewrite, so nothing but
 * the proxied API is reachable. `root` is what the mount's own root maps to (`/hsds/` or `/fhir`).
 */
export function mountedPath(mount: string, path: string, root: '/' | ''): string | null {
  const full = `${mount}${path === '/' ? root : path}`;
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (decoded === '.' || decoded === '..' || /[/\\]/.test(decoded)) return null;
  }
  return new URL(full, 'http://x').pathname === full ? full : null;
}
