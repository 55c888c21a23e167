import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { cacheControlFromInfo } from '@apollo/cache-control-types';
import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt } from 'graphql';

/**
 * HTTP caching of the read API. Every object and interface type carries a `@cacheControl` hint; Apollo's
 * cache control plugin turns the strictest hint met while resolving a query into the response's
 * `Cache-Control` header, which pages, browsers and CDNs honour (GraphQL GET requests are cacheable).
 */

/** Published content changes only when content is ingested, and then is the same for every reader. */
export const CONTENT_MAX_AGE_SECONDS = 300;

/** Root fields and types without a hint of their own (a new type must still declare one; a test checks). */
export const DEFAULT_MAX_AGE_SECONDS = 60;

/** Hints as written on types with type-graphql's `@Directive(...)`. */
export const cacheHint = {
  /**
   * Published content, and the wrappers and value objects around it (connections, edges, page info): the same
   * for every reader, so shared caches may keep it. A response's max age is the smallest met, and PRIVATE
   * anywhere makes it private, so a wrapper around viewer-specific items never makes them public.
   */
  content: `@cacheControl(maxAge: ${CONTENT_MAX_AGE_SECONDS})`,
  /** Anything that depends on who is asking: only the asker's own browser may keep it. */
  viewer: '@cacheControl(scope: PRIVATE)',
  /**
   * Personal data (the CSO register, mentoring): never stored by any cache, so an erased or unverified entry
   * disappears from every answer at once.
   */
  personal: '@cacheControl(maxAge: 0, scope: PRIVATE)',
} as const;

export const CacheControlScope = new GraphQLEnumType({
  name: 'CacheControlScope',
  description: 'Who may cache a response: any cache (PUBLIC) or only the client that asked (PRIVATE).',
  values: { PUBLIC: {}, PRIVATE: {} },
});

/** The directive Apollo's cache control plugin reads; declared so the schema is valid and self-describing. */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  description: 'How long, and by whom, a field or type may be cached.',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: CacheControlScope },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/**
 * The cache control plugin with the hub's default max age, followed by the hub's request-level policy:
 * - a request with an `Authorization` header may be answered differently for its caller, so its response is
 *   `private` (never stored by a shared cache);
 * - a mutation's response is never cached.
 * Order matters: the request policy adjusts the hint the cache control plugin sets up on each root field, and
 * Apollo calls `willResolveField` hooks in reverse plugin order, so the request policy comes first.
 */
export function cacheControlPlugins<Context extends object>(): ApolloServerPlugin<Context>[] {
  return [requestCachePolicy<Context>(), ApolloServerPluginCacheControl({ defaultMaxAge: DEFAULT_MAX_AGE_SECONDS })];
}

function requestCachePolicy<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const authorised = Boolean(request.http?.headers.get('authorization'));
      return {
        async executionDidStart({ operation }) {
          // `operation` is missing when operationName matches none (execution then reports that), despite the types.
          const mutation = operation?.operation === 'mutation';
          if (!authorised && !mutation) return;
          return {
            willResolveField({ info }) {
              if (info.path.prev) return;
              cacheControlFromInfo(info).setCacheHint(mutation ? { maxAge: 0 } : { scope: 'PRIVATE' });
            },
          };
        },
      };
    },
  };
}
