import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnonymisationAllowanceEntity } from '../../src/modules/anonymisation/anonymisation-allowance.entity.js';
import { IngestError, ingestContent } from '../../src/modules/ingest/ingest.service.js';
import { RevisionEntity } from '../../src/modules/revisions/revision.entity.js';
import { SafetyCaseEntity } from '../../src/modules/safety-cases/safety-case.entity.js';
import { copyContent } from '../support/content-copy.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

const NHS_NUMBER = '943 476 5919';

describe('ingest runs the anonymisation gate', () => {
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

  it('rejects a safety case with an NHS number, naming file, line, field and type but never the number, and stores nothing', async () => {
    await content.edit('safety-cases/online-triage-app.md', (text) => text.replace(/\n---\n/, `\n---\nDuring testing the patient with NHS number ${NHS_NUMBER} was triaged twice.\n`));
    const lines = (await import('node:fs')).readFileSync(`${content.dir}/safety-cases/online-triage-app.md`, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes(NHS_NUMBER)) + 1;
    const em = testHub.hub.db.orm.em.fork();
    const before = { revisions: await em.count(RevisionEntity, {}), hash: (await em.findOneOrFail(SafetyCaseEntity, { slug: 'online-triage-app' })).contentHash };

    const error = await ingestContent(testHub.hub, { contentDir: content.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).problems).toContainEqual(expect.objectContaining({ file: 'safety-cases/online-triage-app.md', line, field: 'body', message: expect.stringContaining('NHS_NUMBER') }));
    expect((error as Error).message).not.toContain('5919');

    const after = em.fork();
    expect(await after.count(RevisionEntity, {})).toBe(before.revisions);
    expect((await after.findOneOrFail(SafetyCaseEntity, { slug: 'online-triage-app' })).contentHash).toBe(before.hash);
    await content.edit('safety-cases/online-triage-app.md', (text) => text.replace(`During testing the patient with NHS number ${NHS_NUMBER} was triaged twice.\n`, ''));
  });

  it('finds identifiers in front matter fields such as a hazard description', async () => {
    await content.edit('safety-cases/community-eobs.md', (text) => text.replace(/(\n    description: )/, '$1Reported by Nurse Amelia Hartley on the ward. '));
    const error = (await ingestContent(testHub.hub, { contentDir: content.dir }).catch((e: unknown) => e)) as IngestError;
    expect(error).toBeInstanceOf(IngestError);
    expect(error.problems).toContainEqual(expect.objectContaining({ file: 'safety-cases/community-eobs.md', field: 'hazards[0].description', message: expect.stringContaining('PERSON_NAME') }));
    expect(error.message).not.toContain('Hartley');
  });

  it('accepts a justified false positive and stores the justification', async () => {
    await content.edit('safety-cases/community-eobs.md', (text) =>
      text.replace(/^(lastReviewed: .*)$/m, `$1\nanonymisationAllowances:\n  - text: Nurse Amelia Hartley\n    type: PERSON_NAME\n    justification: A fictional training persona used in the supplier's e-learning module, not a real member of staff.`));
    const report = await ingestContent(testHub.hub, { contentDir: content.dir });
    expect(report.updated).toBe(1);
    const allowances = await testHub.hub.db.orm.em.fork().find(AnonymisationAllowanceEntity, { documentKind: 'SAFETY_CASE', documentKey: 'community-eobs' });
    expect(allowances).toEqual([expect.objectContaining({ text: 'Nurse Amelia Hartley', type: 'PERSON_NAME', justification: expect.stringContaining('fictional training persona') })]);
  });
});
