import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestContent } from '../../src/modules/ingest/ingest.service.js';
import { PHYSICAL_HARM_WEIGHTS, PSYCHOLOGICAL_HARM_WEIGHTS } from '../../src/modules/learning/harm.js';
import { RevisionEntity } from '../../src/modules/revisions/revision.entity.js';
import { SearchOutboxEntity } from '../../src/modules/search/search-outbox.entity.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

interface LearningNode {
  slug: string;
  eventType: string;
  physicalHarm: keyof typeof PHYSICAL_HARM_WEIGHTS;
  psychologicalHarm: keyof typeof PSYCHOLOGICAL_HARM_WEIGHTS;
  harmScore: number;
  hazardFamilies: string[];
  occurredIn: string;
}

interface Group {
  key: string;
  label: string;
  count: number;
  harmScore: number;
  trend: { latestPeriod: string | null; previousPeriod: string | null; latestCount: number; previousCount: number; change: number; direction: string };
}

const LEARNING_FIELDS = 'slug eventType physicalHarm psychologicalHarm harmScore hazardFamilies occurredIn';
const GROUP_FIELDS = 'key label count harmedCount harmScore share trend { latestPeriod previousPeriod latestCount previousCount change direction }';

describe('safety learnings and evidence', () => {
  let server: TestServer;
  let learnings: LearningNode[];
  const bundled = async (dir: string) => (await readdir(join('content', dir))).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '')).sort();

  beforeAll(async () => {
    server = await startTestServer();
    const result = await server.graphql<{ safetyLearnings: { totalCount: number; edges: { node: LearningNode }[] } }>(
      `{ safetyLearnings(first: 100) { totalCount edges { node { ${LEARNING_FIELDS} } } } }`,
    );
    expect(result.errors).toBeUndefined();
    learnings = result.data!.safetyLearnings.edges.map((e) => e.node);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('ingests every bundled learning and evidence item, with a revision and a search change each', async () => {
    const files = await bundled('learning');
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(learnings.map((l) => l.slug).sort()).toEqual(files);

    const evidence = await server.graphql<{ evidenceItems: { totalCount: number; edges: { node: { slug: string; strength: string } }[] } }>(
      '{ evidenceItems(first: 100) { totalCount edges { node { slug strength } } } }',
    );
    expect(evidence.data!.evidenceItems.edges.map((e) => e.node.slug).sort()).toEqual(await bundled('evidence'));
    expect(evidence.data!.evidenceItems.totalCount).toBeGreaterThanOrEqual(10);
    const order = ['HIGH', 'MODERATE', 'LOW', 'VERY_LOW'];
    const strengths = evidence.data!.evidenceItems.edges.map((e) => order.indexOf(e.node.strength));
    expect(strengths).toEqual([...strengths].sort((a, b) => a - b));

    const em = server.hub.db.orm.em.fork();
    const revisions = await em.find(RevisionEntity, { documentKind: { $in: ['LEARNING', 'EVIDENCE'] }, action: 'CREATED' });
    expect(revisions.filter((r) => r.documentKind === 'LEARNING').map((r) => r.documentKey).sort()).toEqual(files);
    expect(revisions.every((r) => r.source === 'INGEST')).toBe(true);
    const outbox = await em.find(SearchOutboxEntity, { documentKind: 'LEARNING', operation: 'UPSERT' });
    expect(new Set(outbox.map((o) => o.documentKey))).toEqual(new Set(files));
  });

  it('spreads the bundled learnings over event types, harm levels and 2024 to 2026', () => {
    expect(new Set(learnings.map((l) => l.eventType))).toEqual(new Set(['INCIDENT', 'RISK', 'OUTCOME', 'GOOD_CARE']));
    expect(new Set(learnings.map((l) => l.physicalHarm))).toEqual(new Set(['NONE', 'LOW', 'MODERATE', 'SEVERE', 'FATAL']));
    expect(new Set(learnings.map((l) => l.occurredIn.slice(0, 4)))).toEqual(new Set(['2024', '2025', '2026']));
  });

  it('serves one learning with its narrative, clauses, blueprints and canonical url, refetchable by id', async () => {
    const result = await server.graphql<{ safetyLearning: Record<string, unknown> & { id: string; clauses: { number: string }[]; blueprints: { slug: string }[]; evidence: { slug: string }[] } }>(`{
      safetyLearning(slug: "results-routed-to-departed-clinician") {
        id slug kind url title whatHappened whyItHappened whatWasLearned whatChanged body origin clauseRefs
        clauses { number } blueprints { slug } evidence { slug }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const learning = result.data!.safetyLearning;
    expect(learning).toMatchObject({ kind: 'LEARNING', origin: 'INGEST' });
    expect(learning.url).toBe(`${server.url}/learning/results-routed-to-departed-clinician`);
    for (const heading of ['## What happened', '## Why it happened', '## What was learned', '## What changed']) expect(learning.body).toContain(heading);
    expect(learning.clauses).toHaveLength((learning.clauseRefs as string[]).length);
    expect(learning.blueprints.map((b) => b.slug)).toEqual(['deployment-checklist', 'clinical-safety-case-report', 'hazard-log']);
    expect(learning.evidence.map((e) => e.slug)).toContain('missed-test-results-systematic-review');

    const refetched = await server.graphql<{ node: { slug: string } }>('query($id: ID!) { node(id: $id) { ... on SafetyLearning { slug } } }', { id: learning.id });
    expect(refetched.data!.node.slug).toBe('results-routed-to-departed-clinician');
  });

  it('filters learnings and rejects an unknown taxonomy id naming the argument', async () => {
    const filtered = await server.graphql<{ safetyLearnings: { totalCount: number; edges: { node: { hazardFamilies: string[] } }[] } }>(
      '{ safetyLearnings(first: 100, filter: { hazardFamily: "medication", eventType: INCIDENT }) { totalCount edges { node { hazardFamilies } } } }',
    );
    const expected = learnings.filter((l) => l.hazardFamilies.includes('medication') && l.eventType === 'INCIDENT').length;
    expect(filtered.data!.safetyLearnings.totalCount).toBe(expected);
    expect(expected).toBeGreaterThan(0);

    const bad = await server.graphql('{ learningInsights(filter: { systemType: "EPR_TYPO" }) { totalCount } }');
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'filter.systemType' }] });
  });

  it('learningInsights answers which hazard families cause the most harm', async () => {
    const result = await server.graphql<{ learningInsights: { totalCount: number; harmScore: number; byHazardFamily: Group[] } }>(
      `{ learningInsights { totalCount harmScore byHazardFamily { ${GROUP_FIELDS} } } }`,
    );
    expect(result.errors).toBeUndefined();
    const insights = result.data!.learningInsights;
    expect(insights.totalCount).toBe(learnings.length);

    // The same ranking computed independently from the published learnings.
    const expected = new Map<string, { count: number; harmScore: number }>();
    for (const learning of learnings) {
      const score = PHYSICAL_HARM_WEIGHTS[learning.physicalHarm] + PSYCHOLOGICAL_HARM_WEIGHTS[learning.psychologicalHarm];
      expect(learning.harmScore).toBe(score);
      for (const family of learning.hazardFamilies) {
        const entry = expected.get(family) ?? { count: 0, harmScore: 0 };
        expected.set(family, { count: entry.count + 1, harmScore: entry.harmScore + score });
      }
    }
    const ranked = [...expected].sort(([ka, a], [kb, b]) => b.harmScore - a.harmScore || b.count - a.count || ka.localeCompare(kb));
    expect(insights.byHazardFamily.map((g) => [g.key, g.count, g.harmScore])).toEqual(ranked.map(([key, v]) => [key, v.count, v.harmScore]));
    expect(insights.byHazardFamily[0].label).not.toBe(insights.byHazardFamily[0].key);
    expect(insights.harmScore).toBe(learnings.reduce((t, l) => t + l.harmScore, 0));
  });

  it('counts learnings per period with no gaps and a trend between the last two periods', async () => {
    const result = await server.graphql<{ learningInsights: { totalCount: number; periods: { period: string; count: number }[]; trend: Group['trend']; bySystemType: Group[] } }>(
      `{ learningInsights(period: QUARTER, filter: { from: "2024-01-01", to: "2026-12-31" }) {
          totalCount periods { period start count harmScore } trend { latestPeriod previousPeriod latestCount previousCount change direction }
          bySystemType { ${GROUP_FIELDS} }
      } }`,
    );
    expect(result.errors).toBeUndefined();
    const { periods, trend, totalCount, bySystemType } = result.data!.learningInsights;
    expect(periods[0].period).toBe('2024-Q1');
    expect(periods.at(-1)!.period).toBe('2026-Q4');
    expect(periods).toHaveLength(12);
    expect(periods.reduce((t, p) => t + p.count, 0)).toBe(totalCount);
    const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
    for (const period of periods) expect(period.count).toBe(learnings.filter((l) => quarterOf(l.occurredIn) === period.period).length);
    expect(trend).toMatchObject({ latestPeriod: '2026-Q4', previousPeriod: '2026-Q3', latestCount: periods[11].count, previousCount: periods[10].count });
    expect(trend.change).toBe(periods[11].count - periods[10].count);
    expect(trend.direction).toBe(trend.change > 0 ? 'RISING' : trend.change < 0 ? 'FALLING' : 'STEADY');
    expect(bySystemType.reduce((t, g) => t + g.count, 0)).toBe(totalCount);

    const monthly = await server.graphql<{ learningInsights: { periods: { period: string }[]; totalCount: number } }>(
      '{ learningInsights(period: MONTH, filter: { hazardFamily: "delayed-care", from: "2025-01-01", to: "2025-12-31" }) { totalCount periods { period } } }',
    );
    expect(monthly.data!.learningInsights.periods.map((p) => p.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    expect(monthly.data!.learningInsights.totalCount).toBe(learnings.filter((l) => l.hazardFamilies.includes('delayed-care') && l.occurredIn.startsWith('2025')).length);
  });

  it('shows on each hazard of a safety case how often its family has been seen in practice', async () => {
    const result = await server.graphql<{ safetyCase: { hazards: { family: string; seenInPractice: number }[] } }>(
      '{ safetyCase(slug: "eprescribing-inpatient-rollout") { hazards { family seenInPractice } } }',
    );
    expect(result.errors).toBeUndefined();
    const hazards = result.data!.safetyCase.hazards;
    expect(hazards.length).toBeGreaterThan(0);
    for (const hazard of hazards) expect(hazard.seenInPractice).toBe(learnings.filter((l) => l.hazardFamilies.includes(hazard.family)).length);
    expect(hazards.some((h) => h.seenInPractice > 0)).toBe(true);
  });

  it('makes learnings and evidence searchable, faceted by system type and setting, with hazard families as topics', async () => {
    const result = await server.graphql<{ search: { edges: { node: { document: { __typename: string; slug: string } } }[]; facets: { kind: { value: string }[]; systemType: { value: string; label: string }[]; topic: { value: string }[] } } }>(`{
      search(query: "drug dictionary dose unit", filter: { kind: [LEARNING, EVIDENCE] }) {
        edges { node { document { __typename slug } } }
        facets { kind { value } systemType { value label } topic { value } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const { edges, facets } = result.data!.search;
    expect(edges[0].node.document).toEqual({ __typename: 'SafetyLearning', slug: 'eprescribing-dose-unit-mismatch' });
    expect(facets.systemType).toContainEqual({ value: 'E_PRESCRIBING', label: 'Electronic prescribing and medicines administration' });
    expect(facets.topic.map((t) => t.value)).toContain('medication');

    const evidence = await server.graphql<{ search: { totalCount: number; edges: { node: { document: { __typename: string; slug: string } } }[] } }>(
      '{ search(query: "barcode", filter: { kind: [EVIDENCE], topic: ["wrong-patient"] }) { totalCount edges { node { document { __typename ... on EvidenceItem { slug } } } } } }',
    );
    expect(evidence.errors).toBeUndefined();
    expect(evidence.data!.search.edges.map((e) => e.node.document.slug)).toEqual(expect.arrayContaining(['barcode-medication-administration-emar', 'barcode-positive-patient-identification-phlebotomy']));
    expect(evidence.data!.search.edges.every((e) => e.node.document.__typename === 'EvidenceItem')).toBe(true);
  });

  it('unpublishes a learning whose file is removed from content/', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dcs-learning-'));
    try {
      await cp('content', dir, { recursive: true });
      await rm(join(dir, 'learning', 'order-comms-label-printed-for-wrong-patient.md'));
      const report = await ingestContent(server.hub, { contentDir: dir, onChanges: server.hub.search.indexChanges });
      expect(report.changes).toContainEqual({ kind: 'LEARNING', key: 'order-comms-label-printed-for-wrong-patient', operation: 'DELETE' });
      const gone = await server.graphql<{ safetyLearning: null }>('{ safetyLearning(slug: "order-comms-label-printed-for-wrong-patient") { slug } }');
      expect(gone.data!.safetyLearning).toBeNull();
      const [revision] = await server.hub.db.orm.em.fork().find(RevisionEntity, { documentKind: 'LEARNING', documentKey: 'order-comms-label-printed-for-wrong-patient', action: 'UNPUBLISHED' });
      expect(revision).toBeDefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
