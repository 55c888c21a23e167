import { LockMode } from '@mikro-orm/core';
import type { Em } from '../../db/createOrm.js';
import type { PageWindow } from '../../graphql/connection.js';
import { errors } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/node.js';
import { appendAudit, keyActor } from '../audit/audit.service.js';
import { ApiKeyEntity } from '../auth/api-key.entity.js';
import { authorize, can } from '../auth/policies.js';
import type { KeyViewer, Viewer } from '../auth/viewer.js';
import { BlueprintEntity } from '../blueprints/blueprint.entity.js';
import { BlueprintVersionEntity } from '../blueprints/blueprint-version.entity.js';
import { compareSemver, parseSemver } from '../blueprints/semver.js';
import { GuidanceArticleEntity } from '../guidance/guidance-article.entity.js';
import type { BlueprintVersionContent } from '../ingest/content-schema.js';
import { INGEST_LOCK_KEY } from '../ingest/ingest.service.js';
import { currentVersionOf, publishSubmission, type ContentChangeHook } from './publish-submission.js';
import { validateDocument, type DocumentInput, type ValidatedDocument } from './submission-content.js';
import {
  SubmissionEntity, SubmissionReviewEntity, type ReviewDecision, type Submission, type SubmissionKind, type SubmissionReview, type SubmissionStatus,
} from './submission.entity.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface SubmitRequest {
  kind: SubmissionKind;
  /** The safety case slug, the guidance slug or the blueprint slug (a blueprint's version comes from the input). */
  target: { key: string; field: string };
  document: DocumentInput;
  /** Global id of the author's own submission, sent back for changes, that this one revises. */
  revises?: string | null;
}

/**
 * The contribution workflow. Every decision about who may do what is asked of policies.ts; every write runs in
 * one transaction that also appends its audit entry.
 */
export class SubmissionsService {
  constructor(private readonly em: Em, private readonly viewer: Viewer, private readonly onChanges?: ContentChangeHook) {}

