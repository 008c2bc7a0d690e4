import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Chromium from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { importSampleIfEmpty } from '../../seed/import-sample';
import { projectRoot } from '../../subgraphs/kit/paths';
import { startMailServer } from '../accounts/support';
import { startStack, type GatewayOverrides, type TestStack } from '../support/stack';

/**
 * What every browser test of the web app shares: a real Chromium from npm (no download), a phone
 * in Oakland, axe-core on every screen, and a screenshot of each screen in test-results/web/
 * (git-ignored) for people to look at.
 */
export const OAKLAND = { latitude: 37.8044, longitude: -122.2712 };
export const PHONE = { width: 390, height: 844 };
const BROWSER_FLAGS_LEFT_OUT = new Set([
  '--single-process',
  '--no-zygote',
  '--disable-web-security',
  '--allow-running-insecure-content',
]);
export const shots = join(projectRoot(), 'test-results', 'web');
const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: await Chromium.executablePath(),
    // The package's flags are for a serverless function; a test wants an ordinary browser
    // (several pages, web security and the site's CSP on).
    args: Chromium.args.filter((arg) => !BROWSER_FLAGS_LEFT_OUT.has(arg)),
    headless: true,
  });
}

/** A new phone (its own cookies and storage) in Oakland, in a language; closed with `contexts`. */
export async function phonePage(
  browser: Browser,
  locale: string,
  contexts: BrowserContext[],
): Promise<Page> {
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
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.2 A and AA). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the Content Security Policy does not govern.
  await page.evaluate(axeSource);
  return page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] })
      .then((r) => r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })))
  `);
}

/** No serious accessibility problem on the screen, and its screenshot for a reviewer. */
export async function check(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([]);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** The sample directory, imported and searchable (the indexer drains the outbox in a second or two). */
export async function withSampleDirectory(stack: TestStack): Promise<void> {
  await importSampleIfEmpty(stack.resources.orm);
  for (let i = 0; i < 100; i++) {
    const { body } = await stack.gql<{ searchResources: { totalCount: number } }>(
      '{ searchResources(input: { categories: ["emergency-shelter"] }) { totalCount } }',
    );
    if ((body.data?.searchResources.totalCount ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The sample directory did not become searchable.');
}

type MailServer = Awaited<ReturnType<typeof startMailServer>>;

/** What a browser test file works with: the stack, the browser, the app's address, its phones. */
export interface WebApp {
  readonly stack: TestStack;
  readonly browser: Browser;
  /** The gateway's origin, serving the built app. */
  readonly base: string;
  /** The mail server the accounts subgraph sends to, when asked for. */
  readonly mail: MailServer;
  /** A new phone in a language (its own cookies), closed after the file's tests. */
  phone(locale: string): Promise<Page>;
}

/**
 * Starts, before a file's tests, the whole stack with the sample directory (and a mail server for
 * the accounts subgraph when `mail`), and Chromium; closes every phone, the browser, the stack and
 * the mail server after them. The fields are there once `beforeAll` has run.
 */
export function useWebApp(
  options: {
    mail?: boolean;
    /** The gateway's settings, or a function that makes them first (e.g. starts an identity provider). */
    gateway?: GatewayOverrides | (() => Promise<GatewayOverrides>);
  } = {},
): WebApp {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  let mail: MailServer | undefined;
  const contexts: BrowserContext[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet (use it inside a test).`);
    return value;
  };
  beforeAll(async () => {
    if (options.mail) mail = await startMailServer();
    const gateway =
      typeof options.gateway === 'function' ? await options.gateway() : (options.gateway ?? {});
    [stack, browser] = await Promise.all([
      startStack(gateway, mail ? { subgraphOptions: { accounts: { smtpUrl: mail.url } } } : {}),
      launchBrowser(),
    ]);
    await withSampleDirectory(stack);
  }, 180_000);
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
    await mail?.close();
  });
  return {
    get stack() {
      return ready(stack, 'The stack');
    },
    get browser() {
      return ready(browser, 'The browser');
    },
    get base() {
      return new URL(ready(stack, 'The stack').gatewayUrl).origin;
    },
    get mail() {
      return ready(mail, 'The mail server');
    },
    phone: (locale) => phonePage(ready(browser, 'The browser'), locale, contexts),
  };
}

/** Fills the sign-in form as a person would (in the page's language) and sends it. */
export async function fillSignIn(
  page: Page,
  user: { email: string; password: string },
  lang: 'en' | 'es',
): Promise<void> {
  await page.getByLabel(lang === 'en' ? 'Email' : 'Correo electrónico').fill(user.email);
  await page
    .getByLabel(lang === 'en' ? 'Password' : 'Contraseña', { exact: true })
    .fill(user.password);
  await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : 'Iniciar sesión' }).click();
}
