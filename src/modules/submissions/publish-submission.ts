import type { Em } from '../../db/createOrm.js';
import { errors } from '../../graphql/errors.js';
import { BlueprintEntity } from '../blueprints/blueprint.entity.js';
import { BlueprintVersionEntity } from '../blueprints/blueprint-version.entity.js';
import { compareSemver, parseSemver } from '../blueprints/semver.js';
import { GuidanceArticleEntity } from '../guidance/guidance-article.entity.js';
import type { BlueprintVersionContent, GuidanceContent, SafetyCaseContent } from '../ingest/content-schema.js';
import type { DocumentChange } from '../ingest/document-change.js';
import { createBlueprintVersion, guidanceColumns, replaceAllowances, replaceHazards, safetyCaseColumns, type StoredFrom } from '../ingest/document-writers.js';
import { RevisionEntity, type RevisionAction } from '../revisions/revision.entity.js';
import { SafetyCaseEntity } from '../safety-cases/safety-case.entity.js';
import { SearchOutboxEntity } from '../search/search-outbox.entity.js';
import type { Submission, SubmissionKind } from './submission.entity.js';
import type { ValidatedDocument } from './submission-content.js';

/** Called inside the publishing transaction with what changed, exactly as ingest calls it, so search moves with content. */
export type ContentChangeHook = (em: Em, changes: DocumentChange[]) => Promise<void>;

export interface Published {
  documentKind: string;
  documentKey: string;
  beforeHash: string | null;
  afterHash: string;
  revisionId: number;
  changes: DocumentChange[];
}

/** The version of a submission's target as it stands now: compared with the one its author started from. */
export async function currentVersionOf(em: Em, kind: SubmissionKind, targetKey: string): Promise<string | null> {
  switch (kind) {
    case 'SAFETY_CASE':
      return (await em.findOne(SafetyCaseEntity, { slug: targetKey }))?.contentHash ?? null;
    case 'GUIDANCE_CORRECTION':
      return (await em.findOne(GuidanceArticleEntity, { slug: targetKey }))?.contentHash ?? null;
    case 'BLUEPRINT_VERSION':
      return (await em.findOne(BlueprintEntity, { slug: targetKey.split('@')[0] }))?.latestVersion ?? null;
  }
}

/**
 * Publishes an approved submission as a new revision of its document, with origin REVIEW so a later ingest
 * never overwrites it unnoticed. Runs inside the review's transaction: the document, its revision, the search
 * outbox rows and the index hook commit together or not at all.
 */
export async function publishSubmission(em: Em, submission: Submission, document: ValidatedDocument<SubmissionKind>, onChanges?: ContentChangeHook): Promise<Published> {
  const from: StoredFrom = { contentHash: document.hash, sourcePath: `review:submission/${submission.id}`, origin: 'REVIEW' };
  const body = document.payload.body;
  let published: Omit<Published, 'revisionId' | 'afterHash'> & { action: RevisionAction };
  switch (submission.kind) {
    case 'SAFETY_CASE':
      published = await publishSafetyCase(em, submission.targetKey, document.content as SafetyCaseContent, body, from);
      break;
    case 'GUIDANCE_CORRECTION':
      published = await publishGuidance(em, submission.targetKey, document.content as GuidanceContent, body, from);
      break;
    case 'BLUEPRINT_VERSION':
      published = await publishBlueprintVersion(em, submission.targetKey, document.content as BlueprintVersionContent, body, from);
      break;
  }
  const revision = em.create(RevisionEntity, {
    documentKind: published.documentKind, documentKey: published.documentKey, action: published.action, contentHash: document.hash,
    previousHash: published.beforeHash, summary: `Published through review of submission ${submission.id} (revision ${submission.revision})`, source: 'REVIEW',
    snapshot: { ...document.payload, submissionId: submission.id }, createdAt: new Date(),
  });
  for (const change of published.changes) {
    em.create(SearchOutboxEntity, { documentKind: change.kind, documentKey: change.key, operation: change.operation, enqueuedAt: new Date(), attempts: 0 });
  }
  await em.flush();
  if (onChanges) await onChanges(em, published.changes);
  return { ...published, afterHash: document.hash, revisionId: revision.id };
}

