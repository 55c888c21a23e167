import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

let server: TestServer;
let guarded: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
  guarded = await listen({ ...server.hub, config: { ...server.hub.config, metricsToken: 'metrics-test-token' } }, 0, '127.0.0.1');
});
afterAll(async () => {
  await guarded?.stop();
  await server?.close();
});

async function scrape(url = server.url, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample, e.g. `dcs_hub_errors_total{code="BAD_USER_INPUT"}`; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (match && match[1] === name && wanted.every((pair) => match[2].split(',').includes(pair))) return Number(match[3]);
  }
  return 0;
}

describe('/metrics', () => {
  it('counts requests by route pattern and status, with durations', async () => {
    const before = sample(await scrape(), 'dcs_hub_http_requests_total', { method: 'POST', route: '/graphql', status: '200' });
    await server.graphql('{ standards { code } }');
    await server.graphql('{ standards { code } }');
    const text = await scrape();
    expect(sample(text, 'dcs_hub_http_requests_total', { method: 'POST', route: '/graphql', status: '200' })).toBe(before + 2);
    expect(sample(text, 'dcs_hub_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(before + 2);
    expect(text).toMatch(/^dcs_hub_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/graphql",status="200"\} \d+$/m);
  });

  it('labels paths no route knows with one value, so clients cannot grow the label set', async () => {
    await fetch(`${server.url}/no-such-page-${Date.now()}`);
    const text = await scrape();
    expect(text).not.toMatch(/no-such-page/);
  });

  it('counts errors by the code the client saw', async () => {
    const before = await scrape();
    await server.graphql('{ guidanceArticles(first: 500) { totalCount } }');
    await server.graphql(`{ ${'__typename '.repeat(6000)} }`);
    const after = await scrape();
    expect(sample(after, 'dcs_hub_errors_total', { code: 'BAD_USER_INPUT' })).toBe(sample(before, 'dcs_hub_errors_total', { code: 'BAD_USER_INPUT' }) + 1);
    expect(sample(after, 'dcs_hub_errors_total', { code: 'QUERY_TOO_COMPLEX' })).toBe(sample(before, 'dcs_hub_errors_total', { code: 'QUERY_TOO_COMPLEX' }) + 1);
  });

  it('counts the ingest that loaded the bundled content', async () => {
    const text = await scrape();
    expect(sample(text, 'dcs_hub_ingests_total', { outcome: 'applied' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'dcs_hub_ingest_documents_total', { change: 'added' })).toBeGreaterThan(100);
  });

  it('records the latency of each search, by backend', async () => {
    const before = sample(await scrape(), 'dcs_hub_search_duration_seconds_count', { backend: 'postgres' });
    const answer = await server.graphql('{ search(query: "hazard log") { totalCount } }');
    expect(answer.errors).toBeUndefined();
    const text = await scrape();
    expect(sample(text, 'dcs_hub_search_duration_seconds_count', { backend: 'postgres' })).toBe(before + 1);
    expect(sample(text, 'dcs_hub_search_duration_seconds_bucket', { backend: 'postgres', le: '+Inf' })).toBe(before + 1);
  });

  it('includes process metrics', async () => {
    expect(await scrape()).toMatch(/^dcs_hub_process_resident_memory_bytes \d+/m);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect(await scrape(guarded.url, { authorization: 'Bearer metrics-test-token' })).toMatch(/dcs_hub_http_requests_total/);
  });
});
