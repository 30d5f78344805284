import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`;
export const SCREENSHOTS = resolve(__dirname, '../../../dist/e2e/web/screenshots');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A browser profile that records console errors and every request that leaves the origin. */
export async function personContext(browser: Browser, origin: string) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const problems: string[] = [];
  context.on('page', (page) => watch(page, origin, problems));
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, problems };
}

function watch(page: Page, origin: string, problems: string[]) {
  page.on('console', (message) => {
    // A 4xx the page handles (wrong code, field error) is logged by Chromium as a failed resource: not a page error.
    if (
      message.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())
    )
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
      problems.push(`third-party request: ${url}`);
  });
}

/** axe-core on the page as it is now: serious and critical violations are returned. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // evaluate, not a script tag: the page's CSP rightly refuses inline scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{
            violations: {
              id: string;
              impact: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe.run(document, {
      resultTypes: ['violations'],
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** axe, then screenshots at 360 px and 1280 px wide, named after the page. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const violations = await seriousViolations(page);
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${width}.png`),
      fullPage: true,
    });
    // Usable at 360 px: nothing forces the page to scroll sideways.
    const overflow = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > limit + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
        .slice(0, 5);
      // A table that scrolls inside its box still hides columns at 360 px: count it too.
      const scrolling = [...document.querySelectorAll('.table-wrap')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `table-wrap +${el.scrollWidth - el.clientWidth}px`);
      return {
        by: document.documentElement.scrollWidth - limit,
        wide: [...wide, ...scrolling],
      };
    });
    expect({ page: name, width, overflow }).toEqual({
      page: name,
      width,
      overflow: { by: 0, wide: [] },
    });
  }
  await page.setViewportSize(size);
}

export type { Browser, BrowserContext, Page };
