import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, pageWindow, toConnection } from '../../graphql/connection.js';
import type { HubContext } from '../../graphql/context.js';
import { SubmissionsService } from './submissions.service.js';
import {
  BlueprintVersionProposalInput, GuidanceCorrectionInput, ReviewDecision, SafetyCaseSubmissionInput, SubmissionKind, SubmissionReviewType,
  SubmissionStatus, SubmissionType,
} from './submission.type.js';

const SubmissionConnection = Connection(SubmissionType, 'Submission');

function service(ctx: HubContext): SubmissionsService {
  return new SubmissionsService(ctx.em, ctx.viewer, ctx.hub.search.indexChanges);
}

const REVISES = { nullable: true, description: 'The id of your own submission, sent back with CHANGES_REQUESTED, that this revises.' } as const;

@Resolver(() => SubmissionType)
export class SubmissionResolver {
  @Mutation(() => SubmissionType, { description: 'Submit an anonymised safety case (new, or a revision of a published one) for review. Needs a contributor key.' })
  async submitSafetyCase(
    @Arg('input', () => SafetyCaseSubmissionInput) input: SafetyCaseSubmissionInput,
    @Arg('revises', () => ID, REVISES) revises: string | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<SubmissionType> {
    const { slug, body, ...frontMatter } = input;
    const submission = await service(ctx).submit({
      kind: 'SAFETY_CASE', target: { key: slug, field: 'input.slug' }, revises,
      document: { frontMatter, body, argument: 'input', bodyField: 'body' },
    });
    return SubmissionType.from(submission);
  }

  @Mutation(() => SubmissionType, { description: 'Submit a corrected version of a published guidance article for review. Needs a contributor key.' })
  async submitGuidanceCorrection(
    @Arg('slug', () => String) slug: string,
    @Arg('input', () => GuidanceCorrectionInput) input: GuidanceCorrectionInput,
    @Arg('revises', () => ID, REVISES) revises: string | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<SubmissionType> {
    const { body, ...frontMatter } = input;
    const submission = await service(ctx).submit({
      kind: 'GUIDANCE_CORRECTION', target: { key: slug, field: 'slug' }, revises,
      document: { frontMatter, body, argument: 'input', bodyField: 'body' },
    });
    return SubmissionType.from(submission);
  }

  @Mutation(() => SubmissionType, { description: 'Propose a new version of a published blueprint for review. Needs a contributor key.' })
  async proposeBlueprintVersion(
    @Arg('blueprint', () => String, { description: 'The blueprint\'s slug.' }) blueprint: string,
    @Arg('input', () => BlueprintVersionProposalInput) input: BlueprintVersionProposalInput,
    @Arg('revises', () => ID, REVISES) revises: string | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<SubmissionType> {
    const { template, ...frontMatter } = input;
    const submission = await service(ctx).submit({
      kind: 'BLUEPRINT_VERSION', target: { key: blueprint, field: 'blueprint' }, revises,
      document: { frontMatter, body: template, argument: 'input', bodyField: 'template' },
    });
    return SubmissionType.from(submission);
  }

  @Mutation(() => SubmissionType, { description: 'Approve (publish), send back for changes, or reject a submission. Needs an editor key; nobody reviews their own.' })
  async reviewSubmission(
    @Arg('id', () => ID) id: string,
    @Arg('decision', () => ReviewDecision) decision: ReviewDecision,
    @Arg('comment', () => String, { nullable: true, description: 'Required to request changes or reject.' }) comment: string | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<SubmissionType> {
    return SubmissionType.from(await service(ctx).review(id, decision, comment));
  }

  @Query(() => SubmissionType, { nullable: true, description: 'One submission: your own, or any for an editor.' })
  async submission(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<SubmissionType | null> {
    const found = await service(ctx).find(id);
    return found ? SubmissionType.from(found) : null;
  }

  @Query(() => SubmissionConnection, { description: 'Your own submissions, newest first.' })
  async mySubmissions(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('status', () => SubmissionStatus, { nullable: true }) status: SubmissionStatus | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const window = pageWindow(args);
    const [rows, total] = await service(ctx).mine(window, status);
    return toConnection(rows.map((s) => SubmissionType.from(s)), total, window);
  }

  @Query(() => SubmissionConnection, { description: 'Submissions waiting for an editor (DRAFT), oldest first. Editors only.' })
  async submissionsForReview(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('kind', () => SubmissionKind, { nullable: true }) kind: SubmissionKind | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const window = pageWindow(args);
    const [rows, total] = await service(ctx).forReview(window, kind);
    return toConnection(rows.map((s) => SubmissionType.from(s)), total, window);
  }

  @FieldResolver(() => String, { description: 'Name of the author\'s key.' })
  authorName(@Root() submission: SubmissionType, @Ctx() ctx: HubContext): Promise<string> {
    return service(ctx).keyName(submission.authorKeyId);
  }

  @FieldResolver(() => [SubmissionReviewType], { description: 'Editor decisions, oldest first.' })
  async reviews(@Root() submission: SubmissionType, @Ctx() ctx: HubContext): Promise<SubmissionReviewType[]> {
    return (await service(ctx).reviewsOf(submission)).map((r) => SubmissionReviewType.from(r));
  }
}

@Resolver(() => SubmissionReviewType)
export class SubmissionReviewResolver {
  @FieldResolver(() => String)
  reviewerName(@Root() review: SubmissionReviewType, @Ctx() ctx: HubContext): Promise<string> {
    return service(ctx).keyName(review.reviewerKeyId);
  }
}
