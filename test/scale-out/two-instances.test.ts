import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVISORY_LOCKS, createOrm, type Database } from '../../src/db/createOrm.js';
import { createLogger } from '../../src/logger.js';
import { commandLineActor } from '../../src/modules/audit/audit.service.js';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service.js';
import { drainOutboxOnce, type OutboxTarget } from '../../src/modules/search/outbox-drain.js';
import { buildAllSearchDocuments } from '../../src/modules/search/search-documents.js';
import type { DocumentRef, SearchDocument } from '../../src/modules/search/search-backend.js';
import { copyContent } from '../support/content-copy.js';

/**
 * Two real hub processes (`dcs-hub serve`, run from the sources) on different ports, sharing one PostgreSQL
 * database and one Redis, as behind a load balancer. Needs a PostgreSQL server (TEST_DATABASE_URL; a database
 * of its own is created on it) and a Redis server (REDIS_URL; keys go under a prefix unique to this run).
 */
const redisUrl = process.env.REDIS_URL;
const serverUrl = process.env.TEST_DATABASE_URL;
const missing = [!serverUrl && 'TEST_DATABASE_URL', !redisUrl && 'REDIS_URL'].filter(Boolean).join(' and ');
const title = missing
  ? `scale-out (skipped: set ${missing} to run two hub processes against a shared PostgreSQL and Redis)`
  : 'two hub instances sharing PostgreSQL and Redis';

const CLI = fileURLToPath(new URL('../support/dcs-hub-from-source.mjs', import.meta.url));
const KEY_LIMIT = 5;
const CSCR_QUERY = new URLSearchParams({
  productName: 'Acme EPR', productVersion: '2.1', organisationName: 'Acme Health Ltd', applicableStandard: 'DCB0129', lifecyclePhase: 'release',
  systemDescription: 'An electronic patient record for acute wards.', csoName: 'Dr Ada Example', csoProfessionalBody: 'GMC',
  reportDate: '2026-04-15', hazardLogIssue: '1.0',
}).toString();

interface HubProcess {
  name: string;
  child: ChildProcess;
  url: string;
  /** Messages the process logged so far (pino's `msg`, with its fields). */
  logged(): { msg: string; lock?: string; summary?: string }[];
  stop(): Promise<void>;
}

