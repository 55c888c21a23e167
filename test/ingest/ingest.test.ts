import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { IngestError, ingestContent } from '../../src/modules/ingest/ingest.service.js';
import { GuidanceArticleEntity } from '../../src/modules/guidance/guidance-article.entity.js';
import { RevisionEntity } from '../../src/modules/revisions/revision.entity.js';
import { SafetyCaseEntity } from '../../src/modules/safety-cases/safety-case.entity.js';
import { ClauseEntity } from '../../src/modules/standards/clause.entity.js';
import { copyContent } from '../support/content-copy.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

async function frontMatter(path: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, 'utf8');
  return parse(text.split(/^---$/m)[1]) as Record<string, unknown>;
}

describe('ingest of the bundled content', () => {
  let testHub: TestHub;
  beforeAll(async () => {
    testHub = await startTestHub();
  });
  afterAll(async () => {
    await testHub?.close();
  });

  it('stores every clause of both standards, as many as the files list', async () => {
    const em = testHub.hub.db.orm.em.fork();
    for (const code of ['DCB0129', 'DCB0160']) {
      const listed = ((await frontMatter(`content/standards/${code}.md`)).clauses as unknown[]).length;
      const stored = await em.count(ClauseEntity, { standard: { code } });
      expect(stored).toBe(listed);
      expect(stored).toBeGreaterThan(80);
    }
  });

  it('meets the content counts: 40+ guidance, 12+ blueprints with earlier versions, 10+ safety cases with 6+ hazards', async () => {
    const guidance = (await readdir('content/guidance')).filter((f) => f.endsWith('.md'));
    expect(guidance.length).toBeGreaterThanOrEqual(40);
    const blueprints = await readdir('content/blueprints');
    expect(blueprints.length).toBeGreaterThanOrEqual(12);
    for (const slug of blueprints) expect((await readdir(`content/blueprints/${slug}`)).length, slug).toBeGreaterThanOrEqual(2);
    const cases = (await readdir('content/safety-cases')).filter((f) => f.endsWith('.md'));
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const file of cases) expect(((await frontMatter(`content/safety-cases/${file}`)).hazards as unknown[]).length, file).toBeGreaterThanOrEqual(6);
    const em = testHub.hub.db.orm.em.fork();
    expect(await em.count(GuidanceArticleEntity, { published: true })).toBe(guidance.length);
    expect(await em.count(SafetyCaseEntity, { published: true })).toBe(cases.length);
  });

  it('changes nothing when the same content is ingested again', async () => {
    const em = testHub.hub.db.orm.em.fork();
    const revisionsBefore = await em.count(RevisionEntity, {});
    const report = await ingestContent(testHub.hub, { contentDir: 'content' });
    expect(report).toMatchObject({ added: 0, updated: 0, unpublished: 0 });
    expect(report.unchanged).toBeGreaterThan(80);
    expect(report.changes).toEqual([]);
    expect(await em.fork().count(RevisionEntity, {})).toBe(revisionsBefore);
  });
});

