import type { Em } from '../../db/createOrm.js';
import { AnonymisationAllowanceEntity } from '../anonymisation/anonymisation-allowance.entity.js';
import type { Blueprint } from '../blueprints/blueprint.entity.js';
import { BlueprintVersionEntity, type BlueprintVersion } from '../blueprints/blueprint-version.entity.js';
import { parseSemver } from '../blueprints/semver.js';
import { contentHash } from '../audit/audit-chain.js';
import { HazardEntity } from '../safety-cases/hazard.entity.js';
import type { SafetyCase } from '../safety-cases/safety-case.entity.js';
import type { BlueprintVersionContent, GuidanceContent, SafetyCaseContent } from './content-schema.js';

/**
 * How a document is stored, whether it came from content/ (ingest) or through review (a published
 * submission): both paths write the same columns the same way.
 */
export type Origin = 'INGEST' | 'REVIEW';

export interface StoredFrom {
  contentHash: string;
  sourcePath: string;
  origin: Origin;
}

export const DEFAULT_LICENCE = 'Open Government Licence v3.0. Adapted from DCS Hub (Digital Clinical Safety Hub) blueprints; check it against the current DCB0129/DCB0160 before use.';

/**
 * The hash of a document's meaning rather than its bytes: validated front matter and trimmed body in RFC 8785
 * form. A reviewed document carries this hash, so ingest can tell when a content/ file has caught up with it.
 */
export function documentHash(frontMatter: unknown, body: string): string {
  return contentHash({ frontMatter: JSON.parse(JSON.stringify(frontMatter)), body: body.trim() });
}

export function safetyCaseColumns(slug: string, c: SafetyCaseContent, body: string, from: StoredFrom) {
  return {
    slug, title: c.title, summary: c.summary, body: body.trim(), systemType: c.systemType, setting: c.setting, standardCode: c.standard,
    lifecyclePhase: c.lifecyclePhase, organisation: c.organisation, topics: c.topics, clauseRefs: c.clauses, lastReviewed: c.lastReviewed,
    ...from, published: true,
  };
}

/** Replaces a safety case's hazard log; returns the codes it had before, so removed hazards leave the index. */
export async function replaceHazards(em: Em, safetyCase: SafetyCase, hazards: SafetyCaseContent['hazards'], isNew: boolean): Promise<string[]> {
  let previousCodes: string[] = [];
  if (!isNew) {
    const old = await em.find(HazardEntity, { safetyCase });
    previousCodes = old.map((h) => h.code);
    old.forEach((h) => em.remove(h));
    await em.flush();
  }
  hazards.forEach((h, position) => em.create(HazardEntity, { safetyCase, ...hazardColumns(h, position) }));
  return previousCodes;
}

/** A hazard's columns but its safety case. */
export function hazardColumns(h: SafetyCaseContent['hazards'][number], position: number) {
  return {
    position, code: h.code, title: h.title, family: h.family, description: h.description, causes: h.causes, effects: h.effects,
    controls: h.controls, initialSeverity: h.initialRisk.severity, initialLikelihood: h.initialRisk.likelihood, initialRating: h.initialRisk.rating,
    residualSeverity: h.residualRisk.severity, residualLikelihood: h.residualRisk.likelihood, residualRating: h.residualRisk.rating, status: h.status,
    clauseRefs: h.clauses,
  };
}

export function guidanceColumns(slug: string, c: GuidanceContent, body: string, from: StoredFrom) {
  return {
    slug, title: c.title, summary: c.summary, body: body.trim(), topics: c.topics, audience: c.audience, clauseRefs: c.clauses,
    relatedGuidance: c.related.guidance, relatedBlueprints: c.related.blueprints, lastReviewed: c.lastReviewed, ...from, published: true,
  };
}

export function createBlueprintVersion(em: Em, blueprint: Blueprint, c: BlueprintVersionContent, template: string, from: StoredFrom): BlueprintVersion {
  return em.create(BlueprintVersionEntity, { blueprint, ...blueprintVersionColumns(c, template, from), createdAt: new Date() });
}

/** A blueprint version's columns but its blueprint and creation time. */
export function blueprintVersionColumns(c: BlueprintVersionContent, template: string, from: StoredFrom) {
  const semver = parseSemver(c.version)!;
  return {
    version: c.version, ...semver, title: c.title, summary: c.summary, changelog: c.changelog.trim(), template: template.trim(),
    variables: c.variables.map((v) => ({ ...v, required: v.required ?? false })), hazards: c.hazards, clauseRefs: c.clauses, topics: c.topics,
    licence: c.licence ?? DEFAULT_LICENCE, publishedOn: c.publishedOn, ...from, withdrawn: false,
  };
}

/** `mayHaveStored: false` skips the delete, for a caller that knows the document has no stored allowances. */
export async function replaceAllowances(
  em: Em, kind: string, key: string, allowances: { text: string; type: string; justification: string }[], mayHaveStored = true,
): Promise<void> {
  if (mayHaveStored) await em.nativeDelete(AnonymisationAllowanceEntity, { documentKind: kind, documentKey: key });
  for (const allowance of allowances) em.create(AnonymisationAllowanceEntity, { documentKind: kind, documentKey: key, ...allowance, createdAt: new Date() });
}
