import { readFile } from 'node:fs/promises';
import { parse } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { costEstimator } from '../../src/graphql/limits.js';
import { getSchema } from '../../src/graphql/schema.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/**
 * Each operation limit, hit over HTTP, answers with a stable code naming it. The hub runs with the shipped
 * defaults (the limits are not loosened for tests), so these also pin the documented values.
 */
let server: TestServer;
const defaults = loadConfig({}).graphqlLimits;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

type GraphqlBody = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: GraphqlBody; headers: Headers }> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphqlBody };
}

function expectLimit(result: { status: number; body: GraphqlBody }, limit: string, maximum: number) {
  expect(result.status).toBe(400);
  expect(result.body.data).toBeUndefined();
  expect(result.body.errors).toHaveLength(1);
  const [error] = result.body.errors!;
  expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit, maximum });
  expect(error.message).toContain(String(maximum));
}

/** `clause { counterpart { ... title } }`: a chain of single objects, deep but cheap. */
function chain(depth: number): string {
  const links = depth - 2;
  return `{ clause(standard: "DCB0129", number: "2.3.1") { ${'counterpart { '.repeat(links)}title${' }'.repeat(links)} } }`;
}

describe('documented defaults', () => {
  it('are the values docs/security.md lists', () => {
    expect(defaults).toEqual({ maxDepth: 12, maxAliases: 30, maxDirectives: 50, maxTokens: 5000, maxCost: 20000, timeoutMs: 10000 });
    expect(loadConfig({}).rateLimit).toEqual({ windowSeconds: 60, perAddress: 600, perKey: 3000 });
  });

  it('reject values that are not whole numbers, naming the variable', () => {
    expect(() => loadConfig({ GRAPHQL_MAX_DEPTH: 'deep' })).toThrow(/GRAPHQL_MAX_DEPTH must be a whole number/);
    expect(() => loadConfig({ GRAPHQL_TIMEOUT_MS: '0' })).toThrow(/GRAPHQL_TIMEOUT_MS must be a whole number of at least 1/);
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: 'maybe' })).toThrow(/GRAPHQL_INTROSPECTION must be true or false/);
  });
});

describe('depth', () => {
  it('answers a query at the limit', async () => {
    const result = await post(server.url, { query: chain(defaults.maxDepth) });
    expect(result.body.errors).toBeUndefined();
    expect(result.status).toBe(200);
  });

  it('refuses one level deeper with limit "depth"', async () => {
    expectLimit(await post(server.url, { query: chain(defaults.maxDepth + 1) }), 'depth', defaults.maxDepth);
  });

  it('counts depth through fragments', async () => {
    const query = `query { ...Deep } fragment Deep on Query ${chain(defaults.maxDepth + 1)}`;
    expectLimit(await post(server.url, { query }), 'depth', defaults.maxDepth);
  });
});

describe('aliases', () => {
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;

  it('answers the maximum number of aliases', async () => {
    const result = await post(server.url, { query: aliases(defaults.maxAliases) });
    expect(result.status).toBe(200);
    expect(Object.keys(result.body.data as object)).toHaveLength(defaults.maxAliases);
  });

  it('refuses one more with limit "aliases"', async () => {
    expectLimit(await post(server.url, { query: aliases(defaults.maxAliases + 1) }), 'aliases', defaults.maxAliases);
  });
});

describe('directives', () => {
  const directives = (n: number) => `{ ${Array.from({ length: n }, () => '... @include(if: true) { __typename }').join(' ')} }`;

  it('answers the maximum number of directives', async () => {
    const result = await post(server.url, { query: directives(defaults.maxDirectives) });
    expect(result.body.errors).toBeUndefined();
  });

  it('refuses one more with limit "directives"', async () => {
    expectLimit(await post(server.url, { query: directives(defaults.maxDirectives + 1) }), 'directives', defaults.maxDirectives);
  });
});

describe('tokens', () => {
  it('refuses a document longer than the token limit before parsing it whole', async () => {
    const query = `{ ${'__typename '.repeat(defaults.maxTokens)} }`;
    expectLimit(await post(server.url, { query }), 'tokens', defaults.maxTokens);
  });
});

