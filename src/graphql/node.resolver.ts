import type { EntityName, FilterQuery } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { BlueprintEntity } from '../modules/blueprints/blueprint.entity.js';
import { BlueprintType } from '../modules/blueprints/blueprint.type.js';
import { GuidanceArticleEntity } from '../modules/guidance/guidance-article.entity.js';
import { GuidanceArticleType } from '../modules/guidance/guidance-article.type.js';
import { HazardEntity } from '../modules/safety-cases/hazard.entity.js';
import { SafetyCaseEntity } from '../modules/safety-cases/safety-case.entity.js';
import { HazardType, SafetyCaseType } from '../modules/safety-cases/safety-case.type.js';
import { ClauseType } from '../modules/standards/clause.type.js';
import { StandardEntity } from '../modules/standards/standard.entity.js';
import { StandardType } from '../modules/standards/standard.type.js';
import type { HubContext } from './context.js';
import { fromGlobalId, Node } from './node.js';

/**
 * Loads the nodes of one type for a batch of database ids; ids it leaves out (unknown, unpublished) are null.
 * A page of search hits names up to 100 documents of mixed types: each type is fetched in one statement.
 */
export type NodeBatchFetcher = (ids: readonly number[], ctx: HubContext) => Promise<Map<number, Node>>;

/** A batch fetcher for an entity with a `published` flag, mapped to its GraphQL type. */
export function publishedNodes<Row extends { id: number; published: boolean }>(
  entity: EntityName<Row>,
  toNode: (row: Row, ctx: HubContext) => Node,
): NodeBatchFetcher {
  return async (ids, ctx) => {
    const rows = await ctx.em.find(entity, { id: { $in: [...ids] }, published: true } as unknown as FilterQuery<Row>);
    return new Map(rows.map((row) => [row.id, toNode(row, ctx)]));
  };
}

/** How each global id type is refetched; a type missing here cannot be fetched by id. */
const fetchers: Record<string, NodeBatchFetcher> = {
  Standard: publishedNodes(StandardEntity, (row, ctx) => StandardType.from(row, ctx.baseUrl)),
  Clause: async (ids, ctx) => {
    const nodes = new Map<number, Node>();
    await Promise.all(ids.map(async (id) => {
      const row = await ctx.loaders.clauseById.load(id);
      const standard = row && (await ctx.loaders.standardById.load(row.standard.id));
      if (row && standard) nodes.set(id, ClauseType.from(row, standard.code, ctx.baseUrl));
    }));
    return nodes;
  },
  GuidanceArticle: publishedNodes(GuidanceArticleEntity, (row, ctx) => GuidanceArticleType.from(row, ctx.baseUrl)),
  Blueprint: publishedNodes(BlueprintEntity, (row, ctx) => BlueprintType.from(row, ctx.baseUrl)),
  SafetyCase: publishedNodes(SafetyCaseEntity, (row, ctx) => SafetyCaseType.from(row, ctx.baseUrl)),
  Hazard: async (ids, ctx) => {
    const rows = await ctx.em.find(HazardEntity, { id: { $in: [...ids] } }, { populate: ['safetyCase'] });
    return new Map(rows.filter((row) => row.safetyCase.published)
      .map((row) => [row.id, HazardType.from(row, row.safetyCase.slug, row.safetyCase.updatedAt, ctx.baseUrl)]));
  },
};

export function registerNodeFetcher(type: string, fetcher: NodeBatchFetcher): void {
  fetchers[type] = fetcher;
}

/** One DataLoader per node type and request, so nodes asked for together are fetched together. */
const loadersByRequest = new WeakMap<HubContext, Map<string, DataLoader<number, Node | null>>>();

/** Loads an object by type name and database id (what a global id encodes); null when unknown or unpublished. */
export async function fetchNode(type: string, key: number, ctx: HubContext): Promise<Node | null> {
  if (!Object.hasOwn(fetchers, type)) return null;
  let loaders = loadersByRequest.get(ctx);
  if (!loaders) loadersByRequest.set(ctx, (loaders = new Map()));
  let loader = loaders.get(type);
  if (!loader) {
    const fetcher = fetchers[type];
    loader = new DataLoader<number, Node | null>(async (ids) => {
      const nodes = await fetcher(ids, ctx);
      return ids.map((id) => nodes.get(id) ?? null);
    });
    loaders.set(type, loader);
  }
  return loader.load(key);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Refetch any object by its global id.' })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<Node | null> {
    const { type, key } = fromGlobalId(id);
    const numeric = Number(key);
    if (!Number.isSafeInteger(numeric)) return null;
    return fetchNode(type, numeric, ctx);
  }
}
