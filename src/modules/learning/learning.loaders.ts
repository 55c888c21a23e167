import DataLoader from 'dataloader';
import type { Em } from '../../db/createOrm.js';
import { BlueprintEntity, type Blueprint } from '../blueprints/blueprint.entity.js';
import { EvidenceItemEntity, type EvidenceItem } from './evidence-item.entity.js';

export function createLearningLoaders(em: Em) {
  return {
    /** Published learnings per hazard family: how often a family of hazard has been seen in practice. */
    learningCountByHazardFamily: new DataLoader<string, number>(async (families) => {
      const rows = await em.execute<{ family: string; count: string | number }[]>(
        `select family, count(*) as count
           from safety_learning l cross join lateral unnest(l.hazard_families) as family
          where l.published and family in (${families.map(() => '?').join(', ')})
          group by family`,
        [...families],
      );
      const byFamily = new Map(rows.map((r) => [r.family, Number(r.count)]));
      return families.map((family) => byFamily.get(family) ?? 0);
    }),
    /** Published evidence items that address each hazard family, strongest source year first. */
    evidenceByHazardFamily: new DataLoader<string, EvidenceItem[]>(async (families) => {
      const rows = await em.find(EvidenceItemEntity, { published: true, hazardFamilies: { $overlap: [...families] } }, { orderBy: { sourceYear: 'desc', slug: 'asc' } });
      return families.map((family) => rows.filter((row) => row.hazardFamilies.includes(family)));
    }),
    /** Published blueprints by slug, for the blueprints a learning says would have helped. */
    learningBlueprintBySlug: new DataLoader<string, Blueprint | null>(async (slugs) => {
      const rows = await em.find(BlueprintEntity, { slug: { $in: [...slugs] }, published: true });
      return slugs.map((slug) => rows.find((row) => row.slug === slug) ?? null);
    }),
  };
}
