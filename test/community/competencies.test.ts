import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-hub.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

interface FrameworkData {
  competencyFramework: {
    title: string;
    body: string;
    levels: { level: string }[];
    pillars: {
      slug: string;
      guidance: { slug: string } | null;
      competencies: { slug: string; pillar: string; levels: { level: string; descriptor: string; indicators: string[] }[]; guidance: { slug: string }[]; training: { slug: string; competencySlugs: string[] }[] }[];
    }[];
  };
}

describe('competency framework', () => {
  test('has the five pillars, four to six competencies each, three levels with observable indicators, linked to guidance and training', async () => {
    const { data, errors } = await server.graphql<FrameworkData>(`{
      competencyFramework {
        title body levels { level }
        pillars { slug guidance { slug }
          competencies { slug pillar levels { level descriptor indicators } guidance { slug } training { slug competencySlugs } } }
      }
    }`);
    expect(errors).toBeUndefined();
    const framework = data!.competencyFramework;
    expect(framework.pillars.map((p) => p.slug)).toEqual(['communication', 'leadership', 'professionalism', 'knowledge', 'business-skills']);
    expect(framework.levels.map((l) => l.level)).toEqual(['FOUNDATION', 'PRACTITIONER', 'EXPERT']);
    expect(framework.body).toContain('not an official national one');
    for (const pillar of framework.pillars) {
      expect(pillar.guidance?.slug).toBe(`competency-${pillar.slug}`);
      expect(pillar.competencies.length).toBeGreaterThanOrEqual(4);
      expect(pillar.competencies.length).toBeLessThanOrEqual(6);
      for (const competency of pillar.competencies) {
        expect(competency.pillar).toBe(pillar.slug);
        expect(competency.levels.map((l) => l.level)).toEqual(['FOUNDATION', 'PRACTITIONER', 'EXPERT']);
        for (const level of competency.levels) expect(level.indicators.length).toBeGreaterThan(0);
        expect(competency.guidance.length).toBeGreaterThan(0);
        expect(competency.training.length).toBeGreaterThan(0);
        // The catalogue lists each competency back, so the framework and the catalogue agree.
        for (const resource of competency.training) expect(resource.competencySlugs).toContain(competency.slug);
      }
    }
  });

  test('a single competency by id, and null for an unknown one', async () => {
    const { data } = await server.graphql<{ known: { title: string; pillar: string } | null; unknown: unknown }>(`{
      known: competency(slug: "hazard-analysis-methods") { title pillar }
      unknown: competency(slug: "juggling") { title }
    }`);
    expect(data!.known).toEqual({ title: 'Hazard analysis and risk estimation methods', pillar: 'knowledge' });
    expect(data!.unknown).toBeNull();
  });
});

