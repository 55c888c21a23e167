import { z } from 'zod';
import { BLUEPRINT_KINDS, } from '../blueprints/blueprint.entity.js';
import { VARIABLE_TYPES } from '../blueprints/blueprint-version.entity.js';
import { CONTROL_TYPES, HAZARD_STATUSES } from '../safety-cases/hazard.entity.js';
import { LIKELIHOODS, SEVERITIES } from '../risk/risk-matrix.js';
import { OBLIGATIONS, PARTIES } from '../standards/clause.entity.js';
import { EFFECT_DIRECTIONS, EVIDENCE_STRENGTHS, STUDY_DESIGNS } from '../learning/evidence-item.entity.js';
import { EVENT_TYPES, PHYSICAL_HARM_LEVELS, PSYCHOLOGICAL_HARM_LEVELS } from '../learning/safety-learning.entity.js';
import { COMPETENCY_LEVELS, PILLAR_IDS } from '../competencies/competency-levels.js';
import { TRAINING_FORMATS } from '../training/training-resource.entity.js';

/**
 * The front matter schema of every content type (content/README.md documents it for writers). Ingest and the
 * submission mutations validate with these same schemas, so a document is either valid everywhere or nowhere.
 */
const text = (max: number) => z.string({ required_error: 'is required', invalid_type_error: 'must be text' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const isoDate = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'is not a real calendar date');
const quotedString = (what: string) =>
  z.string({ required_error: 'is required', invalid_type_error: `must be a quoted string, e.g. "${what}" (unquoted numbers lose digits)` });
const slugList = z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and hyphens')).default([]);
export const clauseRef = z.string().regex(/^DCB\d{4} \d+(\.\d+)*$/, 'must be a clause reference like "DCB0129 2.3.1"');

export const IDENTIFIER_TYPES = ['NHS_NUMBER', 'POSTCODE', 'PHONE_NUMBER', 'EMAIL', 'DATE_OF_BIRTH', 'PERSON_NAME', 'LOCAL_PATIENT_ID', 'NI_NUMBER', 'PROFESSIONAL_ID'] as const;

export const anonymisationAllowance = z.object({
  text: text(200),
  type: z.enum(IDENTIFIER_TYPES),
  justification: text(1000).refine((value) => value.split(/\s+/).length >= 5, 'must explain in a sentence why this is not an identifier'),
}).strict();

const common = {
  title: text(160),
  summary: text(400),
  topics: slugList,
  lastReviewed: isoDate,
  anonymisationAllowances: z.array(anonymisationAllowance).default([]),
};

export const clauseSchema = z.object({
  number: quotedString('2.3.1').regex(/^\d+(\.\d+)*$/, 'must be digits separated by dots, e.g. "2.3.1"'),
  title: text(200),
  summary: text(1200),
  obligation: z.enum(OBLIGATIONS).optional(),
  binds: z.array(z.enum(PARTIES)).default([]),
  counterpart: quotedString('2.3.1').regex(/^\d+(\.\d+)*$/, 'must be a clause number of the other standard').optional(),
}).strict();

export const standardSchema = z.object({
  ...common,
  code: z.string().regex(/^DCB\d{4}$/, 'must be a standard code like DCB0129'),
  version: quotedString('4.2'),
  guidanceVersion: quotedString('3.2').optional(),
  amendment: z.string().optional(),
  publishedOn: isoDate,
  effectiveFrom: isoDate.optional(),
  appliesTo: text(400),
  clauses: z.array(clauseSchema).min(1, 'must list the clauses'),
}).strict();

export const guidanceSchema = z.object({
  ...common,
  clauses: z.array(clauseRef).min(1, 'must list at least one clause the article explains'),
  audience: z.array(z.enum(['CSO', 'MANUFACTURER', 'HEALTH_ORGANISATION', 'TOP_MANAGEMENT', 'CLINICIAN', 'DEVELOPER', 'PROJECT_MANAGER'])).default([]),
  related: z.object({ guidance: slugList, blueprints: slugList }).strict().default({}),
}).strict();

const risk = z.object({
  severity: z.enum(SEVERITIES),
  likelihood: z.enum(LIKELIHOODS),
  rating: z.number({ invalid_type_error: 'must be a number from 1 to 5' }).int().min(1).max(5),
}).strict();

export const hazardSchema = z.object({
  code: z.string().regex(/^[A-Z]{1,4}-?\d{1,4}$/, 'must be a hazard id like H-001'),
  title: text(200),
  family: z.string(),
  description: text(2000),
  causes: z.array(text(600)).min(1, 'must list at least one cause'),
  effects: z.array(text(600)).min(1, 'must list at least one effect (the clinical impact)'),
  controls: z.array(z.object({ description: text(800), type: z.enum(CONTROL_TYPES) }).strict()).min(1, 'must list at least one control'),
  initialRisk: risk,
  residualRisk: risk,
  status: z.enum(HAZARD_STATUSES),
  clauses: z.array(clauseRef).default([]),
}).strict();

export const variableSchema = z.object({
  name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be camelCase letters and digits, e.g. productName'),
  type: z.enum(VARIABLE_TYPES),
  required: z.boolean().default(false),
  default: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  description: text(400),
  options: z.array(z.string()).optional(),
}).strict().superRefine((variable, ctx) => {
  if (variable.type === 'ENUM' && (!variable.options || variable.options.length === 0)) ctx.addIssue({ code: 'custom', path: ['options'], message: 'an ENUM variable must list its options' });
  if (variable.type !== 'ENUM' && variable.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only ENUM variables have options' });
});

export const blueprintVersionSchema = z.object({
  ...common,
  kind: z.enum(BLUEPRINT_KINDS),
  version: quotedString('1.0.0').regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/, 'must be a semantic version like 1.2.0'),
  publishedOn: isoDate,
  changelog: text(4000),
  clauses: z.array(clauseRef).min(1, 'must list the clauses the template helps satisfy'),
  licence: text(300).optional(),
  variables: z.array(variableSchema).default([]),
  hazards: z.array(hazardSchema).default([]),
}).strict();

export const safetyCaseSchema = z.object({
  ...common,
  systemType: z.string(),
  setting: z.string(),
  standard: z.string().regex(/^DCB\d{4}$/, 'must be DCB0129 or DCB0160'),
  lifecyclePhase: text(100),
  organisation: text(300),
  clauses: z.array(clauseRef).default([]),
  hazards: z.array(hazardSchema).min(1, 'must list the hazards'),
}).strict();

/** A month, `YYYY-MM`: learnings keep no finer date, so an account cannot be matched to a patient's visit. */
const month = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a month written YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM, e.g. 2025-03')
  .refine((value) => value <= new Date().toISOString().slice(0, 7), 'is in the future');

export const safetyLearningSchema = z.object({
  ...common,
  eventType: z.enum(EVENT_TYPES),
  physicalHarm: z.enum(PHYSICAL_HARM_LEVELS),
  psychologicalHarm: z.enum(PSYCHOLOGICAL_HARM_LEVELS),
  systemType: z.string(),
  setting: z.string(),
  occurred: month,
  hazardFamilies: z.array(z.string()).min(1, 'must list at least one hazard family the event bears on'),
  clauses: z.array(clauseRef).default([]),
  blueprints: slugList,
}).strict();

export const evidenceItemSchema = z.object({
  ...common,
  intervention: text(400),
  systemType: z.string().optional(),
  setting: z.string().optional(),
  outcomeMeasure: text(400),
  effect: text(800),
  effectDirection: z.enum(EFFECT_DIRECTIONS),
  strength: z.enum(EVIDENCE_STRENGTHS),
  studyDesign: z.enum(STUDY_DESIGNS),
  source: z.object({
    citation: text(600),
    year: z.number({ required_error: 'is required', invalid_type_error: 'must be a year, e.g. 2013' }).int().min(1950).max(2100),
    url: z.string().url('must be a full URL').optional(),
  }).strict(),
  hazardFamilies: z.array(z.string()).min(1, 'must list the hazard families the technology addresses'),
}).strict();

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and hyphens');
const levelDescriptor = z.object({
  descriptor: text(400),
  indicators: z.array(text(300)).min(1, 'must list at least one observable indicator'),
}).strict();

export const competencySchema = z.object({
  id: slug,
  title: text(160),
  summary: text(400),
  guidance: z.array(slug).min(1, 'must link at least one guidance article'),
  training: slugList,
  levels: z.object({ FOUNDATION: levelDescriptor, PRACTITIONER: levelDescriptor, EXPERT: levelDescriptor }).strict(),
}).strict();

export const competencyFrameworkSchema = z.object({
  ...common,
  levels: z.array(z.object({ id: z.enum(COMPETENCY_LEVELS), label: text(80), definition: text(600) }).strict()).length(COMPETENCY_LEVELS.length, `must describe the levels ${COMPETENCY_LEVELS.join(', ')}`),
  pillars: z.array(z.object({
    id: z.enum(PILLAR_IDS),
    title: text(80),
    summary: text(400),
    guidance: slug,
    competencies: z.array(competencySchema).min(1, 'must list the pillar\'s competencies'),
  }).strict()).length(PILLAR_IDS.length, `must describe the five pillars: ${PILLAR_IDS.join(', ')}`),
}).strict();

export const trainingResourceSchema = z.object({
  ...common,
  provider: text(200),
  format: z.enum(TRAINING_FORMATS),
  level: z.enum(COMPETENCY_LEVELS),
  competencies: z.array(slug).min(1, 'must list the framework competencies the resource helps with'),
  cost: text(300).optional(),
  duration: text(200).optional(),
  url: z.string().url('must be a full URL').optional(),
}).strict();

const vocabularyEntry = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]+$/), label: text(200) }).strict();
export const taxonomySchema = z.object({
  topics: z.array(vocabularyEntry),
  systemTypes: z.array(vocabularyEntry),
  settings: z.array(vocabularyEntry),
  hazardFamilies: z.array(vocabularyEntry),
}).strict();

