import type { SharedStores } from '../cache/store.js';

/** How long a registered persisted query stays known after it was last registered. */
export const PERSISTED_QUERY_TTL_SECONDS = 24 * 60 * 60;

/**
 * Automatic persisted queries (sha256 hash -> query text) live in the shared store (src/cache/store.ts): with
 * REDIS_URL a query registered through one instance is known to all of them; in memory it is per process and
 * bounded (LRU, about 30 MiB). A client whose hash is unknown (a restart, an eviction) gets
 * PERSISTED_QUERY_NOT_FOUND and sends the full query once more, so losing entries costs one round trip, never a
 * wrong answer.
 */
export function persistedQueryOptions(stores: Pick<SharedStores, 'apollo'>) {
  return { cache: stores.apollo, ttl: PERSISTED_QUERY_TTL_SECONDS };
}
