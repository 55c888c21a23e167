import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryRateLimitStore, rateLimit } from '../../src/http/rate-limit.js';
import { createLogger } from '../../src/logger.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

const PER_ADDRESS = 4;
const PER_KEY = 6;
let server: TestServer;

beforeAll(async () => {
  // No content is needed: every request here is `{ __typename }`.
  server = await startTestServer({ ingest: false, env: { RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS), RATE_LIMIT_PER_KEY: String(PER_KEY), RATE_LIMIT_WINDOW_SECONDS: '60' } });
});
afterAll(async () => {
  await server?.close();
});

/** The hub trusts X-Forwarded-For from a loopback proxy, so each test can speak from an address of its own. */
function ask(address: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
}

interface RunningApp {
  url: string;
  close(): Promise<void>;
}

async function serve(app: Express): Promise<RunningApp> {
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => http.close(() => resolve())) };
}

async function exhaust(count: number, send: () => Promise<Response>): Promise<Response[]> {
  const answers: Response[] = [];
  for (let i = 0; i < count; i++) answers.push(await send());
  return answers;
}

describe('per client address', () => {
  it('answers 429 with Retry-After and RATE_LIMITED once an address has used its requests', async () => {
    const allowed = await exhaust(PER_ADDRESS, () => ask('203.0.113.10'));
    expect(allowed.map((r) => r.status)).toEqual(Array(PER_ADDRESS).fill(200));
    expect(allowed.map((r) => Number(r.headers.get('ratelimit-remaining')))).toEqual([3, 2, 1, 0]);
    expect(allowed[0].headers.get('ratelimit-limit')).toBe(String(PER_ADDRESS));

    const refused = await ask('203.0.113.10');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as { errors: { message: string; extensions: { code: string; retryAfterSeconds: number } }[] };
    expect(body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
    expect(body.errors[0].message).toMatch(/from this address/);
  });

  it('counts each address separately', async () => {
    await exhaust(PER_ADDRESS + 1, () => ask('203.0.113.20'));
    expect((await ask('203.0.113.20')).status).toBe(429);
    expect((await ask('203.0.113.21')).status).toBe(200);
  });

  it('leaves health and readiness checks out of the count', async () => {
    await exhaust(PER_ADDRESS + 1, () => ask('203.0.113.30'));
    const health = await fetch(`${server.url}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.30' } });
    expect(health.status).toBe(200);
  });
});

describe('per API key', () => {
  // The middleware alone, with a key resolver standing in for the API key service: "Bearer good-N" is key N.
  let app: RunningApp;
  beforeAll(async () => {
    const limited = express();
    limited.set('trust proxy', 'loopback');
    limited.use(rateLimit({
      config: { windowSeconds: 60, perAddress: PER_ADDRESS, perKey: PER_KEY },
      logger: createLogger({ logLevel: 'silent' }),
      resolveKeyId: async (authorization) => /^Bearer good-(\d+)$/.exec(authorization)?.[1],
    }));
    limited.get('/', (_req, res) => {
      res.json({ ok: true });
    });
    app = await serve(limited);
  });
  afterAll(() => app?.close());

  const hit = (address: string, authorization?: string) => fetch(app.url, { headers: { 'x-forwarded-for': address, ...(authorization ? { authorization } : {}) } });

  it('gives a valid key its own budget, separate from its address, wherever it comes from', async () => {
    await exhaust(PER_ADDRESS + 1, () => hit('198.51.100.1'));
    expect((await hit('198.51.100.1')).status).toBe(429);

    const withKey = await exhaust(PER_KEY, () => hit('198.51.100.1', 'Bearer good-1'));
    expect(withKey.map((r) => r.status)).toEqual(Array(PER_KEY).fill(200));
    expect(withKey[0].headers.get('ratelimit-limit')).toBe(String(PER_KEY));

    const refused = await hit('198.51.100.2', 'Bearer good-1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(body.errors[0].message).toMatch(/for this API key/);

    expect((await hit('198.51.100.2', 'Bearer good-2')).status).toBe(200);
  });

  it('counts a key that does not verify against the address, so inventing keys buys nothing', async () => {
    const answers = await exhaust(PER_ADDRESS + 1, () => hit('198.51.100.3', `Bearer made-up-${Math.random()}`));
    expect(answers.slice(0, PER_ADDRESS).map((r) => r.status)).toEqual(Array(PER_ADDRESS).fill(200));
    expect(answers.at(-1)!.status).toBe(429);
  });
});

describe('the in-memory store', () => {
  it('opens a new window once the old one has passed', async () => {
    const store = memoryRateLimitStore(1, 1, 'window-test');
    expect((await store.consume('a')).allowed).toBe(true);
    const refused = await store.consume('a');
    expect(refused).toMatchObject({ allowed: false, limit: 1, remaining: 0, resetSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await store.consume('a')).allowed).toBe(true);
  });
});
