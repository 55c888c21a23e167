import type { z } from 'zod';
import type { Em } from '../../db/createOrm.js';
import { ErrorCode, errors, HubError, type FieldProblem } from '../../graphql/errors.js';
import { scanFields, type Allowance, type FieldToScan } from '../anonymisation/scan-fields.js';
import { BlueprintEntity } from '../blueprints/blueprint.entity.js';
import { GuidanceArticleEntity } from '../guidance/guidance-article.entity.js';
import { blueprintVersionSchema, guidanceSchema, safetyCaseSchema } from '../ingest/content-schema.js';
import { documentHash } from '../ingest/document-writers.js';
import { describeIssue } from '../ingest/load-corpus.js';
import { blueprintVersionProblems, formatPath, guidanceProblems, safetyCaseProblems, type DocumentProblem, type KnownReferences } from '../ingest/validate-corpus.js';
import { SafetyCaseEntity } from '../safety-cases/safety-case.entity.js';
import { ClauseEntity } from '../standards/clause.entity.js';
import { StandardEntity } from '../standards/standard.entity.js';
import { TopicEntity } from '../taxonomy/topic.entity.js';
import type { SubmissionKind, SubmissionPayload } from './submission.entity.js';

/**
 * A submission is checked exactly as a content/ file is: the ingest schema of its kind, then the same
 * reference, vocabulary and risk-matrix checks (against what is published now), then the anonymisation gate.
 */
const schemas = { SAFETY_CASE: safetyCaseSchema, GUIDANCE_CORRECTION: guidanceSchema, BLUEPRINT_VERSION: blueprintVersionSchema } satisfies Record<SubmissionKind, z.ZodTypeAny>;
export type ContentOf<K extends SubmissionKind> = z.infer<(typeof schemas)[K]>;

const documentChecks: { [K in SubmissionKind]: (content: ContentOf<K>, body: string, known: KnownReferences) => DocumentProblem[] } = {
  SAFETY_CASE: safetyCaseProblems,
  GUIDANCE_CORRECTION: guidanceProblems,
  BLUEPRINT_VERSION: blueprintVersionProblems,
};

export const MAX_BODY_LENGTH = 200_000;

export interface ValidatedDocument<K extends SubmissionKind> {
  content: ContentOf<K>;
  payload: SubmissionPayload;
  /** documentHash of the payload: what the published document will carry as its content hash. */
  hash: string;
}

export interface DocumentInput {
  /** The front matter fields as sent (GraphQL input objects), in the shape of content/ front matter. */
  frontMatter: object;
  body: string;
  /** Where the input sits in the request, for field paths: `input`. */
  argument: string;
  /** The input field that holds the Markdown body: `body`, or `template` for a blueprint. */
  bodyField: string;
}

export async function validateDocument<K extends SubmissionKind>(em: Em, kind: K, input: DocumentInput): Promise<ValidatedDocument<K>> {
  const field = (path: readonly (string | number)[]) => `${input.argument}${path.length ? `.${formatPath(path)}` : ''}`;
  const bodyField = `${input.argument}.${input.bodyField}`;
  const frontMatter = plain(input.frontMatter) as Record<string, unknown>;
  const parsed = schemas[kind].safeParse(frontMatter);
  const problems: FieldProblem[] = [];
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push({ field: field(issue.path), message: describeIssue(issue) });
  if (input.body.trim() === '') problems.push({ field: bodyField, message: 'must not be empty' });
  if (input.body.length > MAX_BODY_LENGTH) problems.push({ field: bodyField, message: `must be at most ${MAX_BODY_LENGTH} characters` });
  if (problems.length > 0 || !parsed.success) throw invalid(problems);

  const content = parsed.data as ContentOf<K>;
  const known = await knownReferences(em);
  for (const problem of documentChecks[kind](content, input.body, known)) {
    problems.push(problem.bodyLine === undefined
      ? { field: field(problem.path), message: problem.message }
      : { field: bodyField, message: `line ${problem.bodyLine}: ${problem.message}` });
  }
  if (problems.length > 0) throw invalid(problems);

  gate(content, input.body, field, bodyField);
  const payload: SubmissionPayload = { frontMatter: JSON.parse(JSON.stringify(content)) as Record<string, unknown>, body: input.body.trim() };
  return { content, payload, hash: documentHash(payload.frontMatter, payload.body) };
}

