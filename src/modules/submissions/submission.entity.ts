import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const SUBMISSION_KINDS = ['SAFETY_CASE', 'GUIDANCE_CORRECTION', 'BLUEPRINT_VERSION'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
/** DRAFT: waiting for an editor. CHANGES_REQUESTED: back with its author. APPROVED (published) and REJECTED are final. */
export const SUBMISSION_STATUSES = ['DRAFT', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const REVIEW_DECISIONS = ['APPROVE', 'REQUEST_CHANGES', 'REJECT'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The validated document, in the same shape as a content/ file: front matter and Markdown body. */
export interface SubmissionPayload {
  frontMatter: Record<string, unknown>;
  body: string;
}

export const SubmissionEntity = defineEntity({
  name: 'Submission',
  tableName: 'submission',
  properties: {
    id: p.integer().primary().autoincrement(),
    kind: p.enum([...SUBMISSION_KINDS]),
    status: p.enum([...SUBMISSION_STATUSES]),
    /** The document it creates or changes: a safety case or guidance slug, or `blueprint-slug@1.2.0`. */
    targetKey: p.string(),
    title: p.text(),
    payload: p.json<SubmissionPayload>(),
    contentHash: p.string(),
    /**
     * The version of the target the author started from (its content hash, or a blueprint's latest version);
     * null for a new document. Approval refuses when the target has moved on since, rather than overwrite it.
     */
    baseVersion: p.string().nullable(),
    authorKeyId: p.integer(),
    /** Goes up each time the author revises after changes were requested. */
    revision: p.integer().default(1),
    publishedRevisionId: p.integer().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Submission = InferEntity<typeof SubmissionEntity>;

export const SubmissionReviewEntity = defineEntity({
  name: 'SubmissionReview',
  tableName: 'submission_review',
  properties: {
    id: p.integer().primary().autoincrement(),
    submissionId: p.integer(),
    reviewerKeyId: p.integer(),
    decision: p.enum([...REVIEW_DECISIONS]),
    comment: p.text().nullable(),
    /** The submission's revision this review was about. */
    submissionRevision: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type SubmissionReview = InferEntity<typeof SubmissionReviewEntity>;
