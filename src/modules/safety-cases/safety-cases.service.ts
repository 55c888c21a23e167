import type { FilterQuery } from '@mikro-orm/core';
import type { Em } from '../../db/createOrm.js';
import type { PageWindow } from '../../graphql/connection.js';
import { HazardEntity, type Hazard } from './hazard.entity.js';
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

  /** The hazard log of a case, in log order. */
  hazards(safetyCase: SafetyCase): Promise<Hazard[]> {
    return this.em.find(HazardEntity, { safetyCase }, { orderBy: { position: 'asc' } });
  }

  /** How many published cases there are of each system type (types without one are left out). */
  async countBySystemType(): Promise<Map<string, number>> {
    const rows = await this.em.find(SafetyCaseEntity, { published: true }, { fields: ['systemType'] });
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.systemType, (counts.get(row.systemType) ?? 0) + 1);
    return counts;
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