describe.skipIf(Boolean(missing))(title, () => {
  const runId = randomBytes(5).toString('hex');
  const databaseName = `dcs_hub_scale_out_${runId}`;
  const keyPrefix = `dcs-hub-test:${runId}:`;
  let databaseUrl: string;
  let env: NodeJS.ProcessEnv;
  let hubs: HubProcess[] = [];
  /** Every process started, so a failed start-up still stops them all. */
  const children: ChildProcess[] = [];
  /** The test's own connection to the shared database, for checking what the hubs wrote. */
  let db: Database;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    const { MEILI_HOST: _meili, DATABASE_URL: _database, PORT: _port, ...inherited } = process.env;
    env = {
      ...inherited,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      CONTENT_DIR: 'content',
      // Behind one load balancer every instance names the same public origin (links, and so ETags, depend on it).
      PUBLIC_URL: 'https://hub.example',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
      RATE_LIMIT_PER_ADDRESS: '0',
      RATE_LIMIT_PER_KEY: String(KEY_LIMIT),
      RATE_LIMIT_WINDOW_SECONDS: '600',
    };

    // Hold the first-load lock ourselves so both hubs reach it on the empty database and must wait there.
    const holder = new pg.Client({ connectionString: databaseUrl });
    holder.on('error', () => {});
    await holder.connect();
    try {
      await holder.query('select pg_advisory_lock($1)', [ADVISORY_LOCKS.firstLoad]);
      const starting = [startHubProcess('hub-a', env, children), startHubProcess('hub-b', env, children)];
      // A hub that exits while starting fails the set-up at once, with its output, rather than at the timeout.
      const exited = Promise.race(starting.map((hub) => hub.then(() => new Promise<never>(() => {}))));
      exited.catch(() => {});
      const waiting = waitFor(
        async () => children.some((child) => child.exitCode !== null) || (await lockWaiters(holder, ADVISORY_LOCKS.firstLoad)) === 2,
        240_000,
        'both hubs waiting for the first-load lock',
      );
      await Promise.race([waiting, exited]);
      await holder.query('select pg_advisory_unlock($1)', [ADVISORY_LOCKS.firstLoad]);
      hubs = await Promise.all(starting);
    } finally {
      await holder.end();
    }
    db = await createOrm({ databaseUrl });
  }, 400_000);

  afterAll(async () => {
    await Promise.all(children.map(stopProcess));
    await db?.close();
    if (redisUrl) {
      const redis = createClient({ url: redisUrl });
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) if (keys.length > 0) await redis.del(keys);
      await redis.close();
    }
    if (serverUrl) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    }
  }, 60_000);

  it('starts both on one empty database: one loads the content while the other waits, then finds it loaded', async () => {
    for (const hub of hubs) expect(hub.logged().some((line) => line.msg.startsWith('another instance holds this lock') && line.lock === 'firstLoad')).toBe(true);
    const loaders = hubs.filter((hub) => hub.logged().some((line) => line.msg === 'bundled content ingested'));
    const waiters = hubs.filter((hub) => hub.logged().some((line) => line.msg === 'bundled content was loaded by another instance'));
    expect(loaders).toHaveLength(1);
    expect(waiters).toHaveLength(1);
    expect(waiters[0]).not.toBe(loaders[0]);

    const em = db.orm.em.fork();
    const [ingests] = await em.execute<{ count: string }[]>(`select count(*) as count from audit_log where action = 'INGEST'`);
    expect(Number(ingests.count)).toBe(1);
    const twice = await em.execute(`select document_kind, document_key from revision group by 1, 2 having count(*) > 1`);
    expect(twice).toEqual([]);
    const articles = await em.execute<{ count: string }[]>('select count(*) as count from guidance_article');
    expect(Number(articles[0].count)).toBe((await readdir('content/guidance')).filter((f) => f.endsWith('.md')).length);
    for (const hub of hubs) expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
  });

  it('serves a persisted query registered through one instance from the other', async () => {
    const [a, b] = hubs;
    const query = `query ScaleOut${runId} { guidanceArticles(first: 2) { totalCount } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const hashOnly = (hub: HubProcess) =>
      fetch(`${hub.url}/graphql?${new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }) })}`, {
        headers: { 'apollo-require-preflight': 'true' },
      }).then((r) => r.json() as Promise<{ data?: { guidanceArticles: { totalCount: number } }; errors?: { extensions?: { code?: string } }[] }>);

    expect((await hashOnly(b)).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    expect(registered.status).toBe(200);
    const served = await hashOnly(b);
    expect(served.errors).toBeUndefined();
    expect(served.data?.guidanceArticles.totalCount).toBeGreaterThan(0);
  });

  it('counts one API key against one limit across both instances', async () => {
    const { key } = await new ApiKeysService(db.orm.em.fork()).create(commandLineActor(), { role: 'CONTRIBUTOR', name: `scale-out ${runId}` });
    const answers: { hub: string; status: number; remaining: string | null }[] = [];
    for (let i = 0; i < KEY_LIMIT + 2; i++) {
      const hub = hubs[i % 2];
      const response = await fetch(`${hub.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { authorization: `Bearer ${key}`, 'apollo-require-preflight': 'true' },
      });
      await response.arrayBuffer();
      answers.push({ hub: hub.name, status: response.status, remaining: response.headers.get('ratelimit-remaining') });
    }
    expect(answers.map((a) => a.status)).toEqual([...Array<number>(KEY_LIMIT).fill(200), 429, 429]);
    expect(answers.slice(0, KEY_LIMIT).map((a) => Number(a.remaining))).toEqual([4, 3, 2, 1, 0]);
    expect(new Set(answers.filter((a) => a.status === 429).map((a) => a.hub)).size).toBe(2);
  });

  it('serves the same bytes under the same ETag for a rendered DOCX from either instance', async () => {
    const [first, second] = await Promise.all(hubs.map(async (hub) => {
      const response = await fetch(`${hub.url}/blueprints/clinical-safety-case-report/latest.docx?${CSCR_QUERY}`);
      expect(response.status).toBe(200);
      return { etag: response.headers.get('etag'), bytes: Buffer.from(await response.arrayBuffer()) };
    }));
    expect(first.etag).toBeTruthy();
    expect(second.etag).toBe(first.etag);
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });

  it('runs two simultaneous ingests of changed content one after the other: one applies the change, the other finds nothing left to do', async () => {
    const content = await copyContent();
    try {
      const marker = `Reviewed again for scale-out run ${runId}.`;
      await content.edit('guidance/clinical-safety-audits.md', (text) => `${text.trimEnd()}\n\n${marker}\n`);
      const runs = await Promise.all([0, 1].map(() => runCli(['ingest', '--content', content.dir], env)));
      for (const run of runs) expect(run.code, run.output).toBe(0);
      const summaries = runs.map((run) => /\d+ added, (\d+) updated, (\d+) unchanged/.exec(run.output));
      expect(summaries.map((s) => Number(s?.[1])).sort()).toEqual([0, 1]);

      const em = db.orm.em.fork();
      const revisions = await em.execute<{ action: string }[]>(
        `select action from revision where document_kind = 'GUIDANCE' and document_key = 'clinical-safety-audits' order by id`,
      );
      expect(revisions).toHaveLength(2);
      for (const hub of hubs) {
        const response = await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ guidance(slug: "clinical-safety-audits") { body } }' }),
        });
        const { data } = (await response.json()) as { data: { guidance: { body: string } } };
        expect(data.guidance.body).toContain(marker);
      }
    } finally {
      await content.dispose();
    }
  }, 300_000);

  it('drains the search outbox with two workers: every entry claimed by one of them, each document indexed once in effect', async () => {
    const em = db.orm.em.fork();
    // Enough pending entries for more than two batches (200 each), so both workers get some.
    const pendingCount = async () => Number((await em.execute<{ pending: string }[]>('select count(*) as pending from search_outbox where processed_at is null'))[0].pending);
    while ((await pendingCount()) <= 400) {
      await em.execute(`insert into search_outbox (document_kind, document_key, operation, enqueued_at, attempts)
        select document_kind, document_key, operation, now(), 0 from search_outbox where processed_at is null`);
    }
    const pending = await pendingCount();

    const index = new RecordingIndex();
    const workers = [db, await createOrm({ databaseUrl })];
    try {
      const claimed = await Promise.all(workers.map((worker) => drainUntilEmpty(worker, index.target({ delayMs: 100 }))));
      expect(claimed[0] + claimed[1]).toBe(pending);
      expect(claimed[0]).toBeGreaterThan(0);
      expect(claimed[1]).toBeGreaterThan(0);
    } finally {
      await workers[1].close();
    }
    const [{ left }] = await em.execute<{ left: string }[]>('select count(*) as left from search_outbox where processed_at is null');
    expect(Number(left)).toBe(0);
    const expected = (await buildAllSearchDocuments(db.orm.em.fork())).map(documentId).sort();
    expect([...index.documents.keys()].sort()).toEqual(expected);

    // At least once: a worker that wrote to the index but failed before marking its entries leaves them pending;
    // the next drain writes the same documents again, and the index ends as it would after one write.
    await em.execute(`insert into search_outbox (document_kind, document_key, operation, enqueued_at, attempts)
      values ('GUIDANCE', 'clinical-safety-audits', 'UPSERT', now(), 0), ('GUIDANCE', 'hazard-log-practice', 'UPSERT', now(), 0)`);
    const before = new Map(index.documents);
    const failing = await drainOutboxOnce(db.orm, index.target({ failAfterWriting: true }), createLogger({ logLevel: 'silent' }));
    expect(failing).toMatchObject({ claimed: 2, failed: 2 });
    const retried = await em.execute<{ attempts: number; last_error: string }[]>('select attempts, last_error from search_outbox where processed_at is null');
    expect(retried).toHaveLength(2);
    for (const row of retried) expect(row).toMatchObject({ attempts: 1, last_error: 'index acknowledged too late' });
    expect(await drainUntilEmpty(db, index.target())).toBe(2);
    expect(index.writes.get('GUIDANCE:clinical-safety-audits')).toBeGreaterThanOrEqual(3);
    expect(index.documents).toEqual(before);
  }, 300_000);
});