describe('cost', () => {
  // 1 + first x (edges 1 + node 1 + title 1 + clauses (1 + 10 x (title 1 + children (1 + 10 x 1)))) = 1 + first x 124
  const query = 'query Page($first: Int) { guidanceArticles(first: $first) { edges { node { title clauses { title children { title } } } } } }';

  it('multiplies a list by its `first` argument, given as a variable', async () => {
    const small = await post(server.url, { query, variables: { first: 5 } });
    expect(small.body.errors).toBeUndefined();
    expect(small.status).toBe(200);

    const result = await post(server.url, { query: query.replace('title clauses', 'title related: relatedGuidance { clauses { children { title } } } clauses'), variables: { first: 100 } });
    expectLimit(result, 'cost', defaults.maxCost);
    expect(result.body.errors![0].extensions!.actual).toBeGreaterThan(defaults.maxCost);
  });

  it('costs the example in docs/security.md as the document says', async () => {
    const query = parse('{ guidanceArticles(first: 100) { edges { node { title clauses { title } } } } }');
    expect(getComplexity({ schema: await getSchema(), query, estimators: [costEstimator] })).toBe(1401);
    expect(await readFile('docs/security.md', 'utf8')).toContain('= 1401');
  });

  it('costs an omitted `first` at the default page size', async () => {
    const nested = '{ guidanceArticles { edges { node { clauses { children { children { children { title } } } } } } } }';
    expectLimit(await post(server.url, { query: nested }), 'cost', defaults.maxCost);
  });
});

describe('page size', () => {
  it('refuses `first` above 100 with BAD_USER_INPUT naming the argument', async () => {
    const result = await post(server.url, { query: '{ guidanceArticles(first: 101) { totalCount } }' });
    expect(result.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'first' }] });
  });
});

describe('batching', () => {
  it('refuses a batch of operations', async () => {
    const result = await post(server.url, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(result.status).toBe(400);
    expect(result.body.errors![0].extensions!.code).toBe('BAD_REQUEST');
    expect(result.body.errors![0].message).toMatch(/batching/i);
  });
});

describe('timeout', () => {
  let slow: RunningServer;
  beforeAll(async () => {
    // A second app over the same database, with a timeout no request can meet.
    slow = await listen({ ...server.hub, config: { ...server.hub.config, graphqlLimits: { ...defaults, timeoutMs: 1 } } }, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await slow?.stop();
  });

  it('answers TIMEOUT when a request runs past GRAPHQL_TIMEOUT_MS, and the next request is served', async () => {
    const result = await post(slow.url, { query: '{ standards { clauses(first: 100) { edges { node { title children { title } } } } } }' });
    const codes = result.body.errors?.map((e) => e.extensions?.code);
    expect(codes).toContain('TIMEOUT');
    if (result.status === 503) expect(Number(result.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const next = await post(server.url, { query: '{ __typename }' });
    expect(next.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('introspection and field suggestions', () => {
  let production: RunningServer;
  beforeAll(async () => {
    const { introspection, fieldSuggestions } = loadConfig({ NODE_ENV: 'production' });
    production = await listen({ ...server.hub, config: { ...server.hub.config, nodeEnv: 'production', introspection, fieldSuggestions } }, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await production?.stop();
  });

  it('are on outside production', async () => {
    const schema = await post(server.url, { query: '{ __schema { queryType { name } } }' });
    expect(schema.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await post(server.url, { query: '{ standardz { title } }' });
    expect(typo.body.errors![0].message).toMatch(/Did you mean/);
  });

  it('are off by default in production', async () => {
    const schema = await post(production.url, { query: '{ __schema { queryType { name } } }' });
    expect(schema.status).toBe(400);
    expect(schema.body.errors![0].message).toMatch(/introspection is not allowed/i);
    const typo = await post(production.url, { query: '{ standardz { title } }' });
    expect(typo.body.errors![0].message).toBe('Cannot query field "standardz" on type "Query".');
  });

  it('can be turned on in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_FIELD_SUGGESTIONS: 'true' });
    expect(config.introspection).toBe(true);
    expect(config.fieldSuggestions).toBe(true);
  });
});
