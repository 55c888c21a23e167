import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.js';
import {
  blueprintProposalInput, createKey, guidanceCorrectionInput, PROPOSE_BLUEPRINT_VERSION, REVIEW_SUBMISSION, safetyCaseInput, SUBMIT_GUIDANCE_CORRECTION, SUBMIT_SAFETY_CASE,
} from '../support/contributions.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

type Headers = Record<string, string>;
interface Submitted { id: string; status: string; targetKey: string; contentHash: string; revision: number; authorName: string }

describe('contributions: submit over GraphQL, review, publish', () => {
  let server: TestServer;
  let contributor: Headers;
  let editor: Headers;

  beforeAll(async () => {
    server = await startTestServer();
    contributor = (await createKey(server.hub, 'CONTRIBUTOR', 'Acme Health supplier team')).headers;
    editor = (await createKey(server.hub, 'EDITOR', 'Hub editor')).headers;
  });
  afterAll(async () => {
    await server?.close();
  });

  const submitCase = (input: Record<string, unknown>, headers: Headers, revises?: string) =>
    server.graphql<{ submitSafetyCase: Submitted }>(SUBMIT_SAFETY_CASE, { input, revises }, headers);
  const review = (id: string, decision: string, comment?: string) =>
    server.graphql<{ reviewSubmission: { status: string; reviews: { decision: string; comment: string | null; reviewerName: string }[] } }>(REVIEW_SUBMISSION, { id, decision, comment }, editor);

  it('publishes a contributor\'s safety case once an editor approves it; anonymous readers and search then find it', async () => {
    const submitted = await submitCase(safetyCaseInput('nebuliser-telemetry-gateway'), contributor);
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitSafetyCase).toMatchObject({ status: 'DRAFT', targetKey: 'nebuliser-telemetry-gateway', revision: 1, authorName: 'Acme Health supplier team' });
    const id = submitted.data!.submitSafetyCase.id;

    const beforeApproval = await server.graphql<{ safetyCase: unknown }>('query($slug: String!) { safetyCase(slug: $slug) { slug } }', { slug: 'nebuliser-telemetry-gateway' });
    expect(beforeApproval.data!.safetyCase).toBeNull();

    const queue = await server.graphql<{ submissionsForReview: { totalCount: number; edges: { node: { id: string } }[] } }>('{ submissionsForReview { totalCount edges { node { id } } } }', {}, editor);
    expect(queue.data!.submissionsForReview.edges.map((e) => e.node.id)).toContain(id);

    const approved = await review(id, 'APPROVE', 'Clear hazard analysis; thank you.');
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.reviewSubmission).toMatchObject({ status: 'APPROVED', reviews: [{ decision: 'APPROVE', comment: 'Clear hazard analysis; thank you.', reviewerName: 'Hub editor' }] });

    const published = await server.graphql<{ safetyCase: { title: string; hazards: { code: string; initialRisk: { rating: number } }[] } }>(
      'query($slug: String!) { safetyCase(slug: $slug) { title hazards { code initialRisk { rating } } } }', { slug: 'nebuliser-telemetry-gateway' },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data!.safetyCase).toMatchObject({ title: expect.stringContaining('Nebuliser telemetry gateway'), hazards: [{ code: 'H-001', initialRisk: { rating: 3 } }] });

    const search = await server.graphql<{ search: { edges: { node: { document: { slug: string; kind: string } } }[] } }>(
      '{ search(query: "nebuliser telemetry gateway") { edges { node { document { slug kind } } } } }',
    );
    expect(search.errors).toBeUndefined();
    expect(search.data!.search.edges.map((e) => e.node.document.slug)).toContain('nebuliser-telemetry-gateway');

    const em = server.hub.db.orm.em.fork();
    const [stored] = await em.execute<{ origin: string; source_path: string; content_hash: string }[]>("select origin, source_path, content_hash from safety_case where slug = 'nebuliser-telemetry-gateway'");
    expect(stored).toMatchObject({ origin: 'REVIEW', source_path: expect.stringMatching(/^review:submission\//), content_hash: submitted.data!.submitSafetyCase.contentHash });
    const revisions = await em.execute<{ source: string; action: string }[]>("select source, action from revision where document_kind = 'SAFETY_CASE' and document_key = 'nebuliser-telemetry-gateway'");
    expect(revisions).toEqual([{ source: 'REVIEW', action: 'CREATED' }]);
    const outbox = await em.execute<{ document_kind: string }[]>("select document_kind from search_outbox where document_key in ('nebuliser-telemetry-gateway', 'nebuliser-telemetry-gateway/H-001') order by id");
    expect(outbox.map((r) => r.document_kind)).toEqual(['SAFETY_CASE', 'HAZARD']);

    const audit = await em.execute<{ action: string; actor_name: string; actor_role: string; target_kind: string; after_hash: string }[]>(
      "select action, actor_name, actor_role, target_kind, after_hash from audit_log where action in ('SUBMISSION_CREATED', 'SUBMISSION_APPROVE', 'DOCUMENT_PUBLISHED') order by id",
    );
    expect(audit.slice(0, 3)).toMatchObject([
      { action: 'SUBMISSION_CREATED', actor_name: 'Acme Health supplier team', actor_role: 'CONTRIBUTOR', target_kind: 'SUBMISSION' },
      { action: 'SUBMISSION_APPROVE', actor_name: 'Hub editor', actor_role: 'EDITOR' },
      { action: 'DOCUMENT_PUBLISHED', actor_name: 'Hub editor', target_kind: 'SAFETY_CASE', after_hash: submitted.data!.submitSafetyCase.contentHash },
    ]);
    const chain = await verifyAuditChain(em);
    expect(chain).toMatchObject({ ok: true, firstBroken: null });
    expect(chain.checked).toBe(chain.total);
  });

  it('names every invalid field with its path, including a rating that disagrees with the risk matrix, and stores nothing', async () => {
    const input = safetyCaseInput('bad-ratings', {
      lastReviewed: '2026-02-30',
      setting: 'SPACE_STATION',
      hazards: [{ ...safetyCaseInput('x').hazards[0], initialRisk: { severity: 'MAJOR', likelihood: 'MEDIUM', rating: 5 } }],
    });
    const result = await submitCase(input, contributor);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.lastReviewed', message: 'is not a real calendar date' }] });
    const again = await submitCase({ ...input, lastReviewed: '2026-02-28' }, contributor);
    const problems = again.errors?.[0].extensions?.problems as { field: string; message: string }[];
    expect(problems).toEqual(expect.arrayContaining([
      { field: 'input.setting', message: expect.stringContaining('unknown setting "SPACE_STATION"') },
      { field: 'input.hazards[0].initialRisk.rating', message: expect.stringContaining('disagrees with the risk matrix: MAJOR x MEDIUM is 3') },
    ]));
    const [{ count }] = await server.hub.db.orm.em.fork().execute<{ count: string }[]>("select count(*) from submission where target_key = 'bad-ratings'");
    expect(Number(count)).toBe(0);
  });

  it('rejects a submission carrying a patient identifier, naming field and type but never the identifier', async () => {
    const hazard = { ...safetyCaseInput('x').hazards[0], description: 'The gateway filed NHS number 943 476 5919 under the wrong patient record.' };
    const result = await submitCase(safetyCaseInput('identifier-leak', { hazards: [hazard] }), contributor);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'IDENTIFIER_DETECTED', problems: [{ field: 'input.hazards[0].description', message: expect.stringContaining('NHS_NUMBER') }] });
    const text = JSON.stringify(result);
    expect(text).not.toContain('943 476 5919');
    expect(text).not.toContain('9434765919');
    const [{ count }] = await server.hub.db.orm.em.fork().execute<{ count: string }[]>("select count(*) from submission where target_key = 'identifier-leak'");
    expect(Number(count)).toBe(0);
  });

  it('sends a submission back for changes; the author revises it and the revision is what gets published', async () => {
    const first = await submitCase(safetyCaseInput('revised-case'), contributor);
    const id = first.data!.submitSafetyCase.id;
    const sentBack = await review(id, 'REQUEST_CHANGES', 'Say how the pairing expiry was tested.');
    expect(sentBack.data!.reviewSubmission.status).toBe('CHANGES_REQUESTED');
    expect((await review(id, 'APPROVE')).errors?.[0].extensions?.code).toBe('CONFLICT');

    const withoutComment = await review(id, 'REJECT');
    expect(withoutComment.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'comment' }] });

    const revisedInput = safetyCaseInput('revised-case', { summary: 'Fictional DCB0160 safety case; pairing expiry verified in bed-move test scenarios.' });
    const revised = await submitCase(revisedInput, contributor, id);
    expect(revised.errors).toBeUndefined();
    expect(revised.data!.submitSafetyCase).toMatchObject({ id, status: 'DRAFT', revision: 2 });
    expect((await review(id, 'APPROVE')).data!.reviewSubmission.status).toBe('APPROVED');
    const published = await server.graphql<{ safetyCase: { summary: string } }>('{ safetyCase(slug: "revised-case") { summary } }');
    expect(published.data!.safetyCase.summary).toContain('pairing expiry verified');
  });

  it('publishes a guidance correction as a new REVIEW revision of the article', async () => {
    const submitted = await server.graphql<{ submitGuidanceCorrection: Submitted }>(SUBMIT_GUIDANCE_CORRECTION, { slug: 'ai-and-clinical-safety', input: guidanceCorrectionInput() }, contributor);
    expect(submitted.errors).toBeUndefined();
    expect((await review(submitted.data!.submitGuidanceCorrection.id, 'APPROVE')).errors).toBeUndefined();
    const article = await server.graphql<{ guidance: { summary: string } }>('{ guidance(slug: "ai-and-clinical-safety") { summary } }');
    expect(article.data!.guidance.summary).toContain('corrected for clarity');

    const unknown = await server.graphql(SUBMIT_GUIDANCE_CORRECTION, { slug: 'no-such-article', input: guidanceCorrectionInput() }, contributor);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'slug' }] });
  });

  it('publishes a proposed blueprint version as the blueprint\'s latest; an older or existing version is refused', async () => {
    const stale = await server.graphql(PROPOSE_BLUEPRINT_VERSION, { blueprint: 'change-impact-assessment', input: blueprintProposalInput('1.0.0') }, contributor);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.version' }] });
    const wrongKind = await server.graphql(PROPOSE_BLUEPRINT_VERSION, { blueprint: 'change-impact-assessment', input: blueprintProposalInput('2.0.0', { kind: 'CRMP' }) }, contributor);
    expect(wrongKind.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'input.kind' }] });
    const undeclared = await server.graphql(PROPOSE_BLUEPRINT_VERSION, { blueprint: 'change-impact-assessment', input: blueprintProposalInput('2.0.0', { template: 'Assessed by {{assessor}}' }) }, contributor);
    expect((undeclared.errors?.[0].extensions?.problems as { field: string }[]).map((p) => p.field)).toContain('input.template');

    const proposed = await server.graphql<{ proposeBlueprintVersion: Submitted }>(PROPOSE_BLUEPRINT_VERSION, { blueprint: 'change-impact-assessment', input: blueprintProposalInput('2.0.0') }, contributor);
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.proposeBlueprintVersion.targetKey).toBe('change-impact-assessment@2.0.0');
    expect((await review(proposed.data!.proposeBlueprintVersion.id, 'APPROVE')).errors).toBeUndefined();
    const blueprint = await server.graphql<{ blueprint: { latestVersion: string; summary: string } }>('{ blueprint(slug: "change-impact-assessment") { latestVersion summary } }');
    expect(blueprint.data!.blueprint).toMatchObject({ latestVersion: '2.0.0', summary: expect.stringContaining('shorter change impact assessment') });
  });
});