function invalid(problems: FieldProblem[]): HubError {
  const shown = problems.slice(0, 3).map((p) => `${p.field}: ${p.message}`).join('; ');
  return errors.badInput(`The submission is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${shown}${problems.length > 3 ? '; ...' : ''}`, problems);
}

/** Fields that hold codes and references from controlled lists, not prose: nothing there can identify anyone. */
const CONTROLLED_FIELDS = new Set(['anonymisationAllowances', 'topics', 'clauses', 'systemType', 'setting', 'standard', 'family', 'status', 'type', 'kind', 'version', 'lastReviewed', 'publishedOn', 'code', 'name', 'audience', 'related']);

/**
 * Runs the anonymisation gate over every prose field. A finding rejects the submission naming the field, line
 * and kind of identifier, never the identifier itself: error messages end up in logs and browser consoles.
 */
function gate(content: { anonymisationAllowances: { text: string; type: string }[] }, body: string, field: (path: (string | number)[]) => string, bodyField: string): void {
  const fields: FieldToScan[] = [];
  collectProse(content, [], fields, field);
  fields.push({ field: bodyField, text: body });
  const findings = scanFields(fields, content.anonymisationAllowances as Allowance[]);
  if (findings.length === 0) return;
  const problems = findings.map((f) => ({ field: f.field, message: `looks like a ${f.type.toLowerCase().replace(/_/g, ' ')} (${f.type}) at line ${f.line}, column ${f.column}: remove it, or add an anonymisation allowance explaining why it identifies no one` }));
  throw new HubError(ErrorCode.IDENTIFIER_DETECTED, `The submission appears to contain ${findings.length === 1 ? 'an identifier' : `${findings.length} identifiers`}; nothing was stored`, { problems });
}

function collectProse(value: unknown, path: (string | number)[], out: FieldToScan[], field: (path: (string | number)[]) => string): void {
  if (typeof value === 'string') out.push({ field: field(path), text: value });
  else if (Array.isArray(value)) value.forEach((item, i) => collectProse(item, [...path, i], out, field));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) if (!CONTROLLED_FIELDS.has(key)) collectProse(child, [...path, key], out, field);
  }
}

/** GraphQL input objects as plain JSON, without the nulls GraphQL uses for omitted optional fields. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** What a submission may refer to: the published documents, the current standards' clauses, the taxonomy. */
export async function knownReferences(em: Em): Promise<KnownReferences> {
  // One query after another: inside a transaction on PGlite there is a single connection to share.
  const topics = await em.find(TopicEntity, {});
  const standards = await em.find(StandardEntity, { published: true }, { orderBy: { publishedOn: 'desc' } });
  const guidance = await em.find(GuidanceArticleEntity, { published: true }, { fields: ['slug'] });
  const blueprints = await em.find(BlueprintEntity, { published: true }, { fields: ['slug'] });
  const safetyCases = await em.find(SafetyCaseEntity, { published: true }, { fields: ['slug'] });
  const current = standards.filter((s, i) => standards.findIndex((o) => o.code === s.code) === i);
  const clauses = await em.find(ClauseEntity, { standard: { $in: current.map((s) => s.id) } }, { populate: ['standard'] });
  const vocabulary = (name: string) => new Set(topics.filter((t) => t.vocabulary === name).map((t) => t.code));
  return {
    vocabularies: topics.length ? { topics: vocabulary('TOPIC'), systemTypes: vocabulary('SYSTEM_TYPE'), settings: vocabulary('SETTING'), hazardFamilies: vocabulary('HAZARD_FAMILY') } : null,
    clauseRefs: new Set(clauses.map((c) => `${c.standard.code} ${c.number}`)),
    standardCodes: new Set(current.map((s) => s.code)),
    guidanceSlugs: new Set(guidance.map((g) => g.slug)),
    blueprintSlugs: new Set(blueprints.map((b) => b.slug)),
    safetyCaseSlugs: new Set(safetyCases.map((s) => s.slug)),
  };
}
