import { cacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../graphql/context.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../graphql/connection.js';
import { Document } from '../../graphql/document.js';
import { fetchNode } from '../../graphql/node.resolver.js';
import { MAX_QUERY_LENGTH } from './query-understanding.js';
import { nodeTypeOf } from './search-documents.js';
import { SearchConnectionType, SearchFilterInput, SearchHitType } from './search.type.js';

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnectionType, {
    description: `Ranked search over standards, clauses, guidance, blueprints, safety cases and their hazards. Understands clause
references ("DCB0129 2.3", "0160 clause 4.1", "2.5.1", which come first), acronyms and their expansions (CSCR, "clinical
safety case report"), misspellings ("harzard log"), "quoted phrases", -excluded words and a last word still being typed.`,
  })
  async search(
    @Arg('query', () => String, { description: `What the user typed, up to ${MAX_QUERY_LENGTH} characters; empty lists everything the filter allows.` }) query: string,
    @Arg('filter', () => SearchFilterInput, { nullable: true }) filter: SearchFilterInput | undefined,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' }) after: string | undefined,
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SearchConnectionType> {
    const result = await ctx.hub.search.search(ctx.em, { query, filter: filter?.toFilter(), first, after });
    // PostgreSQL standing in for Meilisearch ranks differently: no cache may keep that answer past the outage.
    if (result.degraded) cacheControlFromInfo(info).setCacheHint({ maxAge: 0 });
    const documents = await Promise.all(result.hits.map(async (hit) => {
      const type = nodeTypeOf(hit.kind);
      const node = type ? await fetchNode(type, hit.entityId, ctx) : null;
      return node && type ? (Object.assign(node, { __typename: type }) as unknown as Document) : null;
    }));
    // Meilisearch follows content through the outbox, so for a moment it can return a document just unpublished.
    const missing = result.hits.filter((_, i) => !documents[i]);
    if (missing.length > 0) ctx.logger.warn({ hits: missing.map((h) => `${h.kind}:${h.key}`) }, 'search returned documents that are no longer published; left out');
    return {
      totalCount: result.totalCount - missing.length,
      edges: result.hits.flatMap((hit, i) => {
        const document = documents[i];
        return document ? [{ cursor: hit.cursor, node: Object.assign(new SearchHitType(), { score: hit.score, highlight: hit.highlight, document }) }] : [];
      }),
      pageInfo: result.pageInfo,
      facets: result.facets,
      suggestions: result.suggestions,
    };
  }
}
