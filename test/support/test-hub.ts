import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type HubConfig } from '../../src/config.js';
import { startHub, type HubServices } from '../../src/hub.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createLogger, type Logger } from '../../src/logger.js';

/** Set per vitest project: `postgres` runs the suite against TEST_DATABASE_URL, anything else on PGlite. */
export const usingPostgres = process.env.DCS_TEST_DATABASE === 'postgres' && Boolean(process.env.TEST_DATABASE_URL);

/**
 * A fresh, isolated database for one test file: an in-memory PGlite by default, or a new database created on
 * the TEST_DATABASE_URL server (dropped again by `cleanup`).
 */
export async function freshDatabaseUrl(): Promise<{ databaseUrl?: string; cleanup(): Promise<void> }> {
  const base = usingPostgres ? process.env.TEST_DATABASE_URL! : undefined;
  if (!base) return { cleanup: async () => {} };
  const name = `dcs_hub_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    cleanup: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestHub {
  hub: HubServices;
  config: HubConfig;
  close(): Promise<void>;
}

/** `logger` replaces the silent test logger, for suites that inspect what the hub logs. */
export async function startTestHub(options: { ingest?: boolean; contentDir?: string; env?: Record<string, string>; logger?: Logger } = {}): Promise<TestHub> {
  const database = await freshDatabaseUrl();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    CONTENT_DIR: options.contentDir ?? 'content',
    // Suites send requests in bursts from one address; the rate limit suite turns the limits back on.
    RATE_LIMIT_PER_ADDRESS: '0',
    RATE_LIMIT_PER_KEY: '0',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...options.env,
  });
  const logger = options.logger ?? createLogger({ logLevel: (process.env.TEST_LOG_LEVEL as 'info') ?? 'silent' });
  const hub = await startHub(config, logger, { ingestWhenEmpty: options.ingest ?? true });
  return {
    hub,
    config,
    close: async () => {
      await hub.close();
      await database.cleanup();
    },
  };
}

export interface TestServer extends TestHub {
  url: string;
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
}

export async function startTestServer(options: Parameters<typeof startTestHub>[0] = {}): Promise<TestServer> {
  const testHub = await startTestHub(options);
  let running: RunningServer;
  try {
    running = await listen(testHub.hub, 0, '127.0.0.1');
  } catch (error) {
    await testHub.close();
    throw error;
  }
  return {
    ...testHub,
    url: running.url,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: never; errors?: never };
      return { status: response.status, ...body };
    },
    close: async () => {
      await running.stop();
      await testHub.close();
    },
  };
}
