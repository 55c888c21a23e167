import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedScriptAvailable } from '../../src/http/pages/assets.js';
import { chromiumAvailable, chromiumMissingReason, launchChromium, seriousAccessibilityViolations } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/**
 * A CSO's journeys through the hub's pages in Debian's Chromium: search, read a clause and its counterpart,
 * download a blueprint, read a safety case. Every page type is checked with axe-core and photographed.
 */
if (!chromiumAvailable) console.warn(chromiumMissingReason);

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts', 'pages');

async function seriousViolations(page: Page): Promise<string[]> {
  const violations = await seriousAccessibilityViolations(page);
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!chromiumAvailable)('the hub in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext;
  let noScript: BrowserContext;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'en-GB' });
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
    // Every page must work with JavaScript off: the web components only enhance.
    noScript = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false, locale: 'en-GB' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    const response = await page.goto(server.url + path);
    expect(response?.status(), path).toBe(200);
    return page;
  }

  it('searches from the home page without JavaScript and opens a result', async () => {
    const page = await open(noScript, '/');
    await page.getByRole('searchbox', { name: /search standards/i }).fill('hazard log');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=hazard\+log/);
    const results = page.locator('.result-list > li');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await page.locator('.result-list mark').count()).toBeGreaterThan(0);
    const first = results.first().locator('h2 a');
    const title = (await first.textContent())!.trim();
    await first.click();
    await page.waitForLoadState();
    await expect(page.locator('h1').textContent()).resolves.toContain(title.split(' ').slice(-2).join(' '));
    await screenshot(page, 'search-result-opened');
    await page.close();
  });

  // The script is built by the test set-up (scripts/build-assets.mjs); without it the page is the plain form tested above.
  it.skipIf(!embedScriptAvailable())('searches as you type on the home page once <dcs-search> has enhanced the search box', async () => {
    const page = await open(desktop, '/');
    const widget = page.locator('dcs-search');
    const input = widget.getByRole('combobox');
    await input.fill('transferred hazards');
    const firstOption = widget.getByRole('option').first();
    await firstOption.waitFor();
    expect(await widget.getByRole('list', { name: 'Search results' }).getByRole('link').count()).toBeGreaterThan(0);
    await screenshot(page, 'home-search-as-you-type');
    // The combobox pattern: arrow down to the first suggestion, Enter opens its page on the hub.
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.waitForURL((url) => url.pathname !== '/');
    expect(await page.locator('h1').count()).toBe(1);
    await page.close();
  });

  it('opens a clause and follows it to its counterpart in the other standard', async () => {
    const page = await open(desktop, '/standards/DCB0129');
    await page.locator('.clause-tree a', { hasText: '2.3.1' }).first().click();
    await page.waitForURL(/\/standards\/DCB0129\/2\.3\.1$/);
    await expect(page.locator('h1').textContent()).resolves.toContain('2.3.1');
    await page.getByRole('link', { name: /^DCB0160 2\.3\.1/ }).click();
    await page.waitForURL(/\/standards\/DCB0160\/2\.3\.1$/);
    await expect(page.getByRole('link', { name: /^DCB0129 2\.3\.1/ }).count()).resolves.toBe(1);
    await expect(page.locator('nav[aria-label="Breadcrumb"]').textContent()).resolves.toContain('DCB0160');
    await page.close();
  });

  it('fills in a blueprint and downloads it as Word and, for a hazard log, as Excel', async () => {
    const page = await open(desktop, '/blueprints/hazard-log');
    const form = page.locator('form', { has: page.getByRole('button', { name: /Download Word/ }) });
    for (const field of await form.locator('[required]').all()) {
      const tag = await field.evaluate((el) => el.tagName.toLowerCase());
      const type = await field.getAttribute('type');
      if (tag === 'select') await field.selectOption({ index: 1 });
      else if (type === 'date') await field.fill('2026-11-01');
      else if (type === 'number') await field.fill('3');
      else await field.fill('Example Health IT System');
    }
    for (const [button, extension] of [[/Download Word/, '.docx'], [/Download Excel/, '.xlsx']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^hazard-log-\\d+\\.\\d+\\.\\d+\\${extension}$`));
      const saved = join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(saved);
      expect(statSync(saved).size).toBeGreaterThan(1000);
    }
    await page.close();
  });

  it('reads a safety case: hazard log coloured by rating, each hazard reachable by its link', async () => {
    const page = await open(desktop, '/safety-cases/epr-go-live-acute-trust');
    const rows = page.locator('table.hazard-table tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(6);
    const badge = rows.first().locator('.risk').first();
    const text = (await badge.textContent())!;
    expect(text).toMatch(/^[1-5] \S/);
    const colour = await badge.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).not.toBe('rgba(0, 0, 0, 0)');
    const code = (await rows.first().locator('td a').textContent())!.trim();
    await rows.first().locator('td a').click();
    expect(page.url()).toMatch(new RegExp(`#${code.toLowerCase()}$`));
    await expect(page.locator(`#${code.toLowerCase()}`).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('starts keyboard users at a skip link and shows where focus is', async () => {
    const page = await open(desktop, '/guidance/cso-role');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, outline: getComputedStyle(document.activeElement!).backgroundColor }));
    expect(focused.text).toBe('Skip to main content');
    expect(focused.outline).toBe('rgb(255, 235, 59)');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main-content');
    await page.close();
  });

  const pageTypes: [string, string][] = [
    ['home', '/'],
    ['search', '/search?q=clinical+safety+officer'],
    ['standard', '/standards/DCB0160'],
    ['clause', '/standards/DCB0129/3.3.2'],
    ['guidance', '/guidance/hazard-log-practice'],
    ['blueprint', '/blueprints/hazard-log'],
    ['safety-case', '/safety-cases/ai-chest-xray-triage'],
    ['risk-matrix', '/risk-matrix?severity=MAJOR&likelihood=MEDIUM'],
    ['guidance-list', '/guidance'],
    ['learning', '/learning/eprescribing-dose-unit-mismatch'],
    ['evidence', '/evidence/barcode-medication-administration-emar'],
  ];

  it.each(pageTypes)('%s page has no serious accessibility violations and fits a phone', async (name, path) => {
    const page = await open(desktop, path);
    expect(await seriousViolations(page), name).toEqual([]);
    await screenshot(page, `${name}-desktop`);
    await page.close();
    // Same markup and colours on a phone; what changes is the layout, which must not scroll sideways.
    const small = await open(phone, path);
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
    await screenshot(small, `${name}-phone`);
    await small.close();
  });

  it('shows a real 404 page, accessible and without internals', async () => {
    const page = await desktop.newPage();
    const response = await page.goto(`${server.url}/guidance/no-such-article`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'not-found-desktop');
    await page.close();
  });

  it('prints the document without the site navigation', async () => {
    const page = await open(desktop, '/standards/DCB0129/2.3.1');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.hub-nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('h1').isVisible()).resolves.toBe(true);
    await screenshot(page, 'clause-print');
    await page.close();
  });
});