describe('ingest of a changed or broken corpus', () => {
  let testHub: TestHub;
  let content: Awaited<ReturnType<typeof copyContent>>;
  beforeAll(async () => {
    content = await copyContent();
    testHub = await startTestHub({ contentDir: content.dir });
  });
  afterAll(async () => {
    await testHub?.close();
    await content?.dispose();
  });

  it('rejects the whole corpus for one broken file, pointing at the line, and changes nothing', async () => {
    const em = testHub.hub.db.orm.em.fork();
    const revisionsBefore = await em.count(RevisionEntity, {});
    await content.edit('guidance/cso-role.md', (text) => text.replace(/^title: .*$/m, 'title: ""'));
    await content.edit('guidance/estimating-risk.md', (text) => text.replace(/^lastReviewed: .*$/m, 'lastReviewed: 2026-02-30'));
    const error = await ingestContent(testHub.hub, { contentDir: content.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    const problems = (error as IngestError).problems;
    const titleLine = (await readFile(`${content.dir}/guidance/cso-role.md`, 'utf8')).split('\n').findIndex((l) => l.startsWith('title:')) + 1;
    expect(problems).toContainEqual(expect.objectContaining({ file: 'guidance/cso-role.md', line: titleLine, field: 'title', message: 'must not be empty' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: 'guidance/estimating-risk.md', field: 'lastReviewed', message: 'is not a real calendar date' }));
    expect((error as IngestError).message).toContain(`guidance/cso-role.md:${titleLine}: title: must not be empty`);
    expect(await em.count(RevisionEntity, {})).toBe(revisionsBefore);
    await content.edit('guidance/cso-role.md', (text) => text.replace(/^title: ""$/m, 'title: The Clinical Safety Officer (CSO) role'));
    await content.edit('guidance/estimating-risk.md', (text) => text.replace(/^lastReviewed: 2026-02-30$/m, 'lastReviewed: 2026-02-28'));
  });

  it('rejects broken references and hazard ratings that disagree with the matrix', async () => {
    const broken = await copyContent();
    await broken.edit('guidance/hazard-log-practice.md', (text) => text.replace(/^clauses: \[/m, 'clauses: ["DCB0129 9.9.9", '));
    await broken.edit('guidance/writing-a-crmp.md', (text) => `${text}\n\nSee [the missing page](/guidance/no-such-article).\n`);
    await broken.edit('safety-cases/online-triage-app.md', (text) => text.replace(/(initialRisk: \{ severity: (\w+), likelihood: (\w+), rating: )(\d)/, (_m, head, _s, _l, rating) => `${head}${rating === '5' ? '1' : Number(rating) + 1}`));
    const error = (await ingestContent(testHub.hub, { contentDir: broken.dir }).catch((e: unknown) => e)) as IngestError;
    await broken.dispose();
    expect(error).toBeInstanceOf(IngestError);
    const messages = error.problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^guidance\/hazard-log-practice\.md: clause DCB0129 9\.9\.9 does not exist/));
    expect(messages).toContainEqual(expect.stringMatching(/^guidance\/writing-a-crmp\.md: broken link \/guidance\/no-such-article/));
    expect(messages).toContainEqual(expect.stringMatching(/^safety-cases\/online-triage-app\.md: hazard H-\d+: rating \d disagrees with the risk matrix/));
  });

  it('checks unchanged files again when a file they link to no longer loads', async () => {
    const broken = await copyContent();
    try {
      // Unchanged files are not parsed again on a re-ingest, but a link to an article that failed to load is broken.
      await broken.edit('guidance/cso-role.md', (text) => text.replace(/^title: .*$/m, 'title: [unclosed'));
      const error = (await ingestContent(testHub.hub, { contentDir: broken.dir }).catch((e: unknown) => e)) as IngestError;
      expect(error).toBeInstanceOf(IngestError);
      const linking = error.problems.filter((p) => /^guidance\/(?!cso-role\.md)/.test(p.file) && /"cso-role"/.test(p.message));
      expect(linking.length).toBeGreaterThan(0);
    } finally {
      await broken.dispose();
    }
  });

  it('updates a changed document with a revision and unpublishes a removed one', async () => {
    const fresh = await copyContent();
    try {
      await fresh.edit('guidance/mentoring-csos.md', (text) => text.replace(/^summary: .*$/m, 'summary: Mentoring new Clinical Safety Officers through their first safety cases, revised.'));
      // The article with the fewest links to it can go once those links point elsewhere.
      await fresh.remove('guidance/competency-business-skills.md');
      await fresh.edit('guidance/cso-competency-framework.md', (text) => text.replaceAll('/guidance/competency-business-skills', '/guidance/cso-role').replace(/\bcompetency-business-skills\b,? ?/g, ''));
      await fresh.edit('competencies.md', (text) => text.replaceAll('competency-business-skills', 'cso-role'));
      await fresh.edit('training/project-management-fundamentals.md', (text) => text.replaceAll('/guidance/competency-business-skills', '/guidance/cso-role'));
      const report = await ingestContent(testHub.hub, { contentDir: fresh.dir });
      expect(report.unpublished).toBe(1);
      expect(report.changes).toContainEqual({ kind: 'GUIDANCE', key: 'mentoring-csos', operation: 'UPSERT' });
      expect(report.changes).toContainEqual({ kind: 'GUIDANCE', key: 'competency-business-skills', operation: 'DELETE' });
      const em = testHub.hub.db.orm.em.fork();
      expect((await em.findOneOrFail(GuidanceArticleEntity, { slug: 'competency-business-skills' })).published).toBe(false);
      const revisions = await em.find(RevisionEntity, { documentKind: 'GUIDANCE', documentKey: 'mentoring-csos' }, { orderBy: { id: 'asc' } });
      expect(revisions.map((r) => r.action)).toEqual(['CREATED', 'UPDATED']);
      expect(revisions[1].previousHash).toBe(revisions[0].contentHash);
    } finally {
      await fresh.dispose();
    }
  });

  it('reports what a dry run would change without writing it', async () => {
    const em = testHub.hub.db.orm.em.fork();
    const before = await em.count(RevisionEntity, {});
    await content.edit('guidance/dtac-and-dcb-standards.md', (text) => text.replace(/^summary: .*$/m, 'summary: How DTAC and the DCB0129/DCB0160 standards fit together, revised for a dry run.'));
    const report = await ingestContent(testHub.hub, { contentDir: content.dir, dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.added + report.updated).toBeGreaterThan(0);
    expect(await em.fork().count(RevisionEntity, {})).toBe(before);
  });
});
