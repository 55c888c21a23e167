import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-hub.js';

describe('the hub on its default database answers GraphQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists both standards', async () => {
    const result = await server.graphql<{ standards: { code: string; version: string }[] }>('{ standards { code version title } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.standards.map((s) => s.code).sort()).toEqual(['DCB0129', 'DCB0160']);
  });

  it('reports ready on /readyz and up on /healthz', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', migrations: 'applied', content: 'loaded' } });
  });
});
