import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_ACTOR } from '../../src/modules/audit/audit.service.js';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/** The hub's rate limit counts a request with a real, valid API key against that key's own budget. */
const PER_ADDRESS = 3;
const PER_KEY = 5;
let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startTestServer({ ingest: false, env: { RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS), RATE_LIMIT_PER_KEY: String(PER_KEY) } });
  ({ key } = await new ApiKeysService(server.hub.db.orm.em.fork()).create(INGEST_ACTOR, { role: 'CONTRIBUTOR', name: 'rate limit test client' }));
});
afterAll(async () => {
  await server?.close();
});

function ask(address: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
}

async function statuses(count: number, send: () => Promise<Response>): Promise<number[]> {
  const answers: number[] = [];
  for (let i = 0; i < count; i++) answers.push((await send()).status);
  return answers;
}

describe('rate limits with API keys', () => {
  it('counts a valid key against its own budget, from any address', async () => {
    expect(await statuses(PER_ADDRESS + 1, () => ask('203.0.113.60'))).toEqual([...Array(PER_ADDRESS).fill(200), 429]);
    expect(await statuses(PER_KEY, () => ask('203.0.113.60', { authorization: `Bearer ${key}` }))).toEqual(Array(PER_KEY).fill(200));
    const refused = await ask('203.0.113.61', { authorization: `Bearer ${key}` });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('counts made-up keys against the address: they are refused (401) and then limited (429)', async () => {
    let forged = 0;
    const forgedKey = () => ({ authorization: `Bearer dcs_${String(forged++).padStart(12, '0')}_${'A'.repeat(43)}` });
    expect(await statuses(PER_ADDRESS + 1, () => ask('203.0.113.70', forgedKey()))).toEqual([...Array(PER_ADDRESS).fill(401), 429]);
  });
});