  async submit(request: SubmitRequest): Promise<Submission> {
    const viewer = this.viewer;
    authorize(viewer, 'submission.submit');
    const revised = request.revises ? await this.revisable(viewer, request.revises, request.kind) : null;
    const document = await validateDocument(this.em, request.kind, request.document);
    const targetKey = await this.targetKey(request, document);
    const baseVersion = await currentVersionOf(this.em, request.kind, targetKey);
    const title = String(document.content.title);

    return this.em.transactional(async (em) => {
      let submission: Submission;
      let before: string | null = null;
      if (revised) {
        submission = await em.findOneOrFail(SubmissionEntity, { id: revised.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (submission.status !== 'CHANGES_REQUESTED') throw errors.conflict(`Submission ${request.revises} is ${submission.status}; only a submission sent back for changes can be revised`);
        before = submission.contentHash;
        Object.assign(submission, { status: 'DRAFT', targetKey, title, payload: document.payload, contentHash: document.hash, baseVersion, revision: submission.revision + 1 });
      } else {
        submission = em.create(SubmissionEntity, {
          kind: request.kind, status: 'DRAFT', targetKey, title, payload: document.payload, contentHash: document.hash, baseVersion,
          authorKeyId: viewer.keyId, revision: 1, publishedRevisionId: null, createdAt: new Date(), updatedAt: new Date(),
        });
      }
      await em.flush();
      await appendAudit(em, keyActor(viewer), {
        action: revised ? 'SUBMISSION_REVISED' : 'SUBMISSION_CREATED', targetKind: 'SUBMISSION', targetKey: String(submission.id),
        beforeHash: before, afterHash: document.hash, summary: `${request.kind} ${targetKey} (revision ${submission.revision})`,
      });
      return submission;
    });
  }

  async review(id: string, decision: ReviewDecision, comment: string | null | undefined): Promise<Submission> {
    const viewer = this.viewer;
    // The queue is editors' business: anyone else learns nothing, not even whether the submission exists.
    authorize(viewer, 'submission.listForReview');
    const found = await this.em.findOne(SubmissionEntity, { id: submissionDbId(id) });
    if (!found) throw errors.notFound('Submission', id);
    authorize(viewer, 'submission.review', found);
    const note = comment?.trim() || null;
    if (decision !== 'APPROVE' && !note) throw errors.badInput('Say what needs to change, or why it is rejected', [{ field: 'comment', message: `is required to ${decision === 'REJECT' ? 'reject' : 'request changes'}` }]);
    if (note && note.length > 4000) throw errors.badInput('The comment is too long', [{ field: 'comment', message: 'must be at most 4000 characters' }]);

    return this.em.transactional(async (em) => {
      if (decision === 'APPROVE') await em.execute('select pg_advisory_xact_lock(?)', [INGEST_LOCK_KEY]);
      const submission = await em.findOneOrFail(SubmissionEntity, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (submission.status !== 'DRAFT') throw errors.conflict(`Submission ${id} is ${submission.status}; only a submission waiting for review can be reviewed`, { status: submission.status });
      em.create(SubmissionReviewEntity, { submissionId: submission.id, reviewerKeyId: viewer.keyId, decision, comment: note, submissionRevision: submission.revision, createdAt: new Date() });
      submission.status = STATUS_AFTER[decision];
      await em.flush();
      await appendAudit(em, keyActor(viewer), {
        action: `SUBMISSION_${decision}`, targetKind: 'SUBMISSION', targetKey: String(submission.id), beforeHash: submission.contentHash, afterHash: submission.contentHash,
        summary: note ? `${decision}: ${note}` : decision,
      });
      if (decision === 'APPROVE') await this.publish(em, viewer, submission);
      return submission;
    });
  }

  /** Null, not FORBIDDEN, for someone else's submission: a contributor learns nothing about others' drafts. */
  async find(id: string): Promise<Submission | null> {
    authorize(this.viewer, 'submission.listOwn');
    const submission = await this.em.findOne(SubmissionEntity, { id: submissionDbId(id) });
    return submission && can(this.viewer, 'submission.read', submission) ? submission : null;
  }

  async mine(window: PageWindow, status?: SubmissionStatus | null): Promise<[Submission[], number]> {
    const viewer = this.viewer;
    authorize(viewer, 'submission.listOwn');
    return this.em.findAndCount(SubmissionEntity, { authorKeyId: viewer.keyId, ...(status ? { status } : {}) }, { orderBy: { id: 'desc' }, offset: window.offset, limit: window.limit });
  }

  async forReview(window: PageWindow, kind?: SubmissionKind | null): Promise<[Submission[], number]> {
    authorize(this.viewer, 'submission.listForReview');
    return this.em.findAndCount(SubmissionEntity, { status: 'DRAFT', ...(kind ? { kind } : {}) }, { orderBy: { id: 'asc' }, offset: window.offset, limit: window.limit });
  }

  reviewsOf(submission: { dbId: number }): Promise<SubmissionReview[]> {
    return this.em.find(SubmissionReviewEntity, { submissionId: submission.dbId }, { orderBy: { id: 'asc' } });
  }

  async keyName(keyId: number): Promise<string> {
    return (await this.em.findOne(ApiKeyEntity, { id: keyId }))?.name ?? `key ${keyId}`;
  }

  private async revisable(viewer: KeyViewer, revises: string, kind: SubmissionKind): Promise<Submission> {
    const submission = await this.em.findOne(SubmissionEntity, { id: submissionDbId(revises, 'revises') });
    if (!submission || !can(viewer, 'submission.read', submission)) throw errors.notFound('Submission', revises);
    authorize(viewer, 'submission.revise', submission);
    if (submission.kind !== kind) throw errors.badInput(`Submission ${revises} is a ${submission.kind} submission`, [{ field: 'revises', message: `is a ${submission.kind} submission, not ${kind}` }]);
    if (submission.status !== 'CHANGES_REQUESTED') throw errors.conflict(`Submission ${revises} is ${submission.status}; only a submission sent back for changes can be revised`, { status: submission.status });
    return submission;
  }

  /** Checks the submission's target and returns the key of the document it will publish. */
  private async targetKey(request: SubmitRequest, document: ValidatedDocument<SubmissionKind>): Promise<string> {
    const { key, field } = request.target;
    switch (request.kind) {
      case 'SAFETY_CASE':
        if (!SLUG.test(key) || key.length > 120) throw errors.badInput('The slug is not valid', [{ field, message: 'must be lower-case letters, digits and hyphens, at most 120 characters' }]);
        return key;
      case 'GUIDANCE_CORRECTION':
        if (!(await this.em.findOne(GuidanceArticleEntity, { slug: key, published: true }))) throw errors.badInput(`There is no published guidance article "${key}"`, [{ field, message: 'must be the slug of a published guidance article' }]);
        return key;
      case 'BLUEPRINT_VERSION': {
        const blueprint = await this.em.findOne(BlueprintEntity, { slug: key, published: true });
        if (!blueprint) throw errors.badInput(`There is no published blueprint "${key}"`, [{ field, message: 'must be the slug of a published blueprint' }]);
        const content = document.content as BlueprintVersionContent;
        const argument = request.document.argument;
        if (content.kind !== blueprint.kind) throw errors.badInput(`Blueprint ${key} is a ${blueprint.kind}`, [{ field: `${argument}.kind`, message: `must be ${blueprint.kind}, the kind of blueprint ${key}` }]);
        const exists = await this.em.findOne(BlueprintVersionEntity, { blueprint, version: content.version });
        if (exists || compareSemver(parseSemver(content.version)!, parseSemver(blueprint.latestVersion)!) <= 0) {
          throw errors.badInput(`Version ${content.version} is not newer than ${blueprint.latestVersion}`, [{ field: `${argument}.version`, message: `must be newer than the latest published version, ${blueprint.latestVersion}` }]);
        }
        return `${key}@${content.version}`;
      }
    }
  }

  /** Re-checks the submission against what is published now, then publishes it and records that in the audit log. */
  private async publish(em: Em, viewer: KeyViewer, submission: Submission): Promise<void> {
    const current = await currentVersionOf(em, submission.kind, submission.targetKey);
    if (current !== submission.baseVersion) {
      throw errors.conflict(`${submission.targetKey} has changed since this submission was made; request changes so its author can bring it up to date`, { targetKey: submission.targetKey });
    }
    const document = await validateDocument(em, submission.kind, { frontMatter: submission.payload.frontMatter, body: submission.payload.body, argument: 'submission', bodyField: 'body' });
    const published = await publishSubmission(em, submission, document, this.onChanges);
    submission.publishedRevisionId = published.revisionId;
    await em.flush();
    await appendAudit(em, keyActor(viewer), {
      action: 'DOCUMENT_PUBLISHED', targetKind: published.documentKind, targetKey: published.documentKey, beforeHash: published.beforeHash, afterHash: published.afterHash,
      summary: `from submission ${submission.id} (revision ${submission.revision})`,
    });
  }
}

const STATUS_AFTER: Record<ReviewDecision, SubmissionStatus> = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', REJECT: 'REJECTED' };

function submissionDbId(id: string, field = 'id'): number {
  const { type, key } = fromGlobalId(id);
  const dbId = Number(key);
  if (type !== 'Submission' || !Number.isInteger(dbId) || dbId <= 0) throw errors.badInput(`"${id.slice(0, 64)}" is not a submission id`, [{ field, message: 'must be the id of a submission' }]);
  return dbId;
}
