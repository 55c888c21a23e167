import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.js';
import { IngestError, ingestContent } from '../../src/modules/ingest/ingest.service.js';
import {
  blueprintProposalInput, createKey, guidanceCorrectionInput, PROPOSE_BLUEPRINT_VERSION, REVIEW_SUBMISSION, safetyCaseInput, SUBMIT_GUIDANCE_CORRECTION,
  SUBMIT_SAFETY_CASE,
} from '../support/contributions.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/** Content published from content/ and through review live side by side; ingest never overwrites a reviewed revision unnoticed. */
describe('ingest alongside reviewed content', () => {
  let server: TestServer;
  let contentDir: string;
  let contributor: Record<string, string>;
  let editor: Record<string, string>;
  const articleFile = () => join(contentDir, 'guidance', 'ai-and-clinical-safety.md');
  const ingest = () => ingestContent(server.hub, { contentDir, onChanges: server.hub.search.indexChanges });
  const em = () => server.hub.db.orm.em.fork();

  async function publish(mutation: string, variables: Record<string, unknown>, field: string): Promise<void> {
    const submitted = await server.graphql<Record<string, { id: string }>>(mutation, variables, contributor);
    expect(submitted.errors).toBeUndefined();
    const approved = await server.graphql(REVIEW_SUBMISSION, { id: submitted.data![field].id, decision: 'APPROVE' }, editor);
    expect(approved.errors).toBeUndefined();
  }

  beforeAll(async () => {
    contentDir = await mkdtemp(join(tmpdir(), 'dcs-hub-content-'));
    await cp('content', contentDir, { recursive: true });
    server = await startTestServer({ contentDir });
    contributor = (await createKey(server.hub, 'CONTRIBUTOR', 'Trust CSO')).headers;
    editor = (await createKey(server.hub, 'EDITOR', 'Hub editor')).headers;
    await publish(SUBMIT_GUIDANCE_CORRECTION, { slug: 'ai-and-clinical-safety', input: guidanceCorrectionInput() }, 'submitGuidanceCorrection');
    await publish(SUBMIT_SAFETY_CASE, { input: safetyCaseInput('reviewed-gateway-case') }, 'submitSafetyCase');
    await publish(PROPOSE_BLUEPRINT_VERSION, { blueprint: 'change-impact-assessment', input: blueprintProposalInput('2.0.0') }, 'proposeBlueprintVersion');
  });
  afterAll(async () => {
    await server?.close();
    if (contentDir) await rm(contentDir, { recursive: true, force: true });
  });

  it('keeps every reviewed revision when content/ has not changed, and records the run in the audit log', async () => {
    const report = await ingest();
    expect(report.added + report.updated + report.unpublished).toBe(0);
    const [article] = await em().execute<{ origin: string; summary: string }[]>("select origin, summary from guidance_article where slug = 'ai-and-clinical-safety'");
    expect(article).toMatchObject({ origin: 'REVIEW', summary: expect.stringContaining('corrected for clarity') });
    const [safetyCase] = await em().execute<{ origin: string; published: boolean }[]>("select origin, published from safety_case where slug = 'reviewed-gateway-case'");
    expect(safetyCase).toEqual({ origin: 'REVIEW', published: true });
    const blueprint = await server.graphql<{ blueprint: { latestVersion: string } }>('{ blueprint(slug: "change-impact-assessment") { latestVersion } }');
    expect(blueprint.data!.blueprint.latestVersion).toBe('2.0.0');
    const [version] = await em().execute<{ withdrawn: boolean }[]>("select withdrawn from blueprint_version where version = '2.0.0'");
    expect(version.withdrawn).toBe(false);

    const runs = await em().execute<{ actor_name: string; summary: string }[]>("select actor_name, summary from audit_log where action = 'INGEST' order by id");
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({ actor_name: 'ingest', summary: expect.stringMatching(/^0 added, 0 updated, \d+ unchanged, 0 unpublished/) });
    expect((await verifyAuditChain(em())).ok).toBe(true);
  });

  it('reports a conflict, and changes nothing, when a file changed after its document was published through review', async () => {
    const original = await readFile(articleFile(), 'utf8');
    await writeFile(articleFile(), `${original}\nA paragraph added in content/ after the reviewed correction.\n`);
    const failure = await ingest().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IngestError);
    expect((failure as IngestError).message).toMatch(/guidance\/ai-and-clinical-safety\.md:1: guidance "ai-and-clinical-safety" was published through review/);
    const [article] = await em().execute<{ summary: string }[]>("select summary from guidance_article where slug = 'ai-and-clinical-safety'");
    expect(article.summary).toContain('corrected for clarity');
  });

  it('reports a content/ file that claims a reviewed safety case\'s slug, and a file for a reviewed blueprint version that differs', async () => {
    await writeFile(articleFile(), await readFile(join('content', 'guidance', 'ai-and-clinical-safety.md'), 'utf8'));
    await cp(join('content', 'safety-cases', 'community-eobs.md'), join(contentDir, 'safety-cases', 'reviewed-gateway-case.md'));
    const versionFile = join(contentDir, 'blueprints', 'change-impact-assessment', '2.0.0.md');
    await writeFile(versionFile, (await readFile(join(contentDir, 'blueprints', 'change-impact-assessment', '1.1.0.md'), 'utf8')).replace('version: 1.1.0', 'version: 2.0.0'));
    const failure = (await ingest().catch((error: unknown) => error)) as IngestError;
    expect(failure).toBeInstanceOf(IngestError);
    expect(failure.message).toContain('safety-cases/reviewed-gateway-case.md:1: safety case "reviewed-gateway-case" was published through review');
    expect(failure.message).toMatch(/blueprints\/change-impact-assessment\/2\.0\.0\.md:\d+: version: version 2\.0\.0 of blueprint change-impact-assessment was published through review/);
    await rm(join(contentDir, 'safety-cases', 'reviewed-gateway-case.md'));
    await rm(versionFile);
  });

  it('hands the document back to content/ once its file carries the reviewed text', async () => {
    const [{ snapshot }] = await em().execute<{ snapshot: { frontMatter: Record<string, unknown>; body: string } }[]>(
      "select snapshot from revision where document_kind = 'GUIDANCE' and document_key = 'ai-and-clinical-safety' and source = 'REVIEW' order by id desc limit 1",
    );
    await writeFile(articleFile(), `---\n${stringify(snapshot.frontMatter)}---\n${snapshot.body}\n`);
    const report = await ingest();
    expect(report.updated).toBe(1);
    const [article] = await em().execute<{ origin: string; summary: string; source_path: string }[]>("select origin, summary, source_path from guidance_article where slug = 'ai-and-clinical-safety'");
    expect(article).toEqual({ origin: 'INGEST', summary: expect.stringContaining('corrected for clarity'), source_path: 'guidance/ai-and-clinical-safety.md' });
  });
});
