import DataLoader from 'dataloader';
import type { Em } from '../../db/createOrm.js';
import type { GuidanceArticle } from './guidance-article.entity.js';
import { GuidanceService } from './guidance.service.js';

export function createGuidanceLoaders(em: Em) {
  return {
    /** Published articles by slug, batched: related-article lists would otherwise cost a query per article. */
    guidanceBySlug: new DataLoader<string, GuidanceArticle | null>(async (slugs) => {
      const rows = await new GuidanceService(em).findBySlugs(slugs);
      const bySlug = new Map(rows.map((row) => [row.slug, row]));
      return slugs.map((slug) => bySlug.get(slug) ?? null);
    }),
  };
}
