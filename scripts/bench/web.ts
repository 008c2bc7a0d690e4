import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Chromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';
import { webAppDir } from '../../gateway/web-app';
import { importSampleIfEmpty } from '../../seed/import-sample';
import { describeMachine, writeBenchmarkSection, writeBenchResults } from './report';
import { startStack, withScratchPostgres } from './stack';

/** Lighthouse's "slow 4G": 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; and a CPU 4× slower. */
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;
const RUNS = 5;
/** The budget for Find's initial JavaScript (DESIGN: "initial JS for Find ≤ 120 KB gzipped"). */
const BUDGET_KB = 120;

interface Size {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** What index.html loads before the first screen can show (scripts, preloads, styles), gzipped. */
function initialFiles(): { js: Size[]; css: Size[]; lazy: Size[] } {
  const dir = webAppDir();
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const size = (file: string): Size => {
    const body = readFileSync(join(dir, file));
    return { file, bytes: body.length, gzipBytes: gzipSync(body).length };
  };
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  const js = refs.filter((f) => f.endsWith('.js')).map(size);
  const css = refs.filter((f) => f.endsWith('.css')).map(size);
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const lazy = [...sw.matchAll(/"\/(assets\/[^"]+\.js)"/g)]
    .map((m) => m[1])
    .filter((f) => !refs.includes(f))
    .map(size);
  return { js, css, lazy };
}

interface Load {
  /** Largest Contentful Paint, ms from navigation. */
  lcp: number;
  /** From the last GraphQL answer's last byte to the first result painted, ms; null without results. */
  answerToResults: number | null;
}

/**
 * A cold load (new profile: no cache, no service worker): its Largest Contentful Paint, and how long
 * after the search's answer arrived the first result was painted (the frame after it entered the page).
 */
async function load(browser: Browser, url: string, until: string): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    locale: 'en-US',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  await page.addInitScript(`
    window.__lcp = 0;
    window.__resultsAt = null;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    const seen = new MutationObserver(() => {
      if (window.__resultsAt !== null || !document.querySelector('.result-list li')) return;
      window.__resultsAt = -1;
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__resultsAt = performance.now())));
    });
    seen.observe(document, { childList: true, subtree: true });
  `);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await page.locator(until).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  const value = await page.evaluate<number>('window.__lcp');
  const answered = await page.evaluate<number | null>(`(() => {
    const at = window.__resultsAt;
    if (at === null || at < 0) return null;
    const answers = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/graphql') && e.responseEnd <= at)
      .map((e) => e.responseEnd);
    return answers.length ? at - Math.max(...answers) : null;
  })()`);
  await context.close();
  return {
    lcp: Math.round(value),
    answerToResults: answered === null ? null : Math.round(answered),
  };
}

