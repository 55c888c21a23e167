import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-hub.js';

const SEARCH = `query Search($query: String!, $filter: SearchFilter, $first: Int, $after: String) {
  search(query: $query, filter: $filter, first: $first, after: $after) {
    totalCount
    suggestions
    pageInfo { hasNextPage endCursor }
    facets {
      kind { value label count }
      standard { value count }
      topic { value label count }
      blueprintKind { value count }
      systemType { value label count }
      setting { value label count }
    }
    edges {
      cursor
      node {
        score
        highlight
        document {
          __typename id kind slug title url
          ... on Clause { number standardCode }
          ... on Hazard { code safetyCase { slug systemType } }
        }
      }
    }
  }
}`;

interface SearchData {
  search: {
    totalCount: number;
    suggestions: string[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets: Record<string, { value: string; label?: string; count: number }[]>;
    edges: { cursor: string; node: { score: number; highlight: string; document: { __typename: string; id: string; kind: string; slug: string; title: string; url: string; number?: string; code?: string; safetyCase?: { slug: string; systemType: string } } } }[];
  };
}

describe('GraphQL search', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a clause reference with the clause first, as a full Clause document', async () => {
    const result = await server.graphql<SearchData>(SEARCH, { query: 'DCB0129 2.3', first: 3 });
    expect(result.errors).toBeUndefined();
    const [first] = result.data!.search.edges;
    expect(first.node.document).toMatchObject({ __typename: 'Clause', kind: 'CLAUSE', number: '2.3', standardCode: 'DCB0129', url: `${server.url}/standards/DCB0129/2.3` });
    expect(result.data!.search.pageInfo.hasNextPage).toBe(true);
  });

  it('finds a hazard on its own, linked to its safety case, with highlights and facets', async () => {
    const result = await server.graphql<SearchData>(SEARCH, { query: 'allergy not displayed', filter: { kind: ['HAZARD'], systemType: ['E_PRESCRIBING'] } });
    expect(result.errors).toBeUndefined();
    const { edges, facets, totalCount } = result.data!.search;
    expect(edges[0].node.document).toMatchObject({ __typename: 'Hazard', code: 'H-002', safetyCase: { slug: 'eprescribing-inpatient-rollout', systemType: 'E_PRESCRIBING' } });
    expect(edges[0].node.highlight).toContain('<mark>');
    expect(facets.kind).toEqual([{ value: 'HAZARD', label: 'HAZARD', count: totalCount }]);
    expect(facets.systemType).toEqual([{ value: 'E_PRESCRIBING', label: 'Electronic prescribing and medicines administration', count: totalCount }]);
  });

  it('suggests the corrected query for a misspelling', async () => {
    const result = await server.graphql<SearchData>(SEARCH, { query: 'clincal saftey officer', first: 5 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.search.suggestions).toEqual(['clinical safety officer']);
    expect(result.data!.search.edges.map((e) => e.node.document.slug)).toEqual(expect.arrayContaining(['cso-role']));
  });

  it('filters blueprints by kind', async () => {
    const result = await server.graphql<SearchData>(SEARCH, { query: 'template', filter: { blueprintKind: ['CSO_APPOINTMENT'] } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.search.edges.map((e) => `${e.node.document.__typename}:${e.node.document.slug}`)).toEqual(['Blueprint:cso-appointment-letter']);
  });

  it('rejects bad input with the argument named', async () => {
    const tooMany = await server.graphql(SEARCH, { query: 'hazard', first: 500 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'first' }] });
    const tooLong = await server.graphql(SEARCH, { query: 'x'.repeat(300) });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'query' }] });
    const badCursor = await server.graphql(SEARCH, { query: 'hazard', after: 'not-a-cursor' });
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'after' }] });
    const manyTopics = await server.graphql(SEARCH, { query: 'hazard', filter: { topic: Array.from({ length: 21 }, (_, i) => `topic-${i}`) } });
    expect(manyTopics.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'filter.topic' }] });
  });

  it('reports the search backend on /readyz', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { search: 'ok' }, search: { configured: 'postgres', active: 'postgres', state: 'ok' } });
  });
});
