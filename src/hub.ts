import { createSharedStores, type SharedStores } from './cache/store.js';
import type { HubConfig } from './config.js';
import { ADVISORY_LOCKS, createOrm, type Database } from './db/createOrm.js';
import type { Logger } from './logger.js';
import { StandardEntity } from './modules/standards/standard.entity.js';
import { ingestContent, type IngestReport } from './modules/ingest/ingest.service.js';
import { createSearchService, type SearchService } from './modules/search/search.service.js';
// Registers safety learnings and evidence with search before the index is first built.
import './modules/learning/learning.search.js';
// Registers training resources with search before the index is first built.
import './modules/training/training.search.js';

export interface Readiness {
  migrated: boolean;
  contentLoaded: boolean;
}

/**
 * The long-lived parts of one hub process: configuration, logger and database. HTTP servers, the CLI and tests
 * all build on this, so start-up (migrations, first ingest) happens in exactly one place.
 */
export interface HubServices {
  config: HubConfig;
  logger: Logger;
  db: Database;
  readiness: Readiness;
  /** Search (PostgreSQL, or Meilisearch when MEILI_HOST is set); pass `search.indexChanges` as ingest's `onChanges`. */
  search: SearchService;
  /** Caches and counters shared by every instance (Redis with REDIS_URL, else this process's memory). */
  stores: SharedStores;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Ingest the bundled content when the database holds none (the embedded default does this on first start). */
  ingestWhenEmpty?: boolean;
}

export async function startHub(config: HubConfig, logger: Logger, options: StartOptions = {}): Promise<HubServices> {
  const stores = await createSharedStores(config, logger);
  let db: Database;
  try {
    db = await createOrm({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  } catch (error) {
    await stores.close();
    throw error;
  }
  const readiness: Readiness = { migrated: false, contentLoaded: false };
  const search = createSearchService(config, db, logger);
  const hub: HubServices = {
    config,
    logger,
    db,
    readiness,
    search,
    stores,
    close: async () => {
      await search.stop();
      await db.close();
      await stores.close();
    },
  };
  try {
    await db.migrate();
    readiness.migrated = true;
    const em = db.orm.em.fork();
    let standards = await em.count(StandardEntity, {});
    if (standards === 0 && (options.ingestWhenEmpty ?? true)) {
      // Instances starting together on an empty database: one loads the content, the others wait for it and
      // find it loaded, rather than validating and ingesting the same corpus again.
      await db.withAdvisoryLock(ADVISORY_LOCKS.firstLoad, async () => {
        if ((await em.count(StandardEntity, {})) > 0) {
          logger.info('bundled content was loaded by another instance');
          return;
        }
        logger.info({ contentDir: config.contentDir }, 'empty database: ingesting bundled content');
        const report: IngestReport = await ingestContent(hub, { contentDir: config.contentDir, onChanges: search.indexChanges });
        logger.info({ summary: report.summaryLine }, 'bundled content ingested');
      });
      standards = await em.count(StandardEntity, {});
    }
    readiness.contentLoaded = standards > 0;
    await search.start(em);
  } catch (error) {
    await db.close();
    await stores.close();
    throw error;
  }
  return hub;
}