async function publishSafetyCase(em: Em, slug: string, content: SafetyCaseContent, body: string, from: StoredFrom) {
  let safetyCase = await em.findOne(SafetyCaseEntity, { slug });
  const before = safetyCase ? { hash: safetyCase.contentHash, published: safetyCase.published } : null;
  const fields = safetyCaseColumns(slug, content, body, from);
  if (safetyCase) Object.assign(safetyCase, fields);
  else safetyCase = em.create(SafetyCaseEntity, { ...fields, createdAt: new Date(), updatedAt: new Date() });
  const previousCodes = await replaceHazards(em, safetyCase, content.hazards, before === null);
  await replaceAllowances(em, 'SAFETY_CASE', slug, content.anonymisationAllowances);
  const codes = new Set(content.hazards.map((h) => h.code));
  const changes: DocumentChange[] = [
    { kind: 'SAFETY_CASE', key: slug, operation: 'UPSERT' },
    ...previousCodes.filter((code) => !codes.has(code)).map((code): DocumentChange => ({ kind: 'HAZARD', key: `${slug}/${code}`, operation: 'DELETE' })),
    ...[...codes].map((code): DocumentChange => ({ kind: 'HAZARD', key: `${slug}/${code}`, operation: 'UPSERT' })),
  ];
  return { documentKind: 'SAFETY_CASE', documentKey: slug, beforeHash: before?.hash ?? null, action: actionFor(before), changes };
}

async function publishGuidance(em: Em, slug: string, content: GuidanceContent, body: string, from: StoredFrom) {
  const article = await em.findOne(GuidanceArticleEntity, { slug });
  if (!article) throw errors.notFound('Guidance article', slug);
  const before = { hash: article.contentHash, published: article.published };
  Object.assign(article, guidanceColumns(slug, content, body, from));
  await replaceAllowances(em, 'GUIDANCE', slug, content.anonymisationAllowances);
  return { documentKind: 'GUIDANCE', documentKey: slug, beforeHash: before.hash, action: actionFor(before), changes: [{ kind: 'GUIDANCE', key: slug, operation: 'UPSERT' } as DocumentChange] };
}

async function publishBlueprintVersion(em: Em, targetKey: string, content: BlueprintVersionContent, template: string, from: StoredFrom) {
  const slug = targetKey.split('@')[0];
  const blueprint = await em.findOne(BlueprintEntity, { slug });
  if (!blueprint) throw errors.notFound('Blueprint', slug);
  if (await em.findOne(BlueprintVersionEntity, { blueprint, version: content.version })) {
    throw errors.conflict(`Version ${content.version} of blueprint ${slug} already exists; published versions are immutable`);
  }
  const newest = compareSemver(parseSemver(content.version)!, parseSemver(blueprint.latestVersion)!) > 0;
  createBlueprintVersion(em, blueprint, content, template, from);
  if (newest) {
    Object.assign(blueprint, { title: content.title, summary: content.summary, topics: content.topics, latestVersion: content.version, lastReviewed: content.lastReviewed, published: true });
  }
  await replaceAllowances(em, 'BLUEPRINT_VERSION', targetKey, content.anonymisationAllowances);
  return { documentKind: 'BLUEPRINT_VERSION', documentKey: targetKey, beforeHash: null, action: 'CREATED' as const, changes: [{ kind: 'BLUEPRINT', key: slug, operation: 'UPSERT' } as DocumentChange] };
}

function actionFor(before: { published: boolean } | null): RevisionAction {
  if (!before) return 'CREATED';
  return before.published ? 'UPDATED' : 'REPUBLISHED';
}
