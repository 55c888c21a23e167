import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A false positive of the anonymisation gate, allowed by front matter with a written justification. */
export const AnonymisationAllowanceEntity = defineEntity({
  name: 'AnonymisationAllowance',
  tableName: 'anonymisation_allowance',
  properties: {
    id: p.integer().primary().autoincrement(),
    documentKind: p.string(),
    documentKey: p.string(),
    text: p.text(),
    type: p.string(),
    justification: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type AnonymisationAllowance = InferEntity<typeof AnonymisationAllowanceEntity>;
