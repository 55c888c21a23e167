import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-hub.js';

describe('the read API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a standard with its full clause count and a clause with parent, children and counterpart', async () => {
    const { data, errors } = await server.graphql<any>(`{
      standard(code: "DCB0129") { code version clauses(first: 5) { totalCount edges { node { number } } pageInfo { hasNextPage endCursor } } }
      clause(standard: "DCB0129", number: "2.3") { number title isRequirement parent { number } children { number obligation binds } }
      requirement: clause(standard: "dcb 0129", number: "2.3.1") { number obligation standard { code } counterpart { standardCode number url } url }
    }`);
    expect(errors).toBeUndefined();
    expect(data.standard.clauses.totalCount).toBeGreaterThan(80);
    expect(data.standard.clauses.edges.map((e: any) => e.node.number)).toEqual(['2', '2.1', '2.1.1', '2.2', '2.2.1']);
    expect(data.clause).toMatchObject({ number: '2.3', isRequirement: false, parent: { number: '2' } });
    expect(data.clause.children.map((c: any) => c.number)).toEqual(['2.3.1', '2.3.2', '2.3.3', '2.3.4']);
    expect(data.requirement).toMatchObject({ obligation: 'SHALL', standard: { code: 'DCB0129' }, counterpart: { standardCode: 'DCB0160', number: '2.3.1' } });
    expect(data.requirement.url).toMatch(/\/standards\/DCB0129\/2\.3\.1$/);
  });

  it('pages a connection with cursors and refuses an oversized page or a forged cursor with the argument named', async () => {
    const first = await server.graphql<any>('{ guidanceArticles(first: 10) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }');
    const second = await server.graphql<any>('query($after: String) { guidanceArticles(first: 10, after: $after) { edges { node { slug } } pageInfo { hasPreviousPage } } }', { after: first.data.guidanceArticles.pageInfo.endCursor });
    expect(first.data.guidanceArticles.totalCount).toBeGreaterThanOrEqual(40);
    expect(second.data.guidanceArticles.pageInfo.hasPreviousPage).toBe(true);
    const seen = new Set(first.data.guidanceArticles.edges.map((e: any) => e.node.slug));
    for (const edge of second.data.guidanceArticles.edges) expect(seen.has(edge.node.slug)).toBe(false);

    const tooMany = await server.graphql('{ guidanceArticles(first: 1000) { totalCount } }');
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'first' }] });
    const forged = await server.graphql('{ guidanceArticles(after: "bm9wZQ") { totalCount } }');
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'after' }] });
  });

  it('refetches any document by global id with node(id:)', async () => {
    const { data } = await server.graphql<any>('{ safetyCase(slug: "online-triage-app") { id hazards { id code } } guidance(slug: "cso-role") { id } }');
    const ids = [data.safetyCase.id, data.safetyCase.hazards[0].id, data.guidance.id];
    for (const id of ids) {
      const result = await server.graphql<any>('query($id: ID!) { node(id: $id) { id __typename ... on Document { slug kind url } } }', { id });
      expect(result.data.node.id).toBe(id);
    }
    const bad = await server.graphql('{ node(id: "!!") { id } }');
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves safety cases with hazard logs whose ratings agree with assessRisk', async () => {
    const { data } = await server.graphql<any>(`{
      safetyCases(first: 50, filter: { standard: "DCB0160" }) { totalCount edges { node { slug standardCode hazards { code initialRisk { severity likelihood rating } residualRisk { severity likelihood rating } status controls { type } } } } }
      riskMatrix { likelihoods { id } severities { id } ratings { rating label acceptability } cells { likelihood severity rating } }
    }`);
    expect(data.safetyCases.totalCount).toBeGreaterThanOrEqual(5);
    const cell = new Map(data.riskMatrix.cells.map((c: any) => [`${c.likelihood}/${c.severity}`, c.rating]));
    expect(cell.size).toBe(25);
    for (const edge of data.safetyCases.edges) {
      expect(edge.node.standardCode).toBe('DCB0160');
      expect(edge.node.hazards.length).toBeGreaterThanOrEqual(6);
      for (const hazard of edge.node.hazards) {
        for (const risk of [hazard.initialRisk, hazard.residualRisk]) expect(risk.rating).toBe(cell.get(`${risk.likelihood}/${risk.severity}`));
      }
    }
    const assessed = await server.graphql<any>('{ assessRisk(severity: MAJOR, likelihood: LOW) { rating label acceptability } }');
    expect(assessed.data.assessRisk.rating).toBe(3);
    expect(assessed.data.assessRisk.acceptability.length).toBeGreaterThan(10);
  });

  it('filters blueprints and guidance, and exposes blueprint versions newest first', async () => {
    const { data } = await server.graphql<any>(`{
      blueprints(first: 50, filter: { kind: HAZARD_LOG }) { totalCount edges { node { slug latestVersion versions { version changelog } latest { version variables { name type required } } } } }
      guidanceArticles(first: 50, filter: { clause: "DCB0129 2.3.1" }) { totalCount edges { node { slug clauses { number standardCode } } } }
    }`);
    expect(data.blueprints.totalCount).toBe(1);
    const hazardLog = data.blueprints.edges[0].node;
    expect(hazardLog.versions.length).toBeGreaterThanOrEqual(2);
    expect(hazardLog.versions[0].version).toBe(hazardLog.latestVersion);
    expect(hazardLog.latest.version).toBe(hazardLog.latestVersion);
    expect(data.guidanceArticles.totalCount).toBeGreaterThan(0);
    for (const edge of data.guidanceArticles.edges) expect(edge.node.clauses).toContainEqual({ number: '2.3.1', standardCode: 'DCB0129' });
  });

  it('answers unknown documents with null and malformed clause numbers with a named argument error', async () => {
    const { data } = await server.graphql<any>('{ guidance(slug: "no-such-thing") { slug } standard(code: "DCB9999") { code } }');
    expect(data).toEqual({ guidance: null, standard: null });
    const bad = await server.graphql('{ clause(standard: "DCB0129", number: "two") { title } }');
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'number' }] });
  });
});
