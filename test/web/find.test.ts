import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, shots, useWebApp } from './browser';

/**
 * The Find screen in a real Chromium against the real gateway serving the built app (`npm run
 * build` puts it in web/dist), every subgraph and the sample directory. A phone in Oakland, in
 * English and in Spanish (see ./browser.ts).
 */
/** A 1×1 grey PNG: enough for a tile. */
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mN8+x8AAuMB8Ru2T9sAAAAASUVORK5CYII=',
  'base64',
);

describe('the web app: Find', () => {
  /** A map tile server of our own (one grey PNG for every tile), which can be made to fail. */
  const tiles = { server: null as Server | null, failing: false, served: 0 };
  const app = useWebApp({
    gateway: async () => {
      tiles.server = createServer((_req, res) => {
        if (tiles.failing) return void res.writeHead(503).end();
        tiles.served += 1;
        res.writeHead(200, { 'content-type': 'image/png' }).end(TILE);
      });
      await new Promise<void>((resolve) => tiles.server!.listen(0, '127.0.0.1', resolve));
      const tilePort = (tiles.server.address() as AddressInfo).port;
      return {
        map: { tileUrl: `http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`, attribution: 'Test tiles' },
      };
    },
  });
  afterAll(() => tiles.server?.close());

  it('shows the results on a map from the configured tiles, and the list when tiles fail', async () => {
    const page = await app.phone('en-US');
    const search = `${app.base}/?need=food&lat=37.8044&lng=-122.2712`;
    await page.goto(search);
    await page.locator('.result-list > li').first().waitFor();
    const listButton = page.getByRole('button', { name: 'List' });
    expect(await listButton.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Map' }).click();
    const map = page.getByRole('region', { name: 'Map of the results' });
    await map.waitFor();
    await expect.poll(() => map.locator('img.leaflet-tile-loaded').count()).toBeGreaterThan(0);
    expect(tiles.served).toBeGreaterThan(0);
    // One dot per result, a button named after its listing; Tab reaches it, Enter opens its
    // popup, which links to the listing.
    const dots = map.getByRole('button').filter({ has: page.locator('.visually-hidden') });
    await expect.poll(() => dots.count()).toBeGreaterThan(0);
    const first = (await dots.first().innerText()).trim();
    expect(first).not.toBe('');
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate<boolean>(
        `document.activeElement?.classList.contains('map-dot') ?? false`,
      );
    }
    expect(reached).toBe(true);
    const focused = await page.evaluate<string>('document.activeElement?.textContent ?? ""');
    await page.keyboard.press('Enter');
    await map.locator('.leaflet-popup-content a', { hasText: focused }).waitFor();
    expect(await page.locator('.result-list').count()).toBe(0);
    await check(page, 'map-en');
    await listButton.click();
    await page.locator('.result-list > li').first().waitFor();

    // Tiles that do not load: back to the list, saying why.
    tiles.failing = true;
    const es = await app.phone('es-US');
    await es.goto(`${search}&lang=es`);
    await es.locator('.result-list > li').first().waitFor();
    await es.getByRole('button', { name: 'Mapa' }).click();
    await es.getByText('No se pudo cargar el mapa; aquí está la lista.').waitFor();
    await es.locator('.result-list > li').first().waitFor();
    expect(await es.getByRole('button', { name: 'Lista' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await check(es, 'map-failed-es');
    tiles.failing = false;
  }, 90_000);

  it('a peer finds a bed tonight near where they stand and opens the listing', async () => {
    const page = await app.phone('en-US');
    await page.goto(`${app.base}/`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await check(page, 'find-en');

    await page.getByRole('button', { name: 'A bed tonight' }).click();
    await page.getByRole('button', { name: 'Near me' }).click();
    // The results near the phone, not those of the bed search before the location came.
    await page.locator('#results-heading', { hasText: 'Near you' }).waitFor();
    const results = page
      .getByRole('list')
      .filter({ has: page.getByRole('link') })
      .last();
    const first = page.locator('.result-list > li').first();
    await first.waitFor();
    await expect
      .poll(() => page.getByRole('heading', { name: /Results · Near you/ }).count())
      .toBe(1);
    const text = await first.innerText();
    expect(text).toMatch(/\d+(\.\d)? mi/);
    expect(text).toMatch(/Open until|Open 24 hours|Closed/);
    expect(text).toMatch(/\d+ of \d+ beds free · updated/);
    expect(text).toMatch(/Speaks English/);
    expect(await results.getByRole('listitem').count()).toBeGreaterThan(1);
    // The filters show counts from the API's facets.
    expect(await page.getByRole('checkbox', { name: /^Has beds \(\d+\)$/ }).count()).toBe(1);
    // The API has no facet for it: the same request counts it.
    expect(await page.getByRole('checkbox', { name: /^Accepts referrals \(\d+\)$/ }).count()).toBe(
      1,
    );
    await check(page, 'results-en');

    const link = first.getByRole('link');
    const name = (await link.innerText()).trim();
    await link.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(name);
    expect(page.url()).toMatch(/\/listing\/[^/?]+\?location=/);
    const call = page.getByRole('link', { name: /^Call \(\d{3}\) \d{3}-\d{4}$/ });
    expect(await call.getAttribute('href')).toMatch(/^tel:\+1\d{10}$/);
    expect(await page.getByRole('link', { name: 'Directions' }).getAttribute('href')).toMatch(
      /^geo:-?\d+\.\d+,-?\d+\.\d+/,
    );
    expect(
      await page.getByRole('link', { name: 'Text this to someone' }).getAttribute('href'),
    ).toContain(encodeURIComponent(name));
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.getByRole('link', { name: 'Refer' }).getAttribute('href')).toBe(
      `/referrals/new?resource=${id}`,
    );
    expect(await page.getByRole('link', { name: 'Sign in to save' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Sign in to report a problem/ }).count()).toBe(1);
    await check(page, 'listing-en');

    // The printed handout: the listing and its phone number, none of the app's buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await call.isVisible()).toBe(false);
    expect(await page.getByText(/^\(\d{3}\) \d{3}-\d{4}$/).isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'handout-en.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Back returns to the same results.
    await page.getByRole('link', { name: /Back to search/ }).click();
    await page.getByRole('link', { name }).first().waitFor();

    // The referral screen waits for sign-in, and says so.
    await page.goto(`${app.base}/referrals/new?resource=${id}`);
    await page.getByText('Sign in to use the referral form.').waitFor();
    await check(page, 'refer-en');
  }, 90_000);

  it('works from the keyboard alone', async () => {
    const page = await app.phone('en-US');
    await page.goto(`${app.base}/`);
    expect(await page.getByRole('searchbox', { name: 'Search' }).count()).toBe(1);
    const inSearchbox = () =>
      page.evaluate<boolean>(`document.activeElement?.id === 'search-text'`);
    for (let i = 0; i < 10 && !(await inSearchbox()); i++) await page.keyboard.press('Tab');
    expect(await inSearchbox()).toBe(true);
    await page.keyboard.type('food pantry');
    await page.keyboard.press('Tab'); // Near me
    await page.keyboard.press('Tab'); // city or ZIP
    await page.keyboard.type('Oakland');
    await page.keyboard.press('Enter');
    await page.locator('.result-list > li').first().waitFor();
    expect(await page.getByRole('heading', { name: /Near Oakland/ }).count()).toBe(1);
    // Tab from the results heading (where the search put focus) reaches the first result's link.
    let reached = '';
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate<string>(
        `document.activeElement?.closest('.result-list') ? document.activeElement.textContent : ''`,
      );
    }
    expect(reached).not.toBe('');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(reached);
  }, 60_000);

  it('speaks Spanish with ?lang=es, and says which filter to drop when nothing matches', async () => {
    const page = await app.phone('en-US');
    await page.goto(`${app.base}/?lang=es`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.getByRole('searchbox', { name: 'Buscar' }).count()).toBe(1);
    await check(page, 'find-es');

    await page.getByRole('button', { name: 'Una cama esta noche' }).click();
    await page.getByRole('button', { name: 'Cerca de mí' }).click();
    await page.locator('#results-heading', { hasText: 'Cerca de usted' }).waitFor();
    const first = page.locator('.result-list > li').first();
    await first.waitFor();
    expect(await first.innerText()).toMatch(/\d+ de \d+ camas libres · actualizado/);
    expect(await first.innerText()).toMatch(/Abierto|Cerrado/);
    await check(page, 'results-es');

    await first.getByRole('link').click();
    await page.getByRole('link', { name: 'Cómo llegar' }).waitFor();
    expect(await page.getByRole('link', { name: 'Referir' }).count()).toBe(1);
    await check(page, 'listing-es');

    // Legal help does not count beds: with "Hay camas" nothing matches, and the screen says why.
    await page.goto(`${app.base}/?lang=es&need=legal&beds=1&lat=37.8044&lng=-122.2712`);
    await page.getByText('Sin resultados.').waitFor();
    await page.getByRole('button', { name: /^Sin “Hay camas”: \d+ resultados?$/ }).click();
    await page.locator('.result-list > li').first().waitFor();
    await check(page, 'no-results-es');

    await page.goto(`${app.base}/sign-in`);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    await check(page, 'sign-in-es');
  }, 90_000);

  it('keeps working offline: the shell and the last results', async () => {
    const page = await app.phone('en-US');
    const search = `${app.base}/?need=food&lat=37.8044&lng=-122.2712`;
    await page.goto(search);
    await page.locator('.result-list > li').first().waitFor();
    const online = await page.locator('.result-list > li').count();
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.context().setOffline(true);
    await page.reload();
    await page.getByText(/You are offline\. These results were saved/).waitFor();
    expect(await page.locator('.result-list > li').count()).toBe(online);
    await check(page, 'offline-en');
    await page.context().setOffline(false);
  }, 60_000);

  it('serves the app at its addresses, and keeps JSON 404s for everything else', async () => {
    for (const path of [
      '/',
      '/listing/x',
      '/saved',
      '/referrals',
      '/referrals/new',
      '/inbox',
      '/org',
      '/sign-in',
    ]) {
      const res = await fetch(`${app.base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    const html = await (await fetch(`${app.base}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${app.base}${script}`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${app.base}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    const missing = await fetch(`${app.base}/listing/x/more`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      errors: [{ extensions: { code: 'NOT_FOUND' } }],
    });
  });
});
