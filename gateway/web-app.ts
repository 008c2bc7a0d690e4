import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import { projectRoot } from '../subgraphs/kit/paths';
import type { MapConfig } from './config';

/** The app's own addresses: each answers index.html, and the app shows the screen. */
export const WEB_APP_ROUTES = [
  '/',
  '/listing/:id',
  '/saved',
  '/referrals',
  '/referrals/*rest',
  '/inbox',
  '/org',
  '/sign-in',
  '/notifications',
];

/** Where `npm run build` puts the web app (web/dist). */
export const webAppDir = (): string => resolve(projectRoot(), 'web', 'dist');

/**
 * Serves the built web app from this origin: hashed files under /assets for a year (a new build
 * has new names), everything else (index.html, the service worker, the manifest) revalidated on
 * every load so a new build reaches phones at once. Without a build (an API-only deployment) the
 * gateway serves the API alone.
 */
export function serveWebApp(app: Express, dir = webAppDir(), map?: MapConfig): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const html = withMap(readFileSync(index, 'utf8'), map);
  app.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      index: false,
      fallthrough: true,
      immutable: true,
      maxAge: '365d',
    }),
  );
  app.get('/index.html', (_req, res) => sendIndex(res, html));
  app.use(
    express.static(dir, {
      index: false,
      fallthrough: true,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  app.get(WEB_APP_ROUTES, (_req, res) => sendIndex(res, html));
  return true;
}

function sendIndex(res: express.Response, html: string): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.type('html').send(html);
}

const attribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The map's tile server, when one is configured, told to the app in the page itself (meta tags),
 * so the app needs no request to know whether to offer a map; without one the page is unchanged.
 */
export function withMap(html: string, map?: MapConfig): string {
  if (!map) return html;
  const tags = [
    `<meta name="map-tile-url" content="${attribute(map.tileUrl)}">`,
    map.attribution ? `<meta name="map-attribution" content="${attribute(map.attribution)}">` : '',
  ].join('');
  return html.replace('</head>', `${tags}</head>`);
}
