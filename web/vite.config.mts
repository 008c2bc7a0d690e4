import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);
const PLACES = 'virtual:ca-places';

interface ZipRecord {
  zip: string;
  latitude: number;
  longitude: number;
  city: string;
  state: string;
}

/**
 * California's ZIP codes and cities with a point each, from the `zipcodes` package (BSD licence,
 * data from the US Census gazetteer), filtered here at build time so the browser gets one small
 * lazily loaded chunk instead of the whole country: typing "Oakland" or "94607" needs no network.
 * A city's point is the mean of its ZIP codes' points.
 */
function californiaPlaces(): Plugin {
  return {
    name: 'ca-places',
    resolveId: (id) => (id === PLACES ? `\0${PLACES}` : undefined),
    load(id) {
      if (id !== `\0${PLACES}`) return undefined;
      const { codes } = require('zipcodes/lib/codes.js') as { codes: Record<string, ZipRecord> };
      const zips: Record<string, [number, number]> = {};
      const sums = new Map<string, { name: string; lat: number; lng: number; n: number }>();
      for (const record of Object.values(codes)) {
        if (record.state !== 'CA') continue;
        zips[record.zip] = [record.latitude, record.longitude];
        const key = record.city.toLowerCase();
        const sum = sums.get(key) ?? { name: record.city, lat: 0, lng: 0, n: 0 };
        sum.lat += record.latitude;
        sum.lng += record.longitude;
        sum.n += 1;
        sums.set(key, sum);
      }
      const round = (x: number) => Math.round(x * 10_000) / 10_000;
      const cities = Object.fromEntries(
        [...sums].map(([key, s]) => [key, [s.name, round(s.lat / s.n), round(s.lng / s.n)]]),
      );
      return `export const zips = ${JSON.stringify(zips)};\nexport const cities = ${JSON.stringify(cities)};`;
    },
  };
}

/**
 * The service worker, written after the bundle so it knows every file of this build: it caches them
 * all at install (the offline shell) under a name that changes with the build.
 */
function serviceWorker(): Plugin {
  return {
    name: 'service-worker',
    apply: 'build',
    async generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((file) => !file.endsWith('.map'));
      const shell = ['/', '/manifest.webmanifest', '/icon.svg', ...files.map((file) => `/${file}`)];
      const version = files
        .filter((file) => file.startsWith('assets/'))
        .sort()
        .join(',');
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(fileURLToPath(new URL('sw/sw.js', import.meta.url)), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: source
          .replace('__SHELL__', JSON.stringify(shell))
          .replace('__VERSION__', JSON.stringify(hash(version))),
      });
    },
  };
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: 'public',
  plugins: [californiaPlaces(), serviceWorker()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