describe('training catalogue', () => {
  test('lists at least twelve resources, each with provider, format, level and the competencies it covers', async () => {
    const { data, errors } = await server.graphql<{ trainingResources: { totalCount: number; edges: { node: { slug: string; provider: string; format: string; level: string; kind: string; url: string; competencies: { slug: string }[] } }[] } }>(`{
      trainingResources(first: 100) { totalCount edges { node { slug provider format level kind url competencies { slug } } } }
    }`);
    expect(errors).toBeUndefined();
    const resources = data!.trainingResources.edges.map((e) => e.node);
    expect(data!.trainingResources.totalCount).toBeGreaterThanOrEqual(12);
    for (const resource of resources) {
      expect(resource.provider.length).toBeGreaterThan(0);
      expect(resource.kind).toBe('TRAINING');
      expect(resource.url).toMatch(new RegExp(`/training/${resource.slug}$`));
      expect(resource.competencies.length).toBeGreaterThan(0);
    }
    expect(resources.map((r) => r.slug)).toContain('nhse-digital-clinical-safety-practitioner');
  });

  test('filters by competency, level, format and provider', async () => {
    const { data } = await server.graphql<Record<string, { edges: { node: { slug: string; level: string; format: string; provider: string; competencySlugs: string[] } }[] }>>(`{
      byCompetency: trainingResources(first: 100, filter: { competency: "human-factors-knowledge" }) { edges { node { slug level format provider competencySlugs } } }
      byLevelAndFormat: trainingResources(first: 100, filter: { level: FOUNDATION, format: E_LEARNING }) { edges { node { slug level format provider competencySlugs } } }
      byProvider: trainingResources(first: 100, filter: { provider: "nhs england" }) { edges { node { slug level format provider competencySlugs } } }
    }`);
    const byCompetency = data!.byCompetency.edges.map((e) => e.node);
    expect(byCompetency.length).toBeGreaterThanOrEqual(2);
    for (const r of byCompetency) expect(r.competencySlugs).toContain('human-factors-knowledge');
    const byLevelAndFormat = data!.byLevelAndFormat.edges.map((e) => e.node);
    expect(byLevelAndFormat.length).toBeGreaterThan(0);
    for (const r of byLevelAndFormat) expect([r.level, r.format]).toEqual(['FOUNDATION', 'E_LEARNING']);
    const byProvider = data!.byProvider.edges.map((e) => e.node);
    expect(byProvider.length).toBeGreaterThanOrEqual(3);
    for (const r of byProvider) expect(r.provider.toLowerCase()).toContain('nhs england');
  });

  test('is searchable with the rest of the hub, faceted as TRAINING, and refetchable by id', async () => {
    const { data, errors } = await server.graphql<{ search: { totalCount: number; facets: { kind: { value: string; count: number }[] }; edges: { node: { document: { __typename: string; id: string; slug: string; kind: string } } }[] } }>(`{
      search(query: "human factors training", first: 20) {
        totalCount
        facets { kind { value count } }
        edges { node { document { __typename id slug kind } } }
      }
    }`);
    expect(errors).toBeUndefined();
    const training = data!.search.edges.map((e) => e.node.document).filter((d) => d.kind === 'TRAINING');
    expect(training.map((d) => d.slug)).toContain('human-factors-healthcare-learning-pathway');
    expect(training[0].__typename).toBe('TrainingResource');
    expect(data!.search.facets.kind.find((f) => f.value === 'TRAINING')?.count).toBeGreaterThan(0);

    const only = await server.graphql<{ search: { edges: { node: { document: { kind: string } } }[] } }>(
      `query($q: String!) { search(query: $q, filter: { kind: [TRAINING] }) { edges { node { document { kind } } } } }`,
      { q: 'hazard workshop' },
    );
    expect(only.data!.search.edges.length).toBeGreaterThan(0);
    for (const edge of only.data!.search.edges) expect(edge.node.document.kind).toBe('TRAINING');

    const node = await server.graphql<{ node: { slug: string } | null }>(`query($id: ID!) { node(id: $id) { ... on TrainingResource { slug } } }`, { id: training[0].id });
    expect(node.data!.node?.slug).toBe(training[0].slug);
  });
});

