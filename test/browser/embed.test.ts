import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-hub.js';
import { chromiumAvailable, chromiumMissingReason, launchChromium, seriousAccessibilityViolations } from '../support/browser.js';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);

if (!chromiumAvailable) console.warn(chromiumMissingReason);

describe.skipIf(!chromiumAvailable)('embedding the hub in a page (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let intranet: Server;
  let intranetUrl: string;
  const problems: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    await mkdir(ARTIFACTS, { recursive: true });
    // A trust intranet on another origin, holding nothing but the two lines of the snippet.
    intranet = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title>
<script src="${server.url}/embed/dcs-hub.js" defer></script></head>
<body><main><h1>Clinical safety</h1>
<dcs-search></dcs-search>
</main></body></html>`);
    });
    await new Promise<void>((resolve) => intranet.listen(0, 'localhost', resolve));
    intranetUrl = `http://localhost:${(intranet.address() as AddressInfo).port}/`;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise<void>((resolve) => (intranet ? intranet.close(() => resolve()) : resolve()));
    await server?.close();
  });

  async function openPage(url: string): Promise<Page> {
    const page = await context.newPage();
    // Any console error (a CSP violation, a failed request, an exception) is a defect of the embed.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${url}: console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${url}: ${error.message}`));
    await page.goto(url);
    return page;
  }

  async function typeQuery(page: Page, text: string) {
    const box = page.getByRole('combobox', { name: 'Search DCS Hub' });
    await box.click();
    await box.pressSequentially(text, { delay: 40 });
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 }).toMatch(new RegExp(`results? for “${text}”`));
    return box;
  }

  it('shows ranked results with highlights, a clause card, facet chips and keyboard navigation on the demo page', async () => {
    const page = await openPage(`${server.url}/embed/demo`);

    // The clause cards load on their own.
    const card = page.locator('dcs-clause').first();
    await expect.poll(() => card.locator('[part="title"]').textContent(), { timeout: 15_000 }).toBe('A suitably qualified and experienced clinician');
    expect(await card.locator('[part="obligation"]').textContent()).toBe('Requirement: must');
    expect(await card.locator('[part="link"]').getAttribute('href')).toBe(`${server.url}/standards/DCB0129/2.3.1`);
    expect(await card.locator('[part="counterpart-link"]').getAttribute('href')).toBe(`${server.url}/standards/DCB0160/2.3.1`);
    const plum = page.locator('dcs-clause.plum');
    await expect.poll(() => plum.locator('[part="eyebrow"]').textContent()).toMatch(/^DCB0160 /);

    // Typing a clause reference ranks that clause first.
    const box = await typeQuery(page, 'DCB0129 2.3');
    const results = page.locator('dcs-search [part="result"]');
    expect(await results.count()).toBeGreaterThan(0);
    await expect.poll(() => results.first().locator('[part="meta"]').textContent()).toBe('Clause · DCB0129 2.3');
    expect(await results.first().getByRole('link').getAttribute('href')).toBe(`${server.url}/standards/DCB0129/2.3`);

    // A topic query: highlighted excerpts, rendered as <mark> elements (not as escaped text).
    await box.fill('');
    const topic = await typeQuery(page, 'hazard log');
    const marks = page.locator('dcs-search [part="excerpt"] mark');
    expect(await marks.count()).toBeGreaterThan(0);
    expect((await marks.first().textContent())?.toLowerCase()).toMatch(/hazard|log/);
    expect(await page.locator('dcs-search [part="excerpt"]').first().textContent()).not.toContain('<mark>');
    const links = page.locator('dcs-search [part="result-link"]');
    const firstTitle = await links.first().textContent();
    expect(firstTitle?.toLowerCase()).toContain('hazard log');

    // The suggestion list follows the arrow keys (combobox pattern with aria-activedescendant).
    expect(await topic.getAttribute('aria-expanded')).toBe('true');
    await topic.press('ArrowDown');
    expect(await topic.getAttribute('aria-activedescendant')).toBe('option-0');
    await topic.press('ArrowDown');
    expect(await topic.getAttribute('aria-activedescendant')).toBe('option-1');
    expect(await page.locator('dcs-search [role="option"][aria-selected="true"]').count()).toBe(1);
    await topic.press('ArrowUp');
    expect(await topic.getAttribute('aria-activedescendant')).toBe('option-0');

    // Escape closes the suggestion list; a facet chip then narrows the results to one kind.
    await topic.press('Escape');
    expect(await topic.getAttribute('aria-expanded')).toBe('false');
    const clauseChip = page.getByRole('button', { name: /^Clause \(\d+\)$/ });
    await clauseChip.click();
    await expect.poll(() => clauseChip.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await page.locator('dcs-search [part="meta"]').allTextContents()).every((meta) => meta.startsWith('Clause'))).toBe(true);
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^\d+ results? for “hazard log”/);

    // Focus order: from the box, Tab reaches the chips and then the result links.
    await topic.focus();
    const focusedPart = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part'));
    await page.keyboard.press('Tab');
    expect(await focusedPart()).toMatch(/^chip/);
    const chipCount = await page.locator('dcs-search [part~="chip"]').count();
    for (let i = 1; i < chipCount; i += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedPart()).toBe('result-link');

    const violations = await seriousAccessibilityViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    await page.screenshot({ path: new URL('embed-demo.png', ARTIFACTS).pathname, fullPage: true });

    // Enter on a highlighted suggestion opens that document on the hub.
    await topic.fill('');
    await typeQuery(page, 'DCB0129 2.3');
    await topic.press('ArrowDown');
    const chosen = await page.locator('dcs-search [role="option"][aria-selected="true"]').textContent();
    expect(chosen).toContain('Clinical Safety Officer');
    await Promise.all([page.waitForURL(`${server.url}/standards/DCB0129/2.3`), topic.press('Enter')]);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('works from an intranet on another origin with only the two-line snippet', async () => {
    const page = await openPage(intranetUrl);
    const graphqlRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/graphql')) graphqlRequests.push(`${request.method()} ${request.url()}`);
    });
    await typeQuery(page, 'clinical safety case report');
    expect(await page.locator('dcs-search [part="result"]').count()).toBeGreaterThan(0);
    // Cross-origin GETs (with their CORS preflights) and no POSTs: the answers are cacheable.
    expect(graphqlRequests.length).toBeGreaterThan(0);
    expect(graphqlRequests.every((request) => request.startsWith('GET ') || request.startsWith('OPTIONS '))).toBe(true);
    expect(graphqlRequests.some((request) => request.startsWith('GET ') && !request.includes('query='))).toBe(true);

    // A trust that proxies the hub's pages under its own address points the result links there.
    const firstLink = page.locator('dcs-search [part="result-link"]').first();
    const hubHref = new URL((await firstLink.getAttribute('href'))!);
    await page.locator('dcs-search').evaluate((widget) => widget.setAttribute('link-base', 'https://intranet.example-trust.nhs.uk/dcs-hub/'));
    await expect.poll(() => firstLink.getAttribute('href')).toBe(`https://intranet.example-trust.nhs.uk/dcs-hub${hubHref.pathname}${hubHref.search}${hubHref.hash}`);

    const violations = await seriousAccessibilityViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.screenshot({ path: new URL('embed-intranet.png', ARTIFACTS).pathname, fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('serves GraphiQL from the hub alone and runs a query in it', async () => {
    const page = await context.newPage();
    const foreign: string[] = [];
    // Offline: anything not served by the hub itself is refused (and recorded).
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === new URL(server.url).origin || url.protocol === 'data:') return route.continue();
      foreign.push(url.toString());
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`graphiql: console: ${message.text().slice(0, 300)}`);
    });
    page.on('pageerror', (error) => problems.push(`graphiql: ${error.message}`));
    await page.goto(`${server.url}/graphiql`);
    // The editor loads in chunks after the page: run once the example query is in it.
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 30_000 }).toContain('ClauseAndSearch');
    await page.getByRole('button', { name: /execute query/i }).click();
    // Monaco renders spaces as no-break spaces.
    const response = async () => ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\s+/g, ' ');
    await expect.poll(response, { timeout: 30_000 }).toContain('"title": "A suitably qualified and experienced clinician"');
    await page.screenshot({ path: new URL('graphiql.png', ARTIFACTS).pathname });
    expect(foreign).toEqual([]);
    await page.close();
    expect(problems).toEqual([]);
  });
});
