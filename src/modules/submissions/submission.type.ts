import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { toGlobalId } from '../../graphql/node.js';
import { BlueprintKind, VariableType } from '../blueprints/blueprint.type.js';
import { Likelihood, Severity } from '../risk/risk.type.js';
import { ControlType, HazardStatus } from '../safety-cases/safety-case.type.js';
import type { Submission, SubmissionReview } from './submission.entity.js';

export enum SubmissionKind {
  SAFETY_CASE = 'SAFETY_CASE',
  GUIDANCE_CORRECTION = 'GUIDANCE_CORRECTION',
  BLUEPRINT_VERSION = 'BLUEPRINT_VERSION',
}
registerEnumType(SubmissionKind, { name: 'SubmissionKind', description: 'What a contribution creates or changes when it is approved.' });

export enum SubmissionStatus {
  DRAFT = 'DRAFT',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(SubmissionStatus, {
  name: 'SubmissionStatus',
  description: 'DRAFT: waiting for an editor. CHANGES_REQUESTED: back with its author, who may revise it. APPROVED: published. REJECTED: closed.',
});

export enum ReviewDecision {
  APPROVE = 'APPROVE',
  REQUEST_CHANGES = 'REQUEST_CHANGES',
  REJECT = 'REJECT',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision', description: 'APPROVE publishes the submission as a new revision of its document.' });

@Directive(cacheHint.viewer)
@ObjectType('SubmissionReview', { description: 'One editor decision on a submission.' })
export class SubmissionReviewType {
  @Field(() => ReviewDecision)
  decision!: ReviewDecision;
  @Field(() => String, { nullable: true })
  comment!: string | null;
  @Field(() => String, { description: 'Name of the reviewing editor\'s key.' })
  reviewerName!: string;
  @Field(() => Int, { description: 'The revision of the submission the decision was about.' })
  submissionRevision!: number;
  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  reviewerKeyId!: number;

  static from(review: SubmissionReview): SubmissionReviewType {
    return Object.assign(new SubmissionReviewType(), {
      decision: review.decision as ReviewDecision, comment: review.comment ?? null, submissionRevision: review.submissionRevision,
      createdAt: review.createdAt, reviewerKeyId: review.reviewerKeyId,
    });
  }
}

@Directive(cacheHint.viewer)
@ObjectType('Submission', { description: 'A contribution under review: visible to its author and to editors, published only when an editor approves it.' })
export class SubmissionType {
  @Field(() => ID)
  id!: string;
  @Field(() => SubmissionKind)
  kind!: SubmissionKind;
  @Field(() => SubmissionStatus)
  status!: SubmissionStatus;
  @Field(() => String, { description: 'The document it creates or changes: a slug, or `blueprint-slug@1.2.0`.' })
  targetKey!: string;
  @Field(() => String)
  title!: string;
  @Field(() => GraphQLJSONObject, { description: 'The validated front matter, in the content/ file format.' })
  frontMatter!: Record<string, unknown>;
  @Field(() => String, { description: 'The Markdown body (a blueprint\'s template).' })
  body!: string;
  @Field(() => String, { description: 'sha256 of the validated content; the published document carries the same hash.' })
  contentHash!: string;
  @Field(() => Int, { description: 'Starts at 1; goes up each time the author revises after changes were requested.' })
  revision!: number;
  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  dbId!: number;
  authorKeyId!: number;

