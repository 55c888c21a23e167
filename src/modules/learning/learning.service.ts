import type { FilterQuery } from '@mikro-orm/core';
import type { Em } from '../../db/createOrm.js';
import type { PageWindow } from '../../graphql/connection.js';
import { errors } from '../../graphql/errors.js';
import { EvidenceItemEntity, type EvidenceItem, type EvidenceStrength } from './evidence-item.entity.js';
import { SafetyLearningEntity, type EventType, type SafetyLearning } from './safety-learning.entity.js';
import { assertKnownTerms } from './vocabulary.js';

export interface LearningFilter {
  systemType?: string | null;
  setting?: string | null;
  hazardFamily?: string | null;
  eventType?: EventType | null;
  topic?: string | null;
  /** A clause reference, "DCB0160 4.3.1". */
  clause?: string | null;
  /** A blueprint slug: learnings it would have helped with. */
  blueprint?: string | null;
  /** Events in or after the month of `from`. */
  from?: Date | null;
  /** Events in or before the month of `to`. */
  to?: Date | null;
}

export interface EvidenceFilter {
  systemType?: string | null;
  setting?: string | null;
  hazardFamily?: string | null;
  strength?: EvidenceStrength | null;
  topic?: string | null;
}

export class SafetyLearningService {
  constructor(private readonly em: Em) {}

  findBySlug(slug: string): Promise<SafetyLearning | null> {
    return this.em.findOne(SafetyLearningEntity, { slug, published: true });
  }

  /** Newest events first. */
  async page(window: PageWindow, filter: LearningFilter = {}): Promise<[SafetyLearning[], number]> {
    await checkLearningFilter(this.em, filter);
    const where: FilterQuery<SafetyLearning> = { published: true };
    if (filter.systemType) where.systemType = filter.systemType;
    if (filter.setting) where.setting = filter.setting;
    if (filter.eventType) where.eventType = filter.eventType;
    if (filter.hazardFamily) where.hazardFamilies = { $contains: [filter.hazardFamily] };
    if (filter.topic) where.topics = { $contains: [filter.topic] };
    if (filter.clause) where.clauseRefs = { $contains: [filter.clause] };
    if (filter.blueprint) where.blueprints = { $contains: [filter.blueprint] };
    const range = monthRange(filter);
    if (range.from || range.to) where.occurredOn = { ...(range.from ? { $gte: range.from } : {}), ...(range.to ? { $lte: range.to } : {}) };
    return this.em.findAndCount(SafetyLearningEntity, where, { orderBy: { occurredOn: 'desc', slug: 'asc' }, offset: window.offset, limit: window.limit });
  }
}

export class EvidenceService {
  constructor(private readonly em: Em) {}

  findBySlug(slug: string): Promise<EvidenceItem | null> {
    return this.em.findOne(EvidenceItemEntity, { slug, published: true });
  }

  findBySlugs(slugs: readonly string[]): Promise<EvidenceItem[]> {
    return this.em.find(EvidenceItemEntity, { slug: { $in: [...slugs] }, published: true });
  }

  /** Strongest evidence first, then newest source. */
  async page(window: PageWindow, filter: EvidenceFilter = {}): Promise<[EvidenceItem[], number]> {
    await assertKnownTerms(this.em, [
      { field: 'filter.systemType', vocabulary: 'SYSTEM_TYPE', value: filter.systemType },
      { field: 'filter.setting', vocabulary: 'SETTING', value: filter.setting },
      { field: 'filter.hazardFamily', vocabulary: 'HAZARD_FAMILY', value: filter.hazardFamily },
      { field: 'filter.topic', vocabulary: 'TOPIC', value: filter.topic },
    ]);
    const where: FilterQuery<EvidenceItem> = { published: true };
    if (filter.systemType) where.systemType = filter.systemType;
    if (filter.setting) where.setting = filter.setting;
    if (filter.strength) where.strength = filter.strength;
    if (filter.hazardFamily) where.hazardFamilies = { $contains: [filter.hazardFamily] };
    if (filter.topic) where.topics = { $contains: [filter.topic] };
    const [rows, total] = await this.em.findAndCount(EvidenceItemEntity, where, { orderBy: { sourceYear: 'desc', slug: 'asc' } });
    const strengthOrder = ['HIGH', 'MODERATE', 'LOW', 'VERY_LOW'];
    rows.sort((a, b) => strengthOrder.indexOf(a.strength) - strengthOrder.indexOf(b.strength));
    return [rows.slice(window.offset, window.offset + window.limit), total];
  }
}

export async function checkLearningFilter(em: Em, filter: LearningFilter): Promise<void> {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw errors.badInput('"from" is after "to"', [{ field: 'filter.from', message: 'must be on or before filter.to' }]);
  }
  await assertKnownTerms(em, [
    { field: 'filter.systemType', vocabulary: 'SYSTEM_TYPE', value: filter.systemType },
    { field: 'filter.setting', vocabulary: 'SETTING', value: filter.setting },
    { field: 'filter.hazardFamily', vocabulary: 'HAZARD_FAMILY', value: filter.hazardFamily },
    { field: 'filter.topic', vocabulary: 'TOPIC', value: filter.topic },
  ]);
}

/** Events are kept by month, so a range covers every month it touches: `YYYY-MM-01` bounds, inclusive. */
export function monthRange(filter: { from?: Date | null; to?: Date | null }): { from?: string; to?: string } {
  const firstOfMonth = (date: Date) => `${date.toISOString().slice(0, 7)}-01`;
  return { from: filter.from ? firstOfMonth(filter.from) : undefined, to: filter.to ? firstOfMonth(filter.to) : undefined };
}
