import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const VOCABULARIES = ['TOPIC', 'SYSTEM_TYPE', 'SETTING', 'HAZARD_FAMILY'] as const;
export type Vocabulary = (typeof VOCABULARIES)[number];

/** A term of one of the controlled vocabularies in content/taxonomy.md (topics, system types, ...). */
export const TopicEntity = defineEntity({
  name: 'Topic',
  tableName: 'topic',
  properties: {
    id: p.integer().primary().autoincrement(),
    vocabulary: p.enum([...VOCABULARIES]),
    code: p.string(),
    label: p.text(),
  },
  uniques: [{ properties: ['vocabulary', 'code'] }],
});
export type Topic = InferEntity<typeof TopicEntity>;
