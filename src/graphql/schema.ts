import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { lexicographicSortSchema, printSchema, specifiedDirectives } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { BlueprintResolver, BlueprintVersionResolver } from '../modules/blueprints/blueprints.resolver.js';
import { GuidanceResolver } from '../modules/guidance/guidance.resolver.js';
import { EvidenceItemResolver, HazardLearningResolver, SafetyLearningResolver } from '../modules/learning/learning.resolver.js';
import { RiskResolver } from '../modules/risk/risk.resolver.js';
import { HazardResolver, SafetyCaseResolver } from '../modules/safety-cases/safety-cases.resolver.js';
import { SearchResolver } from '../modules/search/search.resolver.js';
import { ClauseResolver, StandardResolver } from '../modules/standards/standards.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { ViewerResolver } from '../modules/auth/viewer.resolver.js';
import { SubmissionResolver, SubmissionReviewResolver } from '../modules/submissions/submissions.resolver.js';
import { CompetencyFrameworkResolver, CompetencyPillarResolver, CompetencyResolver } from '../modules/competencies/competencies.resolver.js';
import { TrainingResourceResolver } from '../modules/training/training.resolver.js';
import { RegisterResolver } from '../modules/register/register.resolver.js';
import { MentoringRequestResolver, MentorshipPairingResolver, MentorshipResolver } from '../modules/mentorship/mentorship.resolver.js';
import { NodeResolver } from './node.resolver.js';
import { cacheControlDirective } from './cache-control.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  StandardResolver,
  ClauseResolver,
  GuidanceResolver,
  BlueprintResolver,
  BlueprintVersionResolver,
  SafetyCaseResolver,
  HazardResolver,
  RiskResolver,
  SafetyLearningResolver,
  EvidenceItemResolver,
  HazardLearningResolver,
  SearchResolver,
  ViewerResolver,
  SubmissionResolver,
  SubmissionReviewResolver,
  AuditResolver,
  CompetencyFrameworkResolver,
  CompetencyResolver,
  CompetencyPillarResolver,
  TrainingResourceResolver,
  RegisterResolver,
  MentorshipResolver,
  MentorshipPairingResolver,
  MentoringRequestResolver,
];

let cached: Promise<GraphQLSchema> | undefined;

/** Built once per process: type-graphql's metadata is global, so every server instance shares one schema. */
export function getSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({ resolvers, validate: { forbidUnknownValues: false }, emitSchemaFile: false, directives: [...specifiedDirectives, cacheControlDirective] });
  return cached;
}

/** The committed `schema.graphql` is this text; a test compares it with the served schema. */
export async function printHubSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
