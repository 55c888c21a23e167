import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm } from '../../src/db/createOrm.js';
import { buildCli, startCli, type CliResult } from '../support/cli.js';
import { freshDatabaseUrl } from '../support/test-hub.js';

/**
 * Faults of the hub as a process, driven through the real `dcs-hub` command: killed mid-ingest, and started
 * without a database.
 */
const run = promisify(execFile);
/** Enough documents that the ingest transaction is still writing when the kill lands (see content/README.md). */
const CORPUS_DOCUMENTS = 450;
/** Kill once this share of documents is stored: the safety cases, whose hazard logs are flushed one by one. */
const KILL_AT = 0.8;

let work: string;
let database: Awaited<ReturnType<typeof freshDatabaseUrl>>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'dcs-hub-faults-'));
  database = await freshDatabaseUrl();
  await buildCli();
}, 900_000);
afterAll(async () => {
  await database?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The database of these tests: a file-backed PGlite directory, or a fresh database on TEST_DATABASE_URL. */
function databaseEnv(): Record<string, string> {
  return database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { DATA_DIR: join(work, 'data') };
}

async function generateCorpus(name: string, seed: number): Promise<string> {
  const out = join(work, name);
  await run(process.execPath, ['scripts/generate-corpus.mjs', '--docs', String(CORPUS_DOCUMENTS), '--seed', String(seed), '--out', out]);
  return out;
}

function ingest(contentDir: string, killAt?: number): Promise<CliResult> {
  return startCli(['ingest', '--content', contentDir], { ...databaseEnv(), NODE_ENV: 'production', LOG_LEVEL: 'debug' }, (line, child) => {
    if (killAt === undefined || !line.includes('"ingest progress"')) return;
    const { done, total } = JSON.parse(line) as { done: number; total: number };
    if (done / total >= killAt) child.kill('SIGKILL');
  }).done;
}

/** Every stored content hash, per table: two databases hold the same documents exactly when these are equal. */
async function contentHashes(): Promise<Record<string, string[]>> {
  const db = await createOrm({ databaseUrl: database.databaseUrl, dataDir: join(work, 'data') });
  try {
    const em = db.orm.em.fork();
    const tables = await em.execute<{ table_name: string }[]>(
      "select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'content_hash' order by table_name",
    );
    const hashes: Record<string, string[]> = {};
    for (const { table_name: table } of tables) {
      const rows = await em.execute<{ content_hash: string }[]>(`select content_hash from "${table}" order by content_hash`);
      hashes[table] = rows.map((row) => row.content_hash);
    }
    return hashes;
  } finally {
    await db.close();
  }
}

describe('SIGKILL during an ingest', () => {
  it('leaves the old corpus or the new one, never a mix, and the next ingest converges', async () => {
    const [oldCorpus, newCorpus] = await Promise.all([generateCorpus('old', 1), generateCorpus('new', 2)]);
    // Published blueprint versions are immutable, so the new corpus keeps them and changes everything else.
    await rm(join(newCorpus, 'blueprints'), { recursive: true });
    await cp(join(oldCorpus, 'blueprints'), join(newCorpus, 'blueprints'), { recursive: true });

    const first = await ingest(oldCorpus);
    expect(first.code, first.stderr).toBe(0);
    const oldState = await contentHashes();
    expect(oldState.guidance_article.length).toBeGreaterThan(50);

    const killed = await ingest(newCorpus, KILL_AT);
    expect(killed.signal, `the ingest ended by itself before the kill: ${killed.stdout.slice(-300)}`).toBe('SIGKILL');
    const afterKill = await contentHashes();

    const rerun = await ingest(newCorpus);
    expect(rerun.code, rerun.stderr).toBe(0);
    const newState = await contentHashes();
    expect(newState).not.toEqual(oldState);

    // All or nothing: what the kill left is exactly one of the two corpora.
    expect([oldState, newState]).toContainEqual(afterKill);

    // Converged: the database now is the new corpus, so a further ingest has nothing to change.
    const again = await ingest(newCorpus);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^0 added, 0 updated, \d+ unchanged, 0 unpublished/m);
    expect(await contentHashes()).toEqual(newState);
  }, 1_800_000);
});

describe('the database unreachable at start', () => {
  it('stops `dcs-hub serve` with one clear line naming the database, a non-zero exit and no stack trace', async () => {
    const result = await startCli(['serve'], { DATABASE_URL: 'postgres://hub:s3cret-password@127.0.0.1:1/dcs_hub', PORT: '0', NODE_ENV: 'production' }).done;
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toMatch(/^dcs-hub serve failed: Cannot connect to the database at postgres:\/\/hub:\*\*\*@127\.0\.0\.1:1\/dcs_hub: .*ECONNREFUSED/m);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('s3cret-password');
  }, 120_000);
});
