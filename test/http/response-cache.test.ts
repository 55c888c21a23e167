import 'reflect-metadata';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_MAX_AGE_SECONDS } from '../../src/graphql/cache-control.js';
import { ingestContent } from '../../src/modules/ingest/ingest.service.js';
import { copyContent } from '../support/content-copy.js';
import { createKey } from '../support/contributions.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

const SEARCH = 'query($q: String!) { search(query: $q, first: 5) { totalCount edges { node { document { title url } } } } }';

/**
 * Whole answers to anonymous queries are kept per process while the content behind them is current: a kept
 * answer carries an `Age` header and runs no resolver; anything answered for a caller, private or with errors is
 * never kept; a committed content change retires every kept answer.
 */
describe('response cache', () => {
  let server: TestServer;
  let content: Awaited<ReturnType<typeof copyContent>>;

  beforeAll(async () => {
    content = await copyContent();
    server = await startTestServer({ contentDir: content.dir, env: { RESPONSE_CACHE_MB: '8' } });
  });
  afterAll(async () => {
    await server?.close();
    await content?.dispose();
  });

  async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { response, body: (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
  }

  it('answers a repeated anonymous query from the cache, with the same body and cache policy', async () => {
    const engine = vi.spyOn(server.hub.search, 'search');
    try {
      const first = await post(SEARCH, { q: 'wrong patient' });
      const again = await post(SEARCH, { q: 'wrong patient' });
      expect(first.body.errors).toBeUndefined();
      expect(again.body).toEqual(first.body);
      expect(engine).toHaveBeenCalledTimes(1);
      expect(first.response.headers.get('age')).toBeNull();
      expect(Number(again.response.headers.get('age'))).toBeGreaterThanOrEqual(0);
      expect(again.response.headers.get('cache-control')).toBe(`max-age=${CONTENT_MAX_AGE_SECONDS}, public`);

      await post(SEARCH, { q: 'alert fatigue' });
      expect(engine).toHaveBeenCalledTimes(2);
    } finally {
      engine.mockRestore();
    }
  });

  it('never serves a kept answer once the content behind it changed', async () => {
    const word = 'quorvantic';
    const before = await post(SEARCH, { q: word });
    expect((before.body.data?.search as { totalCount: number }).totalCount).toBe(0);
    expect((await post(SEARCH, { q: word })).response.headers.get('age')).not.toBeNull();

    await content.edit('safety-cases/ambulance-dispatch-upgrade.md', (text) => text.replace(/(code: H-001\n\s+title: )([^\n]+)/, `$1$2 (${word})`));
    await ingestContent(server.hub, { contentDir: content.dir, onChanges: server.hub.search.indexChanges });

    const after = await post(SEARCH, { q: word });
    expect(after.response.headers.get('age')).toBeNull();
    expect((after.body.data?.search as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });

  it('keeps nothing answered for a caller with a key, nothing private and nothing with errors', async () => {
    const { headers } = await createKey(server.hub, 'CONTRIBUTOR', 'response cache test');
    const engine = vi.spyOn(server.hub.search, 'search');
    try {
      await post(SEARCH, { q: 'hazard log' }, headers);
      const keyed = await post(SEARCH, { q: 'hazard log' }, headers);
      expect(keyed.response.headers.get('age')).toBeNull();
      expect(engine).toHaveBeenCalledTimes(2);
      // The anonymous answer to the same question is not the keyed one kept under another name.
      const anonymous = await post(SEARCH, { q: 'hazard log' });
      expect(anonymous.response.headers.get('age')).toBeNull();
    } finally {
      engine.mockRestore();
    }

    await post('{ viewer { role } }');
    const privately = await post('{ viewer { role } }');
    expect(privately.body.errors).toBeUndefined();
    expect(privately.response.headers.get('age')).toBeNull();

    const invalid = '{ clause(standard: "DCB0129", number: "two") { title } }';
    await post(invalid);
    const failed = await post(invalid);
    expect(failed.body.errors).toBeDefined();
    expect(failed.response.headers.get('age')).toBeNull();
  });

  it('keeps answers apart by the origin their URLs are built from', async () => {
    const query = JSON.stringify({ query: '{ standard(code: "DCB0129") { url } }' });
    const urlFor = (host: string) =>
      new Promise<string>((resolve, reject) => {
        const request = httpRequest(`${server.url}/graphql`, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve((JSON.parse(text) as { data: { standard: { url: string } } }).data.standard.url));
        });
        request.on('error', reject);
        request.end(query);
      });
    expect(await urlFor('hub-a.example.nhs.uk')).toBe('http://hub-a.example.nhs.uk/standards/DCB0129');
    expect(await urlFor('hub-b.example.nhs.uk')).toBe('http://hub-b.example.nhs.uk/standards/DCB0129');
    expect(await urlFor('hub-a.example.nhs.uk')).toBe('http://hub-a.example.nhs.uk/standards/DCB0129');
  });

  it('is off with RESPONSE_CACHE_MB=0', async () => {
    const uncached = await startTestServer({ env: { RESPONSE_CACHE_MB: '0' } });
    try {
      const query = '{ standards { code } }';
      const fetchOnce = () => fetch(`${uncached.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      await fetchOnce();
      const second = await fetchOnce();
      expect(second.status).toBe(200);
      expect(second.headers.get('age')).toBeNull();
    } finally {
      await uncached.close();
    }
  });
});