describe('self-assessment', () => {
  const query = `query($input: SelfAssessmentInput!) {
    selfAssessment(input: $input) {
      targetLevel
      strengths { competency { slug } currentLevel levelsShort workTowards { level } resources { slug } }
      gaps { competency { slug } currentLevel levelsShort workTowards { level indicators } resources { slug level } guidance { slug } }
      unassessed { slug }
      pillars { pillar assessed strengths gaps }
      suggestedResources { resource { slug level } covers { slug } score reason }
      suggestedGuidance { slug }
    }
  }`;

  interface Assessment {
    targetLevel: string;
    strengths: { competency: { slug: string }; currentLevel: string | null; levelsShort: number; workTowards: unknown; resources: unknown[] }[];
    gaps: { competency: { slug: string }; currentLevel: string | null; levelsShort: number; workTowards: { level: string; indicators: string[] }; resources: { slug: string; level: string }[]; guidance: { slug: string }[] }[];
    unassessed: { slug: string }[];
    pillars: { pillar: string; assessed: number; strengths: number; gaps: number }[];
    suggestedResources: { resource: { slug: string; level: string }; covers: { slug: string }[]; score: number; reason: string }[];
    suggestedGuidance: { slug: string }[];
  }

  test('a new CSO gets strengths, gaps largest first with the next level to work towards, and resources that fit', async () => {
    const ratings = [
      { competency: 'dcb-standards', level: 'PRACTITIONER' },
      { competency: 'confidentiality-and-anonymisation', level: 'EXPERT' },
      { competency: 'hazard-analysis-methods', level: 'FOUNDATION' },
      { competency: 'safety-case-argument', level: null },
      { competency: 'hazard-workshop-leadership', level: 'FOUNDATION' },
    ];
    const { data, errors } = await server.graphql<{ selfAssessment: Assessment }>(query, { input: { ratings } });
    expect(errors).toBeUndefined();
    const result = data!.selfAssessment;
    expect(result.targetLevel).toBe('PRACTITIONER');
    expect(result.strengths.map((s) => s.competency.slug)).toEqual(['confidentiality-and-anonymisation', 'dcb-standards']);
    for (const strength of result.strengths) expect([strength.levelsShort, strength.workTowards, strength.resources]).toEqual([0, null, []]);

    expect(result.gaps.map((g) => g.competency.slug)).toEqual(['safety-case-argument', 'hazard-workshop-leadership', 'hazard-analysis-methods']);
    const [notStarted, workshop, methods] = result.gaps;
    expect(notStarted.levelsShort).toBe(2);
    expect(notStarted.workTowards.level).toBe('FOUNDATION');
    expect(notStarted.workTowards.indicators.length).toBeGreaterThan(0);
    expect(methods.workTowards.level).toBe('PRACTITIONER');
    // Nothing at or below the level already held is suggested.
    for (const gap of [workshop, methods]) {
      expect(gap.resources.length).toBeGreaterThan(0);
      for (const resource of gap.resources) expect(resource.level).not.toBe('FOUNDATION');
      expect(gap.guidance.length).toBeGreaterThan(0);
    }
    expect(workshop.resources.map((r) => r.slug)).toContain('hazard-workshop-shadowing');

    expect(result.unassessed).toHaveLength(26 - ratings.length);
    expect(result.pillars.find((p) => p.pillar === 'knowledge')).toEqual({ pillar: 'knowledge', assessed: 3, strengths: 1, gaps: 2 });

    // The practitioner workshop closes all three gaps, so it comes first.
    const [top] = result.suggestedResources;
    expect(top.resource.slug).toBe('nhse-digital-clinical-safety-practitioner');
    expect(top.covers.map((c) => c.slug).sort()).toEqual(['hazard-analysis-methods', 'hazard-workshop-leadership', 'safety-case-argument']);
    expect(top.reason).toMatch(/^Covers 3 of your gaps/);
    const scores = result.suggestedResources.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.suggestedGuidance.map((g) => g.slug)).toContain('safety-case-argument');
  });

  test('an expert target turns practitioner ratings into gaps', async () => {
    const { data } = await server.graphql<{ selfAssessment: Assessment }>(query, {
      input: { targetLevel: 'EXPERT', ratings: [{ competency: 'dcb-standards', level: 'PRACTITIONER' }] },
    });
    expect(data!.selfAssessment.gaps.map((g) => [g.competency.slug, g.levelsShort, g.workTowards.level])).toEqual([['dcb-standards', 1, 'EXPERT']]);
  });

  test('unknown and repeated competencies are rejected, naming the argument', async () => {
    const { errors } = await server.graphql(query, {
      input: { ratings: [{ competency: 'dcb-standards', level: 'EXPERT' }, { competency: 'juggling', level: 'EXPERT' }, { competency: 'dcb-standards', level: null }] },
    });
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0].extensions?.problems).toEqual([
      { field: 'input.ratings[1].competency', message: expect.stringContaining('not a competency') },
      { field: 'input.ratings[2].competency', message: expect.stringContaining('given twice') },
    ]);
  });
});

describe('pages', () => {
  test('the framework, the catalogue and each resource have pages at their canonical URLs', async () => {
    const framework = await fetch(`${server.url}/competencies`);
    expect(framework.status).toBe(200);
    const frameworkHtml = await framework.text();
    expect(frameworkHtml).toContain('Hazard analysis and risk estimation methods');
    expect(frameworkHtml).toContain('/training?competency=hazard-analysis-methods');

    const filtered = await fetch(`${server.url}/training?competency=human-factors-knowledge&level=PRACTITIONER`);
    expect(filtered.status).toBe(200);
    const filteredHtml = await filtered.text();
    expect(filteredHtml).toContain('/training/human-factors-healthcare-learning-pathway');
    expect(filteredHtml).not.toContain('/training/patient-safety-syllabus-access-to-practice');

    const resource = await fetch(`${server.url}/training/seips-101-toolkit`);
    expect(resource.status).toBe(200);
    const resourceHtml = await resource.text();
    expect(resourceHtml).toContain('SEIPS 101');
    expect(resourceHtml).toContain('href="https://pmc.ncbi.nlm.nih.gov/articles/PMC8543199"');

    expect((await fetch(`${server.url}/training/no-such-course`)).status).toBe(404);
    expect((await fetch(`${server.url}/training?level=GURU`)).status).toBe(400);
  });
});

