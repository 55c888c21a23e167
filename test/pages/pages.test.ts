import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printHubSchema } from '../../src/graphql/schema.js';
import { renderMarkdown } from '../../src/http/pages/markdown.js';
import { conditionalGet } from '../support/conditional-get.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/** The hub's HTML pages over plain HTTP: status codes, canonical links, caching, escaping. No browser needed. */
describe('the hub pages over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(server.url + path, { headers, redirect: 'manual' });
    return { response, body: await response.text() };
  }

  function canonicalOf(body: string): string | undefined {
    return /<link rel="canonical" href="([^"]+)">/.exec(body)?.[1];
  }

  it('serves every kind of document at the URL its GraphQL `url` field gives, with that URL as canonical', async () => {
    const result = await server.graphql<Record<string, { url: string; hazards?: { url: string; code: string }[] }>>(`{
      standard(code: "DCB0129") { url }
      clause(standard: "DCB0129", number: "2.3.1") { url }
      guidance(slug: "cso-role") { url }
      blueprint(slug: "hazard-log") { url }
      safetyCase(slug: "epr-go-live-acute-trust") { url hazards { url code } }
      riskMatrix { url }
      safetyLearning(slug: "eprescribing-dose-unit-mismatch") { url }
      evidenceItem(slug: "barcode-medication-administration-emar") { url }
    }`);
    expect(result.errors).toBeUndefined();
    const documents = Object.values(result.data!);
    expect(documents).toHaveLength(8);
    for (const { url } of documents) {
      const response = await fetch(url);
      const body = await response.text();
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(canonicalOf(body), url).toBe(url);
      expect(body).toMatch(/<title>[^<]+ - DCS Hub<\/title>/);
      expect(body).toMatch(/<meta name="description" content="[^"]{20,}">/);
      expect(body).toContain('<nav class="breadcrumbs" aria-label="Breadcrumb">');
      expect(body).toContain('<dt>Last reviewed</dt>');
      expect(body).toContain('<dt>Version</dt>');
      expect(body.match(/<h1[ >]/g), url).toHaveLength(1);
    }
    const hazards = result.data!.safetyCase.hazards!;
    const casePage = await (await fetch(hazards[0].url.split('#')[0])).text();
    for (const hazard of hazards) {
      const anchor = new URL(hazard.url).hash.slice(1);
      expect(anchor).toBe(hazard.code.toLowerCase());
      expect(casePage).toContain(`id="${anchor}"`);
    }
  });

  it('caches pages like the API: public for five minutes, strong ETag, 304 when unchanged', async () => {
    const first = await get('/standards/DCB0160/3.5.1');
    expect(first.response.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = first.response.headers.get('etag');
    expect(etag).toMatch(/^"[^"]{20,}"$/);
    const again = await conditionalGet(`${server.url}/standards/DCB0160/3.5.1`, { 'if-none-match': etag! });
    expect(again).toEqual({ status: 304, etag, body: '' });
    const other = await conditionalGet(`${server.url}/standards/DCB0160/3.5.2`, { 'if-none-match': etag! });
    expect(other.status).toBe(200);
  });

  it('serves the stylesheet at a fingerprinted path cached for a year, with print styles', async () => {
    const { body } = await get('/');
    const href = /<link rel="stylesheet" href="(\/assets\/hub\.[0-9a-f]{12}\.css)">/.exec(body)?.[1];
    expect(href).toBeDefined();
    const css = await get(href!);
    expect(css.response.status).toBe(200);
    expect(css.response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(css.body).toContain('@media print');
  });

  it('links the schema, the GraphQL explorer and the embed demo from the home page, and serves the schema', async () => {
    const { body } = await get('/');
    for (const href of ['/schema.graphql', '/graphiql', '/embed/demo', '/standards/DCB0129', '/standards/DCB0160', '/risk-matrix', '/learning', '/evidence']) expect(body).toContain(`href="${href}"`);
    expect(body).toContain('action="/search"');
    const schema = await get('/schema.graphql');
    expect(schema.response.status).toBe(200);
    expect(schema.response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(schema.body).toBe(await printHubSchema());
  });

  it('answers a missing document with a real 404 page and no internals', async () => {
    for (const path of [
      '/standards/DCB9999',
      '/standards/DCB0129/9.9.9',
      '/guidance/no-such-article',
      '/blueprints/no-such-blueprint',
      '/blueprints/hazard-log?version=9.9.9',
      '/safety-cases/no-such-case',
      '/learning/no-such-learning',
      '/evidence/no-such-evidence',
      '/no/such/page',
    ]) {
      const { response, body } = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(body).toContain('<h1>Page not found</h1>');
      expect(body).toContain('<meta name="robots" content="noindex">');
      expect(body).not.toMatch(/\.ts:\d+|at [A-Za-z.]+ \(|Error:/);
    }
    const head = await fetch(`${server.url}/guidance/no-such-article`, { method: 'HEAD' });
    expect(head.status).toBe(404);
  });

  it('answers a bad query string or address with a 400 page that names the problem', async () => {
    const cases: [string, string][] = [
      ['/risk-matrix?severity=HUGE&likelihood=LOW', 'severity'],
      ['/risk-matrix?severity=MAJOR', 'likelihood'],
      ['/standards/DCB0129/two.three', 'number'],
      ['/guidance?page=0', 'page'],
      ['/guidance?topic=hazard-log&topic=cso-role', 'topic'],
      ['/guidance?topic=no-such-topic', 'topic'],
      ['/blueprints?kind=NOT_A_KIND', 'kind'],
      ['/blueprints/hazard-log?version=1.x', 'version'],
      ['/safety-cases?systemType=TOASTER', 'systemType'],
      [`/search?q=${'a'.repeat(300)}`, 'q'],
    ];
    for (const [path, field] of cases) {
      const { response, body } = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(body).toContain('There is a problem');
      expect(body, path).toContain(`<code>${field}</code>`);
    }
    const undecodable = await get('/guidance/%E0%A4%A');
    expect(undecodable.response.status).toBe(400);
    expect(undecodable.body).toContain('There is a problem');
  });

  it('redirects non-canonical spellings of a standard or clause to the canonical URL', async () => {
    const standard = await get('/standards/dcb0129');
    expect(standard.response.status).toBe(301);
    expect(standard.response.headers.get('location')).toBe('/standards/DCB0129');
    const clause = await get('/standards/0160/2.3.1.');
    expect(clause.response.status).toBe(301);
    expect(clause.response.headers.get('location')).toBe('/standards/DCB0160/2.3.1');
  });

  it('shows a clause with who it binds, its counterpart, and the guidance and blueprints that cite it', async () => {
    const { body } = await get('/standards/DCB0129/2.3.1');
    expect(body).toContain('href="/standards/DCB0160/2.3.1"');
    expect(body).toContain('Clinical Safety Officers');
    expect(body).toContain('href="/guidance/cso-role"');
    expect(body).toContain('href="/guidance/who-can-be-a-cso"');
    expect(body).toContain('href="/blueprints/cso-appointment-letter"');
    expect(body).toContain('href="/standards/DCB0129/2.3"');
    const standard = await get('/standards/DCB0129');
    expect(standard.body).toContain('href="/standards/DCB0129/7.3.4"');
  });

  it('offers every format of a blueprint through a GET form that posts its variables to the download URLs', async () => {
    const { body } = await get('/blueprints/hazard-log');
    const version = /Fill in and download version (\d+\.\d+\.\d+)/.exec(body)![1];
    for (const extension of ['docx', 'md', 'html', 'csv', 'xlsx']) expect(body).toContain(`/blueprints/hazard-log/${version}.${extension}"`);
    expect(body).toMatch(/<input type="text" id="var-productName" name="productName"[^>]* required/);
    const plan = await get('/blueprints/clinical-risk-management-plan');
    expect(plan.body).toContain('.docx"');
    expect(plan.body).not.toContain('.csv"');
    expect(plan.body).not.toContain('.xlsx"');

    const older = await get('/blueprints/hazard-log?version=1.0.0');
    expect(older.response.status).toBe(200);
    expect(canonicalOf(older.body)).toBe(`${server.url}/blueprints/hazard-log?version=1.0.0`);
    expect(older.body).toContain('/blueprints/hazard-log/1.0.0.docx"');

    // What the browser sends when the form is submitted with the CSV button: the download route answers it.
    const query = new URLSearchParams({ productName: 'Example EPR', productVersion: '2.1', organisationName: 'Example Trust', applicableStandard: 'DCB0160', csoName: 'A. Clinician', approvalDate: '2026-11-01', logIssue: '', safetyCaseReference: '' });
    const download = await fetch(`${server.url}/blueprints/hazard-log/${version}.csv?${query}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(`hazard-log-${version}.csv`);
    expect(await download.text()).toContain('H-001');
  });

  it('colours a safety case hazard log by the risk matrix with the number and word as well', async () => {
    const { body } = await get('/safety-cases/epr-go-live-acute-trust');
    expect(body).toMatch(/<span class="risk risk-3">3 Undesirable<\/span>/);
    expect(body).toContain('Acute hospital');
    expect(body).toContain('href="/standards/DCB0160"');
  });

  it('assesses a risk from the form on the risk matrix page', async () => {
    const { response, body } = await get('/risk-matrix?severity=MAJOR&likelihood=LOW');
    expect(response.status).toBe(200);
    expect(body).toContain('give a risk rating of 3: Undesirable');
    expect(body).toContain('<td class="is-selected">');
    expect(canonicalOf(body)).toBe(`${server.url}/risk-matrix`);
  });

  it('searches with highlights, facets as links, suggestions and paging', async () => {
    const { response, body } = await get('/search?q=hazard+log');
    expect(response.status).toBe(200);
    expect(body).toMatch(/\d+ results for <strong>hazard log<\/strong>/);
    expect(body).toContain('<mark>');
    expect(body).toMatch(/href="\/search\?q=hazard\+log&amp;kind=GUIDANCE"/);
    expect(body).toContain('rel="next"');
    const second = await get('/search?q=hazard+log&page=2');
    expect(second.response.status).toBe(200);
    expect(second.body).toContain('rel="prev"');
    const filtered = await get('/search?q=hazard+log&kind=BLUEPRINT');
    expect(filtered.body).toContain('href="/blueprints/hazard-log"');
    expect(filtered.body).not.toContain('href="/guidance/');
    const typo = await get('/search?q=hazrd');
    expect(typo.body).toContain('Did you mean');
    const clause = await get('/search?q=DCB0160+3.5.1');
    expect(clause.body).toMatch(/href="\/standards\/DCB0160\/3\.5\.1">DCB0160 3\.5\.1 /);
  });

  it('escapes what the visitor typed and never lets markup from the address into the page', async () => {
    const search = await get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(search.response.status).toBe(200);
    expect(search.body).not.toContain('<script>alert(1)');
    expect(search.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const missing = await get(`/guidance/${encodeURIComponent('"><img src=x onerror=alert(1)>')}`);
    expect(missing.response.status).toBe(404);
    expect(missing.body).not.toContain('<img src=x');
    expect(missing.body).not.toMatch(/<script(?! type="module" src="\/)/);
  });

  it('leaves blueprint download URLs (paths with a format extension) to the download route', async () => {
    // Without its required variables the download route refuses in JSON: proof it, not the 404 page, answered.
    const response = await fetch(`${server.url}/blueprints/hazard-log/1.0.0.md`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
  });
});

describe('Markdown on pages', () => {
  it('renders GitHub-flavoured Markdown and drops scripts, event handlers and javascript: links', () => {
    const rendered = String(
      renderMarkdown(['## Heading', '', '<script>alert(1)</script>', '', '[click](javascript:alert(1)) <img src=x onerror=alert(2)>', '', '| a | b |', '|---|---|', '| 1 | 2 |'].join('\n')),
    );
    expect(rendered).toContain('<h2 id="heading">Heading</h2>');
    expect(rendered).toContain('<table>');
    expect(rendered).not.toMatch(/<script|onerror|javascript:|<img/);
  });

  it('moves a template\'s headings under the page\'s own', () => {
    expect(String(renderMarkdown('# Title\n\n## Section', { topLevel: 3 }))).toBe('<h3 id="title">Title</h3>\n<h4 id="section">Section</h4>');
  });
});
