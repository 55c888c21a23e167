import type { Em } from '../../db/createOrm.js';
import { TopicEntity, type Topic, type Vocabulary } from './topic.entity.js';

/** The controlled vocabularies of content/taxonomy.md: the ids content uses and the labels people read. */
export class TaxonomyService {
  constructor(private readonly em: Em) {}

  /** The terms of one vocabulary in the order taxonomy.md lists them. */
  terms(vocabulary: Vocabulary): Promise<Topic[]> {
    return this.em.find(TopicEntity, { vocabulary }, { orderBy: { id: 'asc' } });
  }

  /** Label by code for every vocabulary, for pages that show many ids at once. */
  async labels(): Promise<Record<Vocabulary, Map<string, string>>> {
    const rows = await this.em.find(TopicEntity, {}, { orderBy: { id: 'asc' } });
    const labels: Record<Vocabulary, Map<string, string>> = { TOPIC: new Map(), SYSTEM_TYPE: new Map(), SETTING: new Map(), HAZARD_FAMILY: new Map() };
    for (const row of rows) labels[row.vocabulary].set(row.code, row.label);
    return labels;
  }
}