export const glossarySchema = z.object({
  title: text(160),
  summary: text(400),
  lastReviewed: isoDate,
  terms: z.array(z.object({ term: text(80), expansion: text(200), definition: text(2000), synonyms: z.array(z.string()).default([]) }).strict()).min(1),
}).strict();

const category = z.object({ id: z.string(), label: text(80), definition: text(1000) }).strict();
export const riskMatrixSchema = z.object({
  title: text(160),
  summary: text(400),
  lastReviewed: isoDate,
  likelihoods: z.array(category).length(5, 'must list the five likelihood categories'),
  severities: z.array(category).length(5, 'must list the five severity categories'),
  ratings: z.array(z.object({ rating: z.number().int().min(1).max(5), label: text(80), acceptability: text(1000) }).strict()).length(5, 'must describe ratings 1 to 5'),
  matrix: z.record(z.string(), z.record(z.string(), z.number().int().min(1).max(5))),
}).strict();

export type StandardContent = z.infer<typeof standardSchema>;
export type ClauseContent = z.infer<typeof clauseSchema>;
export type GuidanceContent = z.infer<typeof guidanceSchema>;
export type BlueprintVersionContent = z.infer<typeof blueprintVersionSchema>;
export type SafetyCaseContent = z.infer<typeof safetyCaseSchema>;
export type HazardSchemaContent = z.infer<typeof hazardSchema>;
export type TaxonomyContent = z.infer<typeof taxonomySchema>;
export type GlossaryContent = z.infer<typeof glossarySchema>;
export type RiskMatrixFileContent = z.infer<typeof riskMatrixSchema>;
export type SafetyLearningContent = z.infer<typeof safetyLearningSchema>;
export type EvidenceItemContent = z.infer<typeof evidenceItemSchema>;
export type CompetencyFrameworkFileContent = z.infer<typeof competencyFrameworkSchema>;
export type TrainingResourceContent = z.infer<typeof trainingResourceSchema>;