/** Why a chunk is not part of Find's first load: who loads it. */
function laterNote(file: string): string {
  if (file.includes('ca-places')) return 'only when a place is typed';
  if (file.includes('map-view')) return 'only when the map is opened';
  if (file.includes('messages-')) return 'with the screen whose strings it holds';
  return 'with the screen that needs it';
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const sizes = initialFiles();
  const jsGzip = sizes.js.reduce((sum, f) => sum + f.gzipBytes, 0);
  const cssGzip = sizes.css.reduce((sum, f) => sum + f.gzipBytes, 0);
  console.log(
    `Initial JS ${(jsGzip / 1024).toFixed(1)} KB gzipped, CSS ${(cssGzip / 1024).toFixed(1)} KB`,
  );

  const { version, screens } = await withScratchPostgres('web', async (server) => {
    const stack = await startStack(server, { maxCost: 5000 });
    let browser: Browser | undefined;
    try {
      await importSampleIfEmpty(stack.orms.resources);
      await new Promise((resolve) => setTimeout(resolve, 3000)); // the indexer drains the import
      browser = await chromium.launch({
        executablePath: await Chromium.executablePath(),
        args: Chromium.args.filter((a) => !['--single-process', '--no-zygote'].includes(a)),
        headless: true,
      });
      const origin = new URL(stack.gatewayUrl).origin;
      const cases = [
        { screen: 'Find, empty (`/`)', url: `${origin}/`, until: 'h1' },
        {
          screen: 'Find, a bed tonight near Oakland (`/?need=bed&lat=…`)',
          url: `${origin}/?need=bed&lat=37.8044&lng=-122.2712`,
          until: '.result-list li',
        },
      ];
      const results = [];
      for (const { screen, url, until } of cases) {
        const loads: Load[] = [];
        for (let i = 0; i < RUNS; i++) loads.push(await load(browser, url, until));
        const runs = loads.map((l) => l.lcp);
        const answers = loads.flatMap((l) =>
          l.answerToResults === null ? [] : [l.answerToResults],
        );
        console.log(
          `${screen}: LCP ${runs.join(', ')} ms` +
            (answers.length ? `; results painted ${answers.join(', ')} ms after the answer` : ''),
        );
        results.push({
          screen,
          runs,
          medianMs: median(runs),
          answerToResultsMs: answers,
          answerToResultsMedianMs: answers.length ? median(answers) : null,
        });
      }
      return { version: browser.version(), screens: results };
    } finally {
      await browser?.close();
      await stack.stop();
    }
  });

  const result = {
    date: new Date().toISOString(),
    machine: describeMachine(),
    chromium: version,
    network: SLOW_4G,
    cpuSlowdown: CPU_SLOWDOWN,
    initial: sizes,
    initialJsGzipBytes: jsGzip,
    screens,
  };
  writeBenchResults('web.json', result);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  writeBenchmarkSection(
    'web',
    `## Web app: Find (\`npm run bench:web\`)

Machine: ${result.machine}; browser: Chromium ${version} (\`@sparticuz/chromium\`).

Method: the production build in \`web/dist\` as the gateway serves it. Size: the files \`index.html\`
loads before the first screen, gzipped (\`zlib\` default level), and the chunks loaded later. LCP: Largest
Contentful Paint of a cold load (a new browser profile: no cache, no service worker) at a phone's
viewport (390×844), with Chromium's network throttled to slow 4G (150 ms round trip, 1.6 Mbit/s down,
750 kbit/s up) and its CPU slowed ${CPU_SLOWDOWN}× through the DevTools protocol; ${RUNS} loads each, the
median counts. Everything served from this machine, every subgraph and the sample directory. LCP is
the largest element painted, whenever it is painted: on the results screen, the results or an earlier
heading, whichever is larger. After the answer: from the last byte of the last GraphQL answer (Resource
Timing) to the frame after the first result entered the page (a MutationObserver, then the next
animation frame), under the same throttling.

| what | size | gzipped |
|---|---|---|
${sizes.js.map((f) => `| initial JS \`${f.file}\` | ${kb(f.bytes)} | ${kb(f.gzipBytes)} |`).join('\n')}
${sizes.css.map((f) => `| initial CSS \`${f.file}\` | ${kb(f.bytes)} | ${kb(f.gzipBytes)} |`).join('\n')}
${sizes.lazy.map((f) => `| later: \`${f.file}\` (${laterNote(f.file)}) | ${kb(f.bytes)} | ${kb(f.gzipBytes)} |`).join('\n')}

Initial JavaScript for Find: **${kb(jsGzip)} gzipped** (budget ${BUDGET_KB} KB).

| screen | LCP median | runs (ms) | results after the answer, median | runs (ms) |
|---|---|---|---|---|
${screens
  .map(
    (s) =>
      `| ${s.screen} | ${s.medianMs} ms | ${s.runs.join(', ')} | ${s.answerToResultsMedianMs === null ? 'no results' : `${s.answerToResultsMedianMs} ms`} | ${s.answerToResultsMs.join(', ')} |`,
  )
  .join('\n')}
`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
