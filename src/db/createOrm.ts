import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataloaderType, MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, type EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import { redactUrl } from '../config.js';
import type { Logger } from '../logger.js';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

export type Orm = MikroORM<PostgreSqlDriver>;
export type Em = EntityManager;

export interface DatabaseOptions {
  /** PostgreSQL connection string; absent means embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data directory (or `memory://`), used only without databaseUrl. */
  dataDir?: string;
  logger?: Logger;
  poolMax?: number;
}

export interface Database {
  orm: Orm;
  /** `postgres` for a server, `pglite` for the embedded database. */
  kind: 'postgres' | 'pglite';
  /**
   * Applies pending migrations; safe to call on every start, and from several instances at once: one migrates
   * under an advisory lock while the others wait, then find nothing pending.
   */
  migrate(): Promise<void>;
  /**
   * Runs `work` while holding a PostgreSQL session-level advisory lock (see ADVISORY_LOCKS), for work that spans
   * several transactions and must not run in two instances at once. Instances that find the lock taken wait
   * for it. On PGlite there is only this process, so `work` simply runs.
   */
  withAdvisoryLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * One ORM for both deployments: MikroORM's PostgreSqlDriver against a PostgreSQL server, or against PGlite
 * in this process through PGlite's node-postgres adapter. PGlite is single-connection, so the pool is pinned to
 * one and nothing may await a second EntityManager while a transaction is open.
 */
export async function createOrm(options: DatabaseOptions): Promise<Database> {
  const base: Options<PostgreSqlDriver> = {
    driver: PostgreSqlDriver,
    entities,
    dataloader: DataloaderType.ALL,
    forceUtcTimezone: true,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    allowGlobalContext: false,
    debug: options.logger?.isLevelEnabled('trace') ?? false,
    logger: (message) => options.logger?.trace({ orm: true }, message),
  };

  if (options.databaseUrl) {
    let orm: Orm;
    try {
      orm = await MikroORM.init<PostgreSqlDriver>({
        ...base,
        clientUrl: options.databaseUrl,
        pool: { min: 0, max: options.poolMax ?? 10 },
      });
    } catch (error) {
      // The driver's own error names neither the database nor what to check; say both, without the password.
      throw new DatabaseUnavailableError(`Cannot connect to the database at ${redactUrl(options.databaseUrl)}: ${connectionProblem(error)}`, { cause: error });
    }
    return wrap(orm, 'postgres', async () => orm.close(true), sessionLock(options.databaseUrl, options.logger));
  }

  const dataDir = options.dataDir ?? './data';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent } });
  const orm = await MikroORM.init<PostgreSqlDriver>({
    ...base,
    dbName: 'postgres',
    pool: { min: 1, max: 1 },
    // knex deep-clones plain connection objects; a password *function* makes it treat the config as a provider
    // and leave the PGlite-backed connection alone.
    driverOptions: { connection: { connection: createPgConfig(pglite).connection, password: () => 'x' } },
  });
  return wrap(orm, 'pglite', async () => {
    await orm.close(true);
    await pglite.close();
  }, (_key, work) => work());
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** pg reports a refused connection to a host with several addresses as an AggregateError with no message. */
function connectionProblem(error: unknown): string {
  const inner = error instanceof AggregateError ? error.errors[0] : error;
  const { message, code } = (inner ?? {}) as { message?: string; code?: string };
  return message || code || 'the connection failed';
}

/**
 * Keys of the session-level advisory locks. The transaction-level ones (ingest, audit, learning import) live with
 * their writers; all share the 0x0dc5 prefix so they stay clear of other applications on the same server.
 */
export const ADVISORY_LOCKS = {
  migrations: 0x0dc5_0010,
  /** Loading the bundled content into an empty database on first start. */
  firstLoad: 0x0dc5_0011,
  /** Rebuilding the search indexes. */
  reindex: 0x0dc5_0012,
} as const;

type LockRunner = Database['withAdvisoryLock'];

/**
 * A session-level lock needs one connection for its whole life, which the ORM's pool does not promise, so the
 * lock is held on a connection of its own while `work` uses the pool as usual.
 */
function sessionLock(databaseUrl: string, logger?: Logger): LockRunner {
  return async (key, work) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [key]);
      if (!rows[0].locked) {
        logger?.info({ lock: lockName(key) }, 'another instance holds this lock; waiting for it to finish');
        await client.query('select pg_advisory_lock($1)', [key]);
      }
      try {
        return await work();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [key]);
      }
    } finally {
      await client.end();
    }
  };
}

function lockName(key: number): string {
  return Object.entries(ADVISORY_LOCKS).find(([, value]) => value === key)?.[0] ?? String(key);
}

function wrap(orm: Orm, kind: Database['kind'], close: () => Promise<void>, withAdvisoryLock: LockRunner): Database {
  return {
    orm,
    kind,
    async migrate() {
      await withAdvisoryLock(ADVISORY_LOCKS.migrations, async () => {
        await orm.getMigrator().up();
      });
    },
    withAdvisoryLock,
    close,
  };
}
