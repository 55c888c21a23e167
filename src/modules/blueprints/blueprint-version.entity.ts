import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { HazardContent } from '../safety-cases/hazard.entity.js';
import { BlueprintEntity } from './blueprint.entity.js';

export const VARIABLE_TYPES = ['STRING', 'TEXT', 'DATE', 'NUMBER', 'BOOLEAN', 'ENUM'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export interface BlueprintVariable {
  name: string;
  type: VariableType;
  required: boolean;
  default?: string | number | boolean | null;
  description: string;
  options?: string[];
}

/**
 * One published version. Once stored its content never changes: the database refuses updates of the content
 * columns (see the initial migration), so a change needs a new semver version.
 */
export const BlueprintVersionEntity = defineEntity({
  name: 'BlueprintVersion',
  tableName: 'blueprint_version',
  properties: {
    id: p.integer().primary().autoincrement(),
    blueprint: p.manyToOne(BlueprintEntity),
    version: p.string(),
    major: p.integer(),
    minor: p.integer(),
    patch: p.integer(),
    title: p.text(),
    summary: p.text(),
    changelog: p.text(),
    template: p.text(),
    variables: p.json<BlueprintVariable[]>(),
    hazards: p.json<HazardContent[]>().default([]),
    clauseRefs: p.array().default([]),
    topics: p.array().default([]),
    licence: p.text(),
    publishedOn: p.date(),
    contentHash: p.string(),
    sourcePath: p.string(),
    /** INGEST for content/, REVIEW for contributions published through review. */
    origin: p.string().default('INGEST'),
    /** Withdrawn versions stay readable by URL but drop out of listings. */
    withdrawn: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['blueprint', 'version'] }],
});
export type BlueprintVersion = InferEntity<typeof BlueprintVersionEntity>;
