import { ADVISORY_LOCKS, type Database, type Orm } from '../../db/createOrm.js';
import type { Logger } from '../../logger.js';
import type { DocumentChange } from '../ingest/document-change.js';
import type { MeilisearchBackend } from './meilisearch.backend.js';
import { planIndexChanges } from './search-documents.js';
import { sqlArray } from './sql-array.js';

const BATCH_SIZE = 200;
/** After this many failed attempts a change is left for an operator (it stays in the table with its last error). */
const MAX_ATTEMPTS = 10;
/** A change that failed this often is retried on its own, so one bad document cannot hold back the others. */
const ISOLATE_AFTER_ATTEMPTS = 3;
const KEEP_PROCESSED_DAYS = 7;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface DrainReport {
  claimed: number;
  indexed: number;
  removed: number;
  failed: number;
}

/** Where the drain applies changes: Meilisearch in production; tests drain into a recording double. */
export type OutboxTarget = Pick<MeilisearchBackend, 'prepare' | 'ensureSettings' | 'index' | 'remove'>;

interface OutboxRow {
  id: string;
  document_kind: string;
  document_key: string;
  operation: DocumentChange['operation'];
  attempts: number;
}

/**
 * Applies one batch of the search outbox to Meilisearch. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * hub instances drain without stepping on each other; the index writes are idempotent upserts and deletes built
 * from the current database state, and a row is marked processed only after Meilisearch confirmed its task, so
 * every change is applied at least once. A failure records the error and the attempt, and the rows stay pending.
 */
export async function drainOutboxOnce(orm: Orm, meili: OutboxTarget, logger: Logger): Promise<DrainReport> {
  return orm.em.fork().transactional(async (em) => {
    const head = await em.execute<OutboxRow[]>(
      `select id, document_kind, document_key, operation, attempts from search_outbox
       where processed_at is null and attempts < ? order by id limit 1 for update skip locked`,
      [MAX_ATTEMPTS],
    );
    if (head.length === 0) return { claimed: 0, indexed: 0, removed: 0, failed: 0 };
    const isolate = head[0].attempts >= ISOLATE_AFTER_ATTEMPTS;
    const rows = isolate
      ? head
      : await em.execute<OutboxRow[]>(
        `select id, document_kind, document_key, operation, attempts from search_outbox
         where processed_at is null and attempts < ? order by id limit ? for update skip locked`,
        [MAX_ATTEMPTS, BATCH_SIZE],
      );
    const ids = rows.map((r) => Number(r.id));
    try {
      await meili.ensureSettings(em);
      const plan = await planIndexChanges(em, rows.map((r) => ({ kind: r.document_kind as DocumentChange['kind'], key: r.document_key, operation: r.operation })));
      const removed = await meili.remove(em, plan.removals);
      const indexed = await meili.index(em, plan.upserts);
      await em.execute('update search_outbox set processed_at = now(), last_error = null where id = any(?::bigint[])', [sqlArray(ids)]);
      return { claimed: rows.length, indexed: indexed.indexed, removed: removed.removed, failed: 0 };
    } catch (error) {
      const message = (error as Error).message.slice(0, 2000);
      await em.execute('update search_outbox set attempts = attempts + 1, last_error = ? where id = any(?::bigint[])', [message, sqlArray(ids)]);
      const exhausted = rows.filter((r) => r.attempts + 1 >= MAX_ATTEMPTS);
      if (exhausted.length > 0) logger.error({ ids: exhausted.map((r) => r.id), err: error }, 'search outbox changes gave up after repeated failures; run `dcs-hub reindex` once Meilisearch is healthy');
      return { claimed: rows.length, indexed: 0, removed: 0, failed: rows.length };
    }
  });
}

/**
 * Keeps Meilisearch following the outbox: drains whenever asked (after an ingest) and on an interval, backing
 * off while Meilisearch is failing. Also (re)prepares the index when Meilisearch comes back after being away.
 */
export class OutboxDrainer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failures = 0;
  private prepared = false;
  private stopped = true;
  private prunedAt = 0;

  constructor(
    private readonly db: Database,
    private readonly meili: OutboxTarget,
    private readonly logger: Logger,
    private readonly intervalMs = 2000,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  isRunning(): boolean {
    return !this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Drains everything pending now (e.g. right after an ingest); resolves when the outbox is empty or failing. */
  async drainNow(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.drainAll().finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.drainNow().finally(() => this.schedule(this.backoff()));
    }, delay);
    this.timer.unref();
  }

  private backoff(): number {
    return this.failures === 0 ? this.intervalMs : Math.min(60_000, this.intervalMs * 2 ** Math.min(this.failures, 5));
  }

  private async drainAll(): Promise<void> {
    try {
      if (!this.prepared) {
        // Instances starting together would each rebuild an empty index: one does, the others find it filled.
        await this.db.withAdvisoryLock(ADVISORY_LOCKS.reindex, () => this.meili.prepare(this.db.orm.em.fork()));
        this.prepared = true;
      }
      for (;;) {
        const report = await drainOutboxOnce(this.db.orm, this.meili, this.logger);
        if (report.failed > 0) {
          this.failures += 1;
          this.logger.warn({ failed: report.failed, attempt: this.failures }, 'search outbox: Meilisearch did not accept the changes; will retry');
          return;
        }
        this.failures = 0;
        if (report.claimed === 0) {
          await this.pruneProcessed();
          return;
        }
        this.logger.debug({ ...report }, 'search outbox drained a batch');
      }
    } catch (error) {
      this.failures += 1;
      this.prepared = false;
      this.logger.warn({ err: error, attempt: this.failures }, 'search outbox: Meilisearch is unavailable; will retry');
    }
  }

  /** Applied changes are kept a while for troubleshooting, then dropped so the outbox does not grow for ever. */
  private async pruneProcessed(): Promise<void> {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = Date.now();
    await this.db.orm.em.fork().execute(`delete from search_outbox where processed_at < now() - interval '${KEEP_PROCESSED_DAYS} days'`);
  }
}
