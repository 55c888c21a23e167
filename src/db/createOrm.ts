import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataloaderType, MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, type EntityManager } from '@mikro-orm/postgresql';
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
  /** Applies pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
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
    const orm = await MikroORM.init<PostgreSqlDriver>({
      ...base,
      clientUrl: options.databaseUrl,
      pool: { min: 0, max: options.poolMax ?? 10 },
    });
    return wrap(orm, 'postgres', async () => orm.close(true));
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
  });
}

function wrap(orm: Orm, kind: Database['kind'], close: () => Promise<void>): Database {
  return {
    orm,
    kind,
    async migrate() {
      await orm.getMigrator().up();
    },
    close,
  };
}
