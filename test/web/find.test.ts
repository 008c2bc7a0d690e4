import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Chromium from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSampleIfEmpty } from '../../seed/import-sample';
import { projectRoot } from '../../subgraphs/kit/paths';
import { startStack, type TestStack } from '../support/stack';

/**
 * The Find screen in a real Chromium (from npm, no download), against the real gateway serving the
 * built app (`npm run build` puts it in web/dist), every subgraph and the sample directory. A phone
 * in Oakland, in English and in Spanish; axe-core on every screen; a screenshot of each screen in
 * each language in test-results/web/ (git-ignored) for people to look at.
 */
const OAKLAND = { latitude: 37.8044, longitude: -122.2712 };
const PHONE = { width: 390, height: 844 };
const BROWSER_FLAGS_LEFT_OUT = new Set([
  '--single-process',
  '--no-zygote',
  '--disable-web-security',
  '--allow-running-insecure-content',
]);
const shots = join(projectRoot(), 'test-results', 'web');
const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.2 A and AA). */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the Content Security Policy does not govern.
  await page.evaluate(axeSource);
  return page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] })
      .then((r) => r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })))
  `);
}

async function check(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([]);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

describe('the web app: Find', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  const phone = async (locale: string): Promise<Page> => {
    const context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale,
      timezoneId: 'America/Los_Angeles',
      geolocation: OAKLAND,
      permissions: ['geolocation'],
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const [started, launched] = await Promise.all([
      startStack(),
      Chromium.executablePath().then((executablePath) =>
        chromium.launch({
          executablePath,
          // The package's flags are for a serverless function; a test wants an ordinary browser
          // (several pages, web security and the site's CSP on).
          args: Chromium.args.filter((arg) => !BROWSER_FLAGS_LEFT_OUT.has(arg)),
          headless: true,
        }),
      ),
    ]);
    stack = started;
    browser = launched;
    base = new URL(stack.gatewayUrl).origin;
    await importSampleIfEmpty(stack.resources.orm);
    // The indexer drains the import's outbox within a second or two.
    for (let i = 0; i < 100; i++) {
      const { body } = await stack.gql<{ searchResources: { totalCount: number } }>(
        '{ searchResources(input: { categories: ["emergency-shelter"] }) { totalCount } }',
      );
      if ((body.data?.searchResources.totalCount ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  it('a peer finds a bed tonight near where they stand and opens the listing', async () => {
    const page = await phone('en-US');
    await page.goto(`${base}/`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await check(page, 'find-en');

    await page.getByRole('button', { name: 'A bed tonight' }).click();
    await page.getByRole('button', { name: 'Near me' }).click();
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
    await page.goto(`${base}/referrals/new?resource=${id}`);
    await page.getByText('Sign in to refer.').waitFor();
    await check(page, 'refer-en');
  }, 90_000);

  it('works from the keyboard alone', async () => {
    const page = await phone('en-US');
    await page.goto(`${base}/`);
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
    const page = await phone('en-US');
    await page.goto(`${base}/?lang=es`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.getByRole('searchbox', { name: 'Buscar' }).count()).toBe(1);
    await check(page, 'find-es');

    await page.getByRole('button', { name: 'Una cama esta noche' }).click();
    await page.getByRole('button', { name: 'Cerca de mí' }).click();
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
    await page.goto(`${base}/?lang=es&need=legal&beds=1&lat=37.8044&lng=-122.2712`);
    await page.getByText('Sin resultados.').waitFor();
    await page.getByRole('button', { name: /^Sin “Hay camas”: \d+ resultados?$/ }).click();
    await page.locator('.result-list > li').first().waitFor();
    await check(page, 'no-results-es');

    await page.goto(`${base}/sign-in`);
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    await check(page, 'sign-in-es');
  }, 90_000);

  it('keeps working offline: the shell and the last results', async () => {
    const page = await phone('en-US');
    const search = `${base}/?need=food&lat=37.8044&lng=-122.2712`;
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
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    const html = await (await fetch(`${base}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${base}${script}`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    const missing = await fetch(`${base}/listing/x/more`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      errors: [{ extensions: { code: 'NOT_FOUND' } }],
    });
  });
});
