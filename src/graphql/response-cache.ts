import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { contentGeneration } from '../modules/revisions/content-generation.js';
import type { HubContext } from './context.js';

/**
 * Whole answers to anonymous queries, kept in this process while the content they came from is current. Intranet
 * widgets and pages ask the same public questions over and over; a kept answer costs one small query (the content
 * generation) instead of the resolvers' queries and the work of building the response.
 *
 * Only what the cache hints already call shareable is kept (PUBLIC with a max age: published content), for at
 * most that max age; anything answered for a caller (an Authorization header, PRIVATE or maxAge 0 anywhere) and
 * any answer with errors is never kept. The key holds the query, its variables, the origin canonical URLs are
 * built from and the content generation read in the request's own snapshot, so a commit on any instance retires
 * every answer built before it.
 */
/**
 * Variables nested deeper than this are not kept: the key is their JSON, and serialising client-shaped nesting
 * thousands deep would overflow the stack. No real query's variables come close.
 */
const MAX_KEY_DEPTH = 32;

export function responseCachePlugins(megabytes: number): ApolloServerPlugin<HubContext>[] {
  if (megabytes <= 0) return [];
  const cache = new InMemoryLRUCache<string>({ maxSize: megabytes * 1024 * 1024, sizeCalculation: InMemoryLRUCache.sizeCalculation });
  // Read once per request, before the cache is consulted; null when it could not be read (the database is
  // failing), and then the request is answered, or fails, as if there were no cache.
  const generations = new WeakMap<HubContext, string | null>();
  const keepable = async ({ contextValue, request }: { contextValue: HubContext; request: { http?: { headers: Map<string, string> }; variables?: Record<string, unknown> } }) =>
    !contextValue.viewer.authenticated &&
    !request.http?.headers.get('authorization') &&
    nestedWithin(request.variables, MAX_KEY_DEPTH) &&
    typeof generations.get(contextValue) === 'string';
  return [
    responseCachePlugin<HubContext>({
      cache,
      // Answers for a caller are never kept, so there is no session to key by (and no warning for PRIVATE hints).
      sessionId: async () => null,
      shouldReadFromCache: keepable,
      shouldWriteToCache: keepable,
      extraCacheKeyData: async ({ contextValue }) => {
        const generation = await contentGeneration(contextValue.em).catch(() => null);
        generations.set(contextValue, generation);
        return { generation, origin: contextValue.baseUrl };
      },
    }),
  ];
}

/** Whether `value` nests no deeper than `limit`, walked without recursion (it is shaped by the client). */
function nestedWithin(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (!current || typeof current !== 'object') continue;
    if (depth >= limit) return false;
    for (const item of Object.values(current)) pending.push({ value: item, depth: depth + 1 });
  }
  return true;
}
