import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlueprintEntity } from '../../src/modules/blueprints/blueprint.entity.js';
import { BlueprintVersionEntity } from '../../src/modules/blueprints/blueprint-version.entity.js';
import { BlueprintDiffService } from '../../src/modules/blueprints/diff.service.js';
import { BlueprintRenderService } from '../../src/modules/blueprints/render.service.js';
import { ingestContent } from '../../src/modules/ingest/ingest.service.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

const VARIABLES = { productName: 'Acme EPR', productVersion: '2.1', organisationName: 'Acme Health Ltd', applicableStandard: 'DCB0129', csoName: 'Dr Ada Example', approvalDate: '2026-03-31' };
const HAZARD_LOG_1_1_0 = `(select v.id from blueprint_version v join blueprint b on b.id = v.blueprint_id where b.slug = 'hazard-log' and v.version = '1.1.0')`;

describe('published blueprint versions cannot change', () => {
  let testHub: TestHub;
  let contentDir: string;

  beforeAll(async () => {
    testHub = await startTestHub();
    contentDir = await mkdtemp(join(tmpdir(), 'dcs-hub-content-'));
    await cp('content', contentDir, { recursive: true });
  });
  afterAll(async () => {
    await testHub?.close();
    if (contentDir) await rm(contentDir, { recursive: true, force: true });
  });

  const stored = () => testHub.hub.db.orm.em.fork().findOneOrFail(BlueprintVersionEntity, { blueprint: { slug: 'hazard-log' }, version: '1.1.0' });
  const renderMarkdown = (version: string) =>
    new BlueprintRenderService(testHub.hub.db.orm.em.fork(), testHub.hub.stores.renders).render({ slug: 'hazard-log', version, format: 'MARKDOWN', variables: VARIABLES, baseUrl: 'https://hub.example' });

  it('the database refuses to change a published version\'s content', async () => {
    const em = testHub.hub.db.orm.em.fork();
    await expect(em.execute(`update blueprint_version set template = template || ' (edited)' where id = ${HAZARD_LOG_1_1_0}`))
      .rejects.toThrow(/blueprint version 1\.1\.0 is published and immutable; publish a new version/);
    await expect(em.execute(`update blueprint_version set hazards = '[]'::jsonb where id = ${HAZARD_LOG_1_1_0}`))
      .rejects.toThrow(/published and immutable/);
    await expect(em.execute(`update blueprint_version set licence = 'All rights reserved' where id = ${HAZARD_LOG_1_1_0}`))
      .rejects.toThrow(/published and immutable/);
  });

  it('the database still lets a version be withdrawn and restored', async () => {
    const em = testHub.hub.db.orm.em.fork();
    await em.execute(`update blueprint_version set withdrawn = true where id = ${HAZARD_LOG_1_1_0}`);
    await em.execute(`update blueprint_version set withdrawn = false where id = ${HAZARD_LOG_1_1_0}`);
    expect((await stored()).withdrawn).toBe(false);
  });

  it('ingest refuses a changed file for a published version, names the file, and changes nothing', async () => {
    const before = await stored();
    const renderedBefore = await renderMarkdown('1.1.0');
    const file = join(contentDir, 'blueprints', 'hazard-log', '1.1.0.md');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('## Status rules', '## Status rules\n\nA sentence added after publication.'));
    try {
      await expect(ingestContent(testHub.hub, { contentDir })).rejects.toThrow(
        /blueprints\/hazard-log\/1\.1\.0\.md:\d+.*version 1\.1\.0 of blueprint hazard-log is published and immutable; its content changed\. Restore it and publish the change as a new version \(e\.g\. 1\.2\.0\)/,
      );
    } finally {
      await writeFile(file, original);
    }
    const after = await stored();
    expect(after.contentHash).toBe(before.contentHash);
    expect(after.template).toBe(before.template);
    expect((await renderMarkdown('1.1.0')).etag).toBe(renderedBefore.etag);
  });

  it('publishing the change as a new version leaves the old one as it was', async () => {
    const before = await stored();
    const source = await readFile(join(contentDir, 'blueprints', 'hazard-log', '1.1.0.md'), 'utf8');
    const next = source
      .replace(/^version: 1\.1\.0$/m, 'version: 1.2.0')
      .replace(/^changelog: \|\n(?: {2}.*\n)+/m, 'changelog: |\n  New paragraph in "Status rules" on reopening closed hazards after an incident.\n')
      .replace('## Status rules', '## Status rules\n\nReopen a closed hazard when an incident shows its controls did not work.');
    await writeFile(join(contentDir, 'blueprints', 'hazard-log', '1.2.0.md'), next);

    const report = await ingestContent(testHub.hub, { contentDir });
    expect(report.changes).toContainEqual({ kind: 'BLUEPRINT', key: 'hazard-log', operation: 'UPSERT' });
    expect(report.added).toBe(1);

    const em = testHub.hub.db.orm.em.fork();
    expect((await em.findOneOrFail(BlueprintEntity, { slug: 'hazard-log' })).latestVersion).toBe('1.2.0');
    const old = await stored();
    expect(old.contentHash).toBe(before.contentHash);
    expect(old.template).toBe(before.template);
    expect((await renderMarkdown('latest')).version.version).toBe('1.2.0');

    const diff = await new BlueprintDiffService(em).diff('hazard-log', '1.1.0', '1.2.0');
    expect(diff.sections.filter((s) => s.status !== 'UNCHANGED').map((s) => [s.heading, s.status])).toEqual([['Status rules', 'CHANGED']]);
    expect(diff.unifiedDiff).toContain('+Reopen a closed hazard when an incident shows its controls did not work.');
    expect(diff.changelog.map((c) => c.version)).toEqual(['1.2.0']);
  });
});
