import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const BLUEPRINT_KINDS = [
  'CRMP', 'CRMF', 'HAZARD_LOG', 'CSCR', 'CRMS_PROCEDURE', 'WORKSHOP_TOR', 'CSO_APPOINTMENT', 'INCIDENT_PROCEDURE',
  'DEPLOYMENT_CHECKLIST', 'CHANGE_IMPACT', 'AUDIT_CHECKLIST', 'DECOMMISSIONING_PLAN', 'HANDOVER', 'OTHER',
] as const;
export type BlueprintKind = (typeof BLUEPRINT_KINDS)[number];

/** The blueprint's identity; its content lives in immutable BlueprintVersion rows. */
export const BlueprintEntity = defineEntity({
  name: 'Blueprint',
  tableName: 'blueprint',
  properties: {
    id: p.integer().primary().autoincrement(),
    slug: p.string().unique(),
    kind: p.enum([...BLUEPRINT_KINDS]),
    /** Title, summary and topics of the latest version, kept here for listing and search. */
    title: p.text(),
    summary: p.text(),
    topics: p.array().default([]),
    latestVersion: p.string(),
    lastReviewed: p.date(),
    published: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Blueprint = InferEntity<typeof BlueprintEntity>;
