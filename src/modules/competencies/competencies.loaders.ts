import DataLoader from 'dataloader';
import type { Em } from '../../db/createOrm.js';
import { GuidanceArticleEntity, type GuidanceArticle } from '../guidance/guidance-article.entity.js';
import { CompetencyFrameworkService, type Framework } from './competency-framework.service.js';

export function createCompetencyLoaders(em: Em) {
  return {
    /** The framework, read once per request however many fields need it (the key is always 1). */
    competencyFramework: new DataLoader<1, Framework | null>(async (keys) => {
      const framework = await new CompetencyFrameworkService(em).load();
      return keys.map(() => framework);
    }),
    /** Published guidance by slug, for the framework's links to articles. */
    frameworkGuidanceBySlug: new DataLoader<string, GuidanceArticle | null>(async (slugs) => {
      const rows = await em.find(GuidanceArticleEntity, { slug: { $in: [...slugs] }, published: true });
      return slugs.map((slug) => rows.find((row) => row.slug === slug) ?? null);
    }),
  };
}
