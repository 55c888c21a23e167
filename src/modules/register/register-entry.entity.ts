import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { COMPETENCY_LEVELS } from '../competencies/competency-levels.js';
import { ORGANISATION_TYPES, PROFESSIONAL_BODIES, REGIONS } from './register-vocabulary.js';

/**
 * One CSO's entry in the national register. It holds personal data its registrant chose to give, so it lives
 * outside the content pipeline, is written only by the registrant or an admin, is never logged, and erasure
 * deletes the row (its competencies go with it).
 */
export const RegisterEntryEntity = defineEntity({
  name: 'RegisterEntry',
  tableName: 'cso_register_entry',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** The registrant's API key: one entry per key. */
    ownerKeyId: p.integer().unique(),
    displayName: p.string(),
    registrationBody: p.enum([...PROFESSIONAL_BODIES]),
    registrationNumber: p.string(),
    organisationType: p.enum([...ORGANISATION_TYPES]),
    region: p.enum([...REGIONS]),
    icb: p.string().nullable(),
    standards: p.array().default([]),
    yearsAsCso: p.integer(),
    /** Training catalogue slugs. */
    trainingCompleted: p.array().default([]),
    /** Training not in the catalogue, as the registrant wrote it. */
    otherTraining: p.array().default([]),
    publicFields: p.array().default([]),
    verified: p.boolean().default(false),
    verifiedAt: p.datetime().nullable(),
    /**
     * Key for the HMACs the audit log records of this entry's states. Deleted with the row, so after erasure
     * the audit hashes can no longer be linked to anyone's details, not even by guessing them.
     */
    auditSalt: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type RegisterEntry = InferEntity<typeof RegisterEntryEntity>;

/** A competency the registrant holds, at the level they state; one row each so the register can be searched by it. */
export const RegisterCompetencyEntity = defineEntity({
  name: 'RegisterCompetency',
  tableName: 'cso_register_competency',
  properties: {
    id: p.integer().primary().autoincrement(),
    entryId: p.integer(),
    competency: p.string(),
    level: p.enum([...COMPETENCY_LEVELS]),
  },
});
export type RegisterCompetency = InferEntity<typeof RegisterCompetencyEntity>;
