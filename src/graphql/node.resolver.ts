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

type NodeFetcher = (key: number, ctx: HubContext) => Promise<Node | null>;

/** How each global id type is refetched; a type missing here cannot be fetched by id. */
const fetchers: Record<string, NodeFetcher> = {
  Standard: async (id, ctx) => {
    const row = await ctx.em.findOne(StandardEntity, { id, published: true });
    return row ? StandardType.from(row, ctx.baseUrl) : null;
  },
  Clause: async (id, ctx) => {
    const row = await ctx.loaders.clauseById.load(id);
    if (!row) return null;
    const standard = await ctx.loaders.standardById.load(row.standard.id);
    return standard ? ClauseType.from(row, standard.code, ctx.baseUrl) : null;
  },
  GuidanceArticle: async (id, ctx) => {
    const row = await ctx.em.findOne(GuidanceArticleEntity, { id, published: true });
    return row ? GuidanceArticleType.from(row, ctx.baseUrl) : null;
  },
  Blueprint: async (id, ctx) => {
    const row = await ctx.em.findOne(BlueprintEntity, { id, published: true });
    return row ? BlueprintType.from(row, ctx.baseUrl) : null;
  },
  SafetyCase: async (id, ctx) => {
    const row = await ctx.em.findOne(SafetyCaseEntity, { id, published: true });
    return row ? SafetyCaseType.from(row, ctx.baseUrl) : null;
  },
  Hazard: async (id, ctx) => {
    const row = await ctx.em.findOne(HazardEntity, { id }, { populate: ['safetyCase'] });
    if (!row || !row.safetyCase.published) return null;
    return HazardType.from(row, row.safetyCase.slug, row.safetyCase.updatedAt, ctx.baseUrl);
  },
};

export function registerNodeFetcher(type: string, fetcher: NodeFetcher): void {
  fetchers[type] = fetcher;
}

/** Loads an object by type name and database id (what a global id encodes); null when unknown or unpublished. */
export async function fetchNode(type: string, key: number, ctx: HubContext): Promise<Node | null> {
  return Object.hasOwn(fetchers, type) ? fetchers[type](key, ctx) : null;
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
