import DataLoader from 'dataloader';
import type { Em } from '../../db/createOrm.js';
import { TrainingResourceEntity, type TrainingResource } from './training-resource.entity.js';

export function createTrainingLoaders(em: Em) {
  return {
    /** Published training resources by slug, for the framework's links to the catalogue. */
    trainingBySlug: new DataLoader<string, TrainingResource | null>(async (slugs) => {
      const rows = await em.find(TrainingResourceEntity, { slug: { $in: [...slugs] }, published: true });
      return slugs.map((slug) => rows.find((row) => row.slug === slug) ?? null);
    }),
  };
}
