import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';

/** How long a registered persisted query stays known after it was last registered. */
export const PERSISTED_QUERY_TTL_SECONDS = 24 * 60 * 60;

/**
 * The store behind automatic persisted queries (sha256 hash -> query text), built in this one place so a shared
 * store can replace it. In memory it is per process and bounded (LRU, about 30 MiB): a client whose hash is
 * unknown here (a restart, another replica, an eviction) gets PERSISTED_QUERY_NOT_FOUND and sends the full
 * query once more, so losing entries costs one round trip, never a wrong answer.
 */
export function createPersistedQueryCache(): KeyValueCache<string> {
  return new InMemoryLRUCache<string>();
}