  static from(submission: Submission): SubmissionType {
    return Object.assign(new SubmissionType(), {
      id: toGlobalId('Submission', submission.id),
      dbId: submission.id,
      authorKeyId: submission.authorKeyId,
      kind: submission.kind as SubmissionKind,
      status: submission.status as SubmissionStatus,
      targetKey: submission.targetKey,
      title: submission.title,
      frontMatter: submission.payload.frontMatter,
      body: submission.payload.body,
      contentHash: submission.contentHash,
      revision: submission.revision,
      createdAt: submission.createdAt,
      updatedAt: submission.updatedAt,
    });
  }
}

// Inputs mirror the content/ front matter field for field, so a problem's path (`input.hazards[2].initialRisk.rating`)
// names the same field a content/ file would.

@InputType('AnonymisationAllowanceInput', { description: 'A known false positive of the anonymisation gate, with why it identifies no one.' })
export class AnonymisationAllowanceInput {
  @Field(() => String)
  text!: string;
  @Field(() => String, { description: 'NHS_NUMBER, POSTCODE, PHONE_NUMBER, EMAIL, DATE_OF_BIRTH, PERSON_NAME, LOCAL_PATIENT_ID, NI_NUMBER or PROFESSIONAL_ID.' })
  type!: string;
  @Field(() => String)
  justification!: string;
}

@InputType('RiskInput')
export class RiskInput {
  @Field(() => Severity)
  severity!: Severity;
  @Field(() => Likelihood)
  likelihood!: Likelihood;
  @Field(() => Int, { description: 'Must agree with the risk matrix (riskMatrix { cells }).' })
  rating!: number;
}

@InputType('HazardControlInput')
export class HazardControlInput {
  @Field(() => String)
  description!: string;
  @Field(() => ControlType)
  type!: ControlType;
}

@InputType('HazardInput')
export class HazardInput {
  @Field(() => String, { description: 'Hazard id within the case, e.g. H-001.' })
  code!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String, { description: 'Hazard family id from the taxonomy.' })
  family!: string;
  @Field(() => String)
  description!: string;
  @Field(() => [String])
  causes!: string[];
  @Field(() => [String], { description: 'The clinical impact.' })
  effects!: string[];
  @Field(() => [HazardControlInput])
  controls!: HazardControlInput[];
  @Field(() => RiskInput)
  initialRisk!: RiskInput;
  @Field(() => RiskInput)
  residualRisk!: RiskInput;
  @Field(() => HazardStatus)
  status!: HazardStatus;
  @Field(() => [String], { nullable: true, description: 'Clause references, e.g. "DCB0129 4.3.1".' })
  clauses?: string[];
}

@InputType('SafetyCaseSubmissionInput', { description: 'An anonymised safety case with its hazard log: the fields of a content/safety-cases file.' })
export class SafetyCaseSubmissionInput {
  @Field(() => String, { description: 'The case\'s slug: a new one, or an existing case this submission revises.' })
  slug!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => [String], { nullable: true, description: 'Topic ids from the taxonomy.' })
  topics?: string[];
  @Field(() => String, { description: 'YYYY-MM-DD.' })
  lastReviewed!: string;
  @Field(() => String, { description: 'System type id from the taxonomy.' })
  systemType!: string;
  @Field(() => String, { description: 'Care setting id from the taxonomy.' })
  setting!: string;
  @Field(() => String, { description: 'DCB0129 or DCB0160.' })
  standard!: string;
  @Field(() => String)
  lifecyclePhase!: string;
  @Field(() => String, { description: 'A description of the organisation that names no one.' })
  organisation!: string;
  @Field(() => [String], { nullable: true })
  clauses?: string[];
  @Field(() => [HazardInput])
  hazards!: HazardInput[];
  @Field(() => [AnonymisationAllowanceInput], { nullable: true })
  anonymisationAllowances?: AnonymisationAllowanceInput[];
  @Field(() => String, { description: 'The Markdown narrative.' })
  body!: string;
}

@InputType('RelatedDocumentsInput')
export class RelatedDocumentsInput {
  @Field(() => [String], { nullable: true })
  guidance?: string[];
  @Field(() => [String], { nullable: true })
  blueprints?: string[];
}

@InputType('GuidanceCorrectionInput', { description: 'The whole corrected article: the fields of a content/guidance file.' })
export class GuidanceCorrectionInput {
  @Field(() => String)
  title!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => [String], { nullable: true })
  topics?: string[];
  @Field(() => String, { description: 'YYYY-MM-DD.' })
  lastReviewed!: string;
  @Field(() => [String], { description: 'The clauses the article explains, e.g. "DCB0129 2.3.1".' })
  clauses!: string[];
  @Field(() => [String], { nullable: true })
  audience?: string[];
  @Field(() => RelatedDocumentsInput, { nullable: true })
  related?: RelatedDocumentsInput;
  @Field(() => [AnonymisationAllowanceInput], { nullable: true })
  anonymisationAllowances?: AnonymisationAllowanceInput[];
  @Field(() => String, { description: 'The Markdown article.' })
  body!: string;
}

@InputType('BlueprintVariableInput')
export class BlueprintVariableInput {
  @Field(() => String, { description: 'camelCase, used in the template as {{name}}.' })
  name!: string;
  @Field(() => VariableType)
  type!: VariableType;
  @Field(() => Boolean, { nullable: true })
  required?: boolean;
  @Field(() => GraphQLJSON, { nullable: true, description: 'A string, number or boolean, as the type asks.' })
  default?: string | number | boolean;
  @Field(() => String)
  description!: string;
  @Field(() => [String], { nullable: true, description: 'ENUM variables only.' })
  options?: string[];
}

@InputType('BlueprintVersionProposalInput', { description: 'A new version of an existing blueprint: the fields of a content/blueprints version file.' })
export class BlueprintVersionProposalInput {
  @Field(() => String)
  title!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => BlueprintKind)
  kind!: BlueprintKind;
  @Field(() => String, { description: 'Semantic version, newer than the blueprint\'s latest.' })
  version!: string;
  @Field(() => String, { description: 'YYYY-MM-DD.' })
  publishedOn!: string;
  @Field(() => String, { description: 'What changed since the previous version.' })
  changelog!: string;
  @Field(() => [String], { nullable: true })
  topics?: string[];
  @Field(() => String, { description: 'YYYY-MM-DD.' })
  lastReviewed!: string;
  @Field(() => [String], { description: 'The clauses the template helps satisfy.' })
  clauses!: string[];
  @Field(() => String, { nullable: true })
  licence?: string;
  @Field(() => [BlueprintVariableInput], { nullable: true })
  variables?: BlueprintVariableInput[];
  @Field(() => [HazardInput], { nullable: true })
  hazards?: HazardInput[];
  @Field(() => [AnonymisationAllowanceInput], { nullable: true })
  anonymisationAllowances?: AnonymisationAllowanceInput[];
  @Field(() => String, { description: 'The Markdown template, with {{variable}} placeholders.' })
  template!: string;
}
