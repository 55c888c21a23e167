import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createSearchService } from '../../src/modules/search/search.service.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/**
 * A hub with NODE_ENV=production whose dependencies fail under it: a database error reaches the client masked
 * (stable code, no stack trace, SQL or path); an unreachable search backend leaves search to PostgreSQL; and
 * /readyz reports the database once it is gone.
 */
let server: TestServer;
let development: RunningServer;

beforeAll(async () => {
  // No response cache: the faults are made by altering tables under the hub, which no content commit announces, so
  // answers kept from before a fault would hide it.
  server = await startTestServer({ env: { NODE_ENV: 'production', RESPONSE_CACHE_MB: '0' } });
  // The same hub answering as in development: shows what production hides.
  development = await listen({ ...server.hub, config: { ...server.hub.config, nodeEnv: 'development' } }, 0, '127.0.0.1');
});
afterAll(async () => {
  await development?.stop();
  await server?.close();
});

async function ask(url: string, query: string) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, text: await response.text() };
}

const INTERNALS = [/stacktrace/i, /\bat .+:\d+:\d+/, /select|from "?guidance_article/i, /guidance_article/, /\/work\/|node_modules|\.ts:\d+|\.js:\d+/, /mikro-?orm|knex|pglite/i];

describe('errors in production', () => {
  it('answers a database fault with INTERNAL_SERVER_ERROR and nothing of the fault itself', async () => {
    const query = '{ guidanceArticles(first: 1) { totalCount edges { node { title } } } }';
    expect(JSON.parse((await ask(server.url, query)).text).data.guidanceArticles.totalCount).toBeGreaterThan(0);

    // Take a table away under the running hub: the next query fails inside the database with SQL in its error.
    await server.hub.db.orm.em.fork().execute('alter table guidance_article rename to guidance_article_moved');
    try {
      const shown = await ask(development.url, query);
      expect(shown.text).toMatch(/guidance_article/);

      const masked = await ask(server.url, query);
      expect(masked.status).toBeLessThan(500);
      const body = JSON.parse(masked.text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors).toEqual([expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
      for (const pattern of INTERNALS) expect(masked.text).not.toMatch(pattern);
    } finally {
      await server.hub.db.orm.em.fork().execute('alter table guidance_article_moved rename to guidance_article');
    }
  });

  it('answers an unparsable body with JSON and a stable code, not an HTML error page', async () => {
    const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ __typename }"' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('the search backend unreachable', () => {
  it('still answers search, from PostgreSQL, with the same results', async () => {
    // MEILI_HOST pointing at a port nothing listens on.
    const config = { ...server.hub.config, meiliHost: 'http://127.0.0.1:1' };
    const search = createSearchService(config, server.hub.db, server.hub.logger);
    const withoutMeilisearch = await listen({ ...server.hub, config, search }, 0, '127.0.0.1');
    try {
      const query = '{ search(query: "hazard log", first: 5) { totalCount edges { node { document { title } } } } }';
      const expected = JSON.parse((await ask(server.url, query)).text);
      expect(expected.data.search.totalCount).toBeGreaterThan(0);
      for (let attempt = 0; attempt < 2; attempt++) {
        const answer = await ask(withoutMeilisearch.url, query);
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.text)).toEqual(expected);
      }
    } finally {
      await withoutMeilisearch.stop();
      await search.stop();
    }
  });
});

describe('the database lost while running', () => {
  it('is reported by /readyz, and requests still get masked answers', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    await server.hub.db.orm.close(true);

    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', checks: { database: 'unreachable' } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    const answer = await ask(server.url, '{ standards { title } }');
    expect(answer.status).toBeLessThan(500);
    expect(JSON.parse(answer.text).errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    for (const pattern of INTERNALS) expect(answer.text).not.toMatch(pattern);
  });
});
