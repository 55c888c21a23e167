import type { FilterQuery } from '@mikro-orm/core';
import type { Em } from '../../db/createOrm.js';
import type { PageWindow } from '../../graphql/connection.js';
import { HazardEntity } from './hazard.entity.js';
import { SafetyCaseEntity, type SafetyCase } from './safety-case.entity.js';

export interface SafetyCaseFilter {
  systemType?: string;
  setting?: string;
  standard?: string;
  topic?: string;
  hazardFamily?: string;
}

export class SafetyCasesService {
  constructor(private readonly em: Em) {}

  findBySlug(slug: string): Promise<SafetyCase | null> {
    return this.em.findOne(SafetyCaseEntity, { slug, published: true });
  }

  async page(window: PageWindow, filter: SafetyCaseFilter = {}): Promise<[SafetyCase[], number]> {
    const where: FilterQuery<SafetyCase> = { published: true };
    if (filter.systemType) where.systemType = filter.systemType;
    if (filter.setting) where.setting = filter.setting;
    if (filter.standard) where.standardCode = filter.standard.toUpperCase();
    if (filter.topic) where.topics = { $contains: [filter.topic] };
    if (filter.hazardFamily) {
      const hazards = await this.em.find(HazardEntity, { family: filter.hazardFamily }, { fields: ['safetyCase'] });
      where.id = { $in: [...new Set(hazards.map((h) => h.safetyCase.id))] };
    }
    return this.em.findAndCount(SafetyCaseEntity, where, { orderBy: { title: 'asc' }, offset: window.offset, limit: window.limit });
  }
}
