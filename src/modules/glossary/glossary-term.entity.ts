import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const GlossaryTermEntity = defineEntity({
  name: 'GlossaryTerm',
  tableName: 'glossary_term',
  properties: {
    id: p.integer().primary().autoincrement(),
    term: p.string().unique(),
    expansion: p.text(),
    definition: p.text(),
    synonyms: p.array().default([]),
  },
});
export type GlossaryTerm = InferEntity<typeof GlossaryTermEntity>;
