import type { FilterQuery } from '@mikro-orm/core';
import type { Em } from '../../db/createOrm.js';
import type { PageWindow } from '../../graphql/connection.js';
import { GuidanceArticleEntity, type GuidanceArticle } from './guidance-article.entity.js';

export interface GuidanceFilter {
  topic?: string;
  /** A clause reference, "DCB0129 2.3.1": only articles that explain it. */
  clause?: string;
}

export class GuidanceService {
  constructor(private readonly em: Em) {}

  findBySlug(slug: string): Promise<GuidanceArticle | null> {
    return this.em.findOne(GuidanceArticleEntity, { slug, published: true });
  }

  findBySlugs(slugs: readonly string[]): Promise<GuidanceArticle[]> {
    return this.em.find(GuidanceArticleEntity, { slug: { $in: [...slugs] }, published: true });
  }

  /** Articles that explain a clause, by reference ("DCB0129 2.3.1"), in title order. */
  citing(clauseRef: string): Promise<GuidanceArticle[]> {
    return this.em.find(GuidanceArticleEntity, { published: true, clauseRefs: { $contains: [clauseRef] } }, { orderBy: { title: 'asc' } });
  }

  page(window: PageWindow, filter: GuidanceFilter = {}): Promise<[GuidanceArticle[], number]> {
    const where: FilterQuery<GuidanceArticle> = { published: true };
    if (filter.topic) where.topics = { $contains: [filter.topic] };
    if (filter.clause) where.clauseRefs = { $contains: [filter.clause] };
    return this.em.findAndCount(GuidanceArticleEntity, where, { orderBy: { title: 'asc' }, offset: window.offset, limit: window.limit });
  }
}