/** A stand-in for Meilisearch that records what reaches it, keyed like an index (one entry per document). */
class RecordingIndex {
  readonly documents = new Map<string, SearchDocument>();
  readonly writes = new Map<string, number>();

  target(options: { delayMs?: number; failAfterWriting?: boolean } = {}): OutboxTarget {
    return {
      prepare: async () => {},
      ensureSettings: async () => {},
      index: async (_em, documents) => {
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        for (const document of documents) {
          this.documents.set(documentId(document), document);
          this.writes.set(documentId(document), (this.writes.get(documentId(document)) ?? 0) + 1);
        }
        if (options.failAfterWriting) throw new Error('index acknowledged too late');
        return { indexed: documents.length, removed: 0 };
      },
      remove: async (_em, refs: DocumentRef[]) => {
        for (const ref of refs) this.documents.delete(documentId(ref));
        return { indexed: 0, removed: refs.length };
      },
    };
  }
}

function documentId(ref: DocumentRef): string {
  return `${ref.kind}:${ref.key}`;
}

async function drainUntilEmpty(worker: Database, target: OutboxTarget): Promise<number> {
  const logger = createLogger({ logLevel: 'silent' });
  let claimed = 0;
  for (;;) {
    const report = await drainOutboxOnce(worker.orm, target, logger);
    if (report.failed > 0) throw new Error(`drain failed for ${report.failed} entries`);
    if (report.claimed === 0) return claimed;
    claimed += report.claimed;
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

function startHubProcess(name: string, env: NodeJS.ProcessEnv, children: ChildProcess[]): Promise<HubProcess> {
  const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () => stopProcess(child);
  return new Promise((resolve, reject) => {
    const onOutput = () => {
      const ready = /DCS Hub ready: (http:\/\/\S+)\/graphql/.exec(output);
      if (!ready) return;
      child.stdout.off('data', onOutput);
      child.off('exit', onExit);
      resolve({ name, child, url: ready[1], logged: () => parseLog(output), stop });
    };
    const onExit = (code: number | null) => reject(new Error(`${name} exited (${code}) before it was ready:\n${output}`));
    child.stdout.on('data', onOutput);
    child.once('exit', onExit);
  });
}

function parseLog(output: string): { msg: string; lock?: string; summary?: string }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string });
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/** Sessions waiting for (not holding) an advisory lock in this database. */
async function lockWaiters(client: pg.Client, key: number): Promise<number> {
  const { rows } = await client.query<{ waiting: string }>(
    `select count(*) as waiting from pg_locks
     where locktype = 'advisory' and objid = $1 and not granted and database = (select oid from pg_database where datname = current_database())`,
    [key],
  );
  return Number(rows[0].waiting);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
