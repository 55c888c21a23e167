import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/** With MEILI_HOST pointing at nothing, search keeps answering from PostgreSQL and says so. */
describe('search when Meilisearch is unreachable', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Port 9 (discard) has no listener here: connections are refused at once.
    server = await startTestServer({ env: { MEILI_HOST: 'http://127.0.0.1:9', MEILI_INDEX_PREFIX: 'dcs_unreachable' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('falls back to PostgreSQL full-text search and reports the answer as degraded', async () => {
    const result = await server.hub.search.search(server.hub.db.orm.em.fork(), { query: 'DCB0129 2.3', first: 3 });
    expect(result).toMatchObject({ backend: 'postgres', degraded: true });
    expect(result.hits[0]).toMatchObject({ kind: 'CLAUSE', key: 'DCB0129 2.3' });
    const graphql = await server.graphql<{ search: { totalCount: number } }>('{ search(query: "wrong patient", first: 1) { totalCount } }');
    expect(graphql.errors).toBeUndefined();
    expect(graphql.data!.search.totalCount).toBeGreaterThan(0);
  });

  it('stays ready on /readyz, marked degraded, naming the fallback', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; checks: { search: string }; search: { configured: string; active: string; detail: string } };
    expect(body).toMatchObject({ status: 'degraded', checks: { search: 'degraded' }, search: { configured: 'meilisearch', active: 'postgres' } });
    expect(body.search.detail).toMatch(/^Meilisearch unavailable \(.+\); answering from PostgreSQL full-text search$/);
  });

  it('keeps content changes queued in the outbox for when Meilisearch is back', async () => {
    await server.hub.search.drainOutbox();
    const [{ pending }] = await server.hub.db.orm.em.fork().execute<{ pending: string }[]>('select count(*) as pending from search_outbox where processed_at is null');
    expect(Number(pending)).toBeGreaterThan(0);
  });
});
