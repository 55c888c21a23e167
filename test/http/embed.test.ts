import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { parse, stripIgnoredCharacters, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../../src/graphql/schema.js';
import { conditionalGet } from '../support/conditional-get.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/** The bundle must stay small enough to add to any intranet page without a second thought. */
const EMBED_GZIP_BUDGET_BYTES = 12 * 1024;
const QUERIES_DIR = new URL('../../src/embed/queries/', import.meta.url);

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

async function widgetQueries(): Promise<{ file: string; source: string }[]> {
  const files = (await readdir(QUERIES_DIR)).filter((file) => file.endsWith('.graphql'));
  return Promise.all(files.map(async (file) => ({ file, source: await readFile(new URL(file, QUERIES_DIR), 'utf8') })));
}

describe('GET /embed/dcs-hub.js', () => {
  it('serves the web components as a small, cacheable script any origin may load', async () => {
    const response = await fetch(`${server.url}/embed/dcs-hub.js`, { headers: { origin: 'https://intranet.example-trust.nhs.uk' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const code = Buffer.from(await response.arrayBuffer());
    const text = code.toString('utf8');
    expect(text).toContain('"dcs-search"');
    expect(text).toContain('"dcs-clause"');
    const gzipped = gzipSync(code, { level: 9 }).length;
    console.info(`dcs-hub.js: ${code.length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThan(EMBED_GZIP_BUDGET_BYTES);
  });

  it('answers a revalidation of an unchanged script with 304', async () => {
    const first = await fetch(`${server.url}/embed/dcs-hub.js`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const revalidated = await conditionalGet(`${server.url}/embed/dcs-hub.js`, { 'if-none-match': etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('carries each widget query as a persisted query whose hash the hub computes the same way', async () => {
    const bundle = await (await fetch(`${server.url}/embed/dcs-hub.js`)).text();
    for (const { file, source } of await widgetQueries()) {
      const query = stripIgnoredCharacters(source);
      expect(bundle, file).toContain(createHash('sha256').update(query).digest('hex'));
      expect(bundle, file).toContain(JSON.stringify(query).slice(1, -1));
    }
  });
});

describe('the widget queries', () => {
  it('are valid against the schema the hub serves', async () => {
    const schema = await getSchema();
    const queries = await widgetQueries();
    expect(queries.map((q) => q.file).sort()).toEqual(['clause.graphql', 'search.graphql']);
    for (const { file, source } of queries) {
      expect(validate(schema, parse(source)).map((error) => error.message), file).toEqual([]);
    }
  });
});

describe('GET /embed/demo', () => {
  it('shows an intranet page using the two-line snippet, under a strict Content-Security-Policy', async () => {
    const response = await fetch(`${server.url}/embed/demo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const page = await response.text();
    expect(page).toContain(`<script src="${server.url}/embed/dcs-hub.js" defer></script>`);
    expect(page).toContain('<dcs-search');
    expect(page).toContain('<dcs-clause standard="DCB0129" number="2.3.1">');
    // The snippet is shown as text to copy, escaped.
    expect(page).toContain(`&lt;script src=&quot;${server.url}/embed/dcs-hub.js&quot; defer&gt;&lt;/script&gt;\n&lt;dcs-search&gt;&lt;/dcs-search&gt;`);

    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    expect(policy).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  });
});

describe('GET /graphiql', () => {
  it('serves the explorer page and its bundle from the hub, with nothing from another origin', async () => {
    const response = await fetch(`${server.url}/graphiql`);
    expect(response.status).toBe(200);
    const page = await response.text();
    const references = [...page.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(references).toEqual(['data:,', '/graphiql/assets/graphiql.css', '/graphiql/assets/graphiql.js']);
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");

    for (const asset of ['graphiql.js', 'graphiql.css', 'editor.worker.js', 'graphql.worker.js', 'json.worker.js']) {
      const assetResponse = await fetch(`${server.url}/graphiql/assets/${asset}`);
      expect(assetResponse.status, asset).toBe(200);
      expect(assetResponse.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      await assetResponse.arrayBuffer();
    }
    expect((await fetch(`${server.url}/graphiql/assets/missing.js`)).status).toBe(404);
  });
});
