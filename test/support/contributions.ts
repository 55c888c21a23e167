import { commandLineActor } from '../../src/modules/audit/audit.service.js';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service.js';
import type { KeyRole } from '../../src/modules/auth/roles.js';
import type { HubServices } from '../../src/hub.js';

/** Keys for tests, made the way `dcs-hub keys create` makes them. */
export async function createKey(hub: HubServices, role: KeyRole, name: string): Promise<{ key: string; prefix: string; headers: Record<string, string> }> {
  const { key, record } = await new ApiKeysService(hub.db.orm.em.fork()).create(commandLineActor(), { role, name });
  return { key, prefix: record.prefix, headers: { authorization: `Bearer ${key}` } };
}

export async function revokeKey(hub: HubServices, prefix: string): Promise<void> {
  await new ApiKeysService(hub.db.orm.em.fork()).revoke(commandLineActor(), prefix);
}

/** A valid, anonymised safety case submission; `overrides` replace top-level fields. */
export function safetyCaseInput(slug: string, overrides: Record<string, unknown> = {}) {
  return {
    slug,
    title: 'Nebuliser telemetry gateway for respiratory wards, deployment safety case',
    summary: 'Fictional DCB0160 safety case for connecting ward nebulisers to the electronic record through a telemetry gateway.',
    topics: ['safety-case', 'deployment'],
    lastReviewed: '2026-10-01',
    systemType: 'REMOTE_MONITORING',
    setting: 'ACUTE_HOSPITAL',
    standard: 'DCB0160',
    lifecyclePhase: 'Deployment',
    organisation: 'A fictional acute hospital trust',
    clauses: ['DCB0160 4.3.1'],
    hazards: [
      {
        code: 'H-001',
        title: 'Nebuliser session recorded against the wrong patient',
        family: 'wrong-patient',
        description: 'The gateway pairs a nebuliser with the previous patient in the bed space, so the session is filed in the wrong record.',
        causes: ['Device not unpaired when a patient moves bed'],
        effects: ['Treatment history wrong for two patients'],
        controls: [{ description: 'Pairing expires when the patient is transferred out of the bed space.', type: 'DESIGN' }],
        initialRisk: { severity: 'MAJOR', likelihood: 'MEDIUM', rating: 3 },
        residualRisk: { severity: 'MAJOR', likelihood: 'VERY_LOW', rating: 2 },
        status: 'CLOSED',
        clauses: ['DCB0160 4.3.1'],
      },
    ],
    body: '## Scope\n\nThe telemetry gateway sends nebuliser session data to the ward record. See [DCB0160 4.3.1](/standards/DCB0160/4.3.1).',
    ...overrides,
  };
}

export function guidanceCorrectionInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'AI clinical safety: hazard analysis for machine learning and decision support',
    summary: 'How clinical safety officers apply DCB0129 and DCB0160 to AI products, corrected for clarity.',
    topics: ['ai', 'hazard-identification'],
    lastReviewed: '2026-10-02',
    clauses: ['DCB0129 4.3.1', 'DCB0160 4.3.1'],
    audience: ['CSO'],
    body: '## The same standards, new failure modes\n\nAI products fail in ways that older software does not: their performance drifts as the population changes.',
    ...overrides,
  };
}

export function blueprintProposalInput(version: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Clinical Safety Change Impact Assessment',
    summary: 'A shorter change impact assessment template for low-risk configuration changes.',
    kind: 'CHANGE_IMPACT',
    version,
    publishedOn: '2026-10-01',
    changelog: 'Adds a short form for configuration changes that screening puts at level 0 or 1.',
    topics: ['change-management'],
    lastReviewed: '2026-10-01',
    clauses: ['DCB0129 7.3.1'],
    variables: [{ name: 'productName', type: 'STRING', required: true, description: 'The health IT system being changed.' }],
    template: '# Change impact assessment: {{productName}}\n\nDescribe the change and the hazards it touches.',
    ...overrides,
  };
}

export const SUBMIT_SAFETY_CASE = `mutation($input: SafetyCaseSubmissionInput!, $revises: ID) {
  submitSafetyCase(input: $input, revises: $revises) { id status targetKey contentHash revision authorName }
}`;
export const SUBMIT_GUIDANCE_CORRECTION = `mutation($slug: String!, $input: GuidanceCorrectionInput!, $revises: ID) {
  submitGuidanceCorrection(slug: $slug, input: $input, revises: $revises) { id status targetKey revision }
}`;
export const PROPOSE_BLUEPRINT_VERSION = `mutation($blueprint: String!, $input: BlueprintVersionProposalInput!, $revises: ID) {
  proposeBlueprintVersion(blueprint: $blueprint, input: $input, revises: $revises) { id status targetKey revision }
}`;
export const REVIEW_SUBMISSION = `mutation($id: ID!, $decision: ReviewDecision!, $comment: String) {
  reviewSubmission(id: $id, decision: $decision, comment: $comment) { id status reviews { decision comment reviewerName } }
}`;
