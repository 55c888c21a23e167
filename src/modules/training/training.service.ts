import type { FilterQuery } from '@mikro-orm/core';
import type { Em } from '../../db/createOrm.js';
import type { PageWindow } from '../../graphql/connection.js';
import type { CompetencyLevel } from '../competencies/competency-levels.js';
import { TrainingResourceEntity, type TrainingFormat, type TrainingResource } from './training-resource.entity.js';

export interface TrainingFilter {
  /** A framework competency id: resources that cover it. */
  competency?: string | null;
  level?: CompetencyLevel | null;
  format?: TrainingFormat | null;
  topic?: string | null;
  /** Part of the provider's name, any case. */
  provider?: string | null;
}

export class TrainingService {
  constructor(private readonly em: Em) {}

  findBySlug(slug: string): Promise<TrainingResource | null> {
    return this.em.findOne(TrainingResourceEntity, { slug, published: true });
  }

  /** Published resources covering any of these competencies, in title order. */
  covering(competencies: readonly string[]): Promise<TrainingResource[]> {
    if (competencies.length === 0) return Promise.resolve([]);
    return this.em.find(TrainingResourceEntity, { published: true, competencies: { $overlap: [...competencies] } }, { orderBy: { title: 'asc' } });
  }

  page(window: PageWindow, filter: TrainingFilter = {}): Promise<[TrainingResource[], number]> {
    const where: FilterQuery<TrainingResource> = { published: true };
    if (filter.competency) where.competencies = { $contains: [filter.competency] };
    if (filter.level) where.level = filter.level;
    if (filter.format) where.format = filter.format;
    if (filter.topic) where.topics = { $contains: [filter.topic] };
    if (filter.provider) where.provider = { $ilike: `%${escapeLike(filter.provider.trim())}%` };
    return this.em.findAndCount(TrainingResourceEntity, where, { orderBy: { title: 'asc' }, offset: window.offset, limit: window.limit });
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
