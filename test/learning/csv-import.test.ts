import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLearningCsv, LearningImportError, parseCsv } from '../../src/modules/learning/csv-import.service.js';
import { SafetyLearningEntity } from '../../src/modules/learning/safety-learning.entity.js';
import { RevisionEntity } from '../../src/modules/revisions/revision.entity.js';
import { SearchOutboxEntity } from '../../src/modules/search/search-outbox.entity.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

const FIXTURE = 'test/fixtures/learning/safety-events.csv';
// A checksum-valid NHS number, the documented example: it must never appear in any message.
const NHS_NUMBER = '943 476 5919';

async function rejection(promise: Promise<unknown>): Promise<LearningImportError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(LearningImportError);
  return error as LearningImportError;
}

describe('importing learnings from a CSV export of safety event records', () => {
  let server: TestServer;
  let csv: string;

  beforeAll(async () => {
    server = await startTestServer();
    csv = await readFile(FIXTURE, 'utf8');
  });
  afterAll(async () => {
    await server?.close();
  });

  const imported = () => server.hub.db.orm.em.fork().find(SafetyLearningEntity, { origin: 'IMPORT' }, { orderBy: { slug: 'asc' } });
  const importRevisions = () => server.hub.db.orm.em.fork().count(RevisionEntity, { source: 'IMPORT' });

  it('rejects a file with one identifier in it, naming the row and column, never the identifier, and stores nothing', async () => {
    const withIdentifier = csv.replace(
      'Outpatient referral letters were queued',
      `The letter for NHS number ${NHS_NUMBER} and others were queued`,
    );
    expect(withIdentifier).not.toBe(csv);
    const error = await rejection(importLearningCsv(server.hub, { fileName: 'export.csv', csv: withIdentifier }));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ row: 2, column: 'what_happened' });
    expect(error.problems[0].message).toMatch(/possible NHS_NUMBER/);
    expect(error.message).toMatch(/export\.csv: row 2 \(line 4\), column what_happened: possible NHS_NUMBER/);
    expect(error.message).not.toContain(NHS_NUMBER);
    expect(error.message).not.toContain(NHS_NUMBER.replace(/ /g, ''));
    expect(await imported()).toEqual([]);
    expect(await importRevisions()).toBe(0);
  });

  it('imports a clean file in one go, with origin IMPORT, a revision and a search change per learning', async () => {
    const report = await importLearningCsv(server.hub, { fileName: 'exports/safety-events.csv', csv, onChanges: server.hub.search.indexChanges });
    expect(report).toMatchObject({ rows: 3, added: 3, updated: 0, unchanged: 0, dryRun: false });

    const rows = await imported();
    expect(rows.map((r) => r.slug)).toEqual(['lrm-2026-0101', 'lrm-2026-0102', 'lrm-2026-0103']);
    expect(rows[0]).toMatchObject({ eventType: 'INCIDENT', physicalHarm: 'LOW', psychologicalHarm: 'NONE', occurredOn: '2026-05-01', sourcePath: 'safety-events.csv row 1' });
    expect(rows[1]).toMatchObject({ systemType: 'SCHEDULING', physicalHarm: 'MODERATE', psychologicalHarm: 'LOW', topics: ['patient-safety-events'] });
    expect(rows[2]).toMatchObject({ eventType: 'GOOD_CARE', setting: 'PHARMACY', clauseRefs: [], blueprints: [] });
    expect(rows[0].whatHappened).toContain('\n');

    const em = server.hub.db.orm.em.fork();
    const revisions = await em.find(RevisionEntity, { source: 'IMPORT' }, { orderBy: { id: 'asc' } });
    expect(revisions.map((r) => [r.documentKind, r.documentKey, r.action])).toEqual(rows.map((r) => ['LEARNING', r.slug, 'CREATED']));
    const outbox = await em.find(SearchOutboxEntity, { documentKind: 'LEARNING', documentKey: { $in: rows.map((r) => r.slug) } }, { orderBy: { id: 'asc' } });
    expect(outbox.map((o) => o.operation)).toEqual(['UPSERT', 'UPSERT', 'UPSERT']);

    const result = await server.graphql<{ safetyLearning: { origin: string; url: string; blueprints: { slug: string }[]; clauses: { number: string }[] } }>(
      '{ safetyLearning(slug: "lrm-2026-0101") { origin url blueprints { slug } clauses { number } } }',
    );
    expect(result.data!.safetyLearning).toMatchObject({ origin: 'IMPORT', blueprints: [{ slug: 'change-impact-assessment' }, { slug: 'hazard-log' }], clauses: [{ number: '7.1.1' }, { number: '4.3.1' }] });
    const found = await server.graphql<{ search: { edges: { node: { document: { slug: string } } }[] } }>('{ search(query: "print service outage referral letters", filter: { kind: [LEARNING] }) { edges { node { document { slug } } } } }');
    expect(found.data!.search.edges[0].node.document.slug).toBe('lrm-2026-0102');
    const insights = await server.graphql<{ learningInsights: { totalCount: number } }>('{ learningInsights(filter: { hazardFamily: "referrals", from: "2026-06-01", to: "2026-06-30" }) { totalCount } }');
    expect(insights.data!.learningInsights.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('re-importing the same file changes nothing; a changed row is an update; a dry run writes nothing', async () => {
    expect(await importLearningCsv(server.hub, { fileName: 'safety-events.csv', csv })).toMatchObject({ added: 0, updated: 0, unchanged: 3 });

    const changed = csv.replace('Checking data freshness is a simple control that works.', 'Checking data freshness is a simple and cheap control that works.');
    const before = await importRevisions();
    expect(await importLearningCsv(server.hub, { fileName: 'safety-events.csv', csv: changed, dryRun: true })).toMatchObject({ updated: 1, unchanged: 2, dryRun: true });
    expect(await importRevisions()).toBe(before);

    expect(await importLearningCsv(server.hub, { fileName: 'safety-events.csv', csv: changed })).toMatchObject({ updated: 1, unchanged: 2 });
    const [revision] = await server.hub.db.orm.em.fork().find(RevisionEntity, { source: 'IMPORT', documentKey: 'lrm-2026-0103', action: 'UPDATED' });
    expect(revision.summary).toBe('Re-imported from safety-events.csv row 3');
  });

  it('reports every row problem at once against the taxonomy, clauses and blueprints, and rolls back', async () => {
    const bad = csv
      .replace('medication; configuration,DCB0160 7.1.1', 'medication; not-a-family,DCB0160 9.9.9')
      .replace('Incident,Moderate,Low', 'Incident,Catastrophic,Low')
      .replace(',safety-incident-procedure,', ',no-such-blueprint,');
    const countBefore = (await imported()).length;
    const error = await rejection(importLearningCsv(server.hub, { fileName: 'bad.csv', csv: bad }));
    expect(error.problems.map((p) => [p.row, p.column])).toEqual([
      [1, 'clauses'],
      [1, 'hazard_families'],
      [2, 'physical_harm'],
    ]);
    expect(error.message).toContain('clause DCB0160 9.9.9 does not exist');
    expect((await imported()).length).toBe(countBefore);

    const blueprint = await rejection(importLearningCsv(server.hub, { fileName: 'bad.csv', csv: csv.replace(',safety-incident-procedure,', ',no-such-blueprint,') }));
    expect(blueprint.problems).toEqual([expect.objectContaining({ row: 2, column: 'blueprints', message: 'blueprint "no-such-blueprint" does not exist' })]);
  });

  it('refuses a reference that would overwrite a bundled learning', async () => {
    const colliding = csv.replace('LRM-2026-0103', 'eobs-downtime-news2-not-calculated');
    const error = await rejection(importLearningCsv(server.hub, { fileName: 'x.csv', csv: colliding }));
    expect(error.problems).toEqual([expect.objectContaining({ row: 3, column: 'reference' })]);
  });

  it('names the header line for missing or unknown columns, and describes malformed CSV without quoting it', () => {
    const header = parseCsv('reference,title,colour\nA-1,x,y\n');
    expect(header.problems.map((p) => [p.line, p.column])).toEqual(expect.arrayContaining([[1, 'colour'], [1, 'summary'], [1, 'what_happened']]));

    const malformed = parseCsv(`${csv.split('\n')[0]}\nA-1,"unclosed ${NHS_NUMBER}\n`);
    expect(malformed.problems).toHaveLength(1);
    expect(malformed.problems[0].message).not.toContain(NHS_NUMBER);

    const lines = parseCsv(`${csv.split('\n')[0]}\n\n${'x,'.repeat(16)}x\n${'y,'.repeat(16)}"multi\nline"\n${'z,'.repeat(16)}z\n`);
    expect(lines.rows.map((r) => [r.row, r.line])).toEqual([[1, 3], [2, 4], [3, 6]]);
  });
});
