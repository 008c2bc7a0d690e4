import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import { projectRoot } from '../subgraphs/kit/paths';

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
export function serveWebApp(app: Express, dir = webAppDir()): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.use(
    '/assets',
    express.static(join(dir, 'assets'), {
      index: false,
      fallthrough: true,
      immutable: true,
      maxAge: '365d',
    }),
  );
  app.use(
    express.static(dir, {
      index: false,
      fallthrough: true,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  app.get(WEB_APP_ROUTES, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
