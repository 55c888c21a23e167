import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-hub.js';

/**
 * Property-based hostile input over HTTP against a hub in production mode. Whatever arrives, the hub answers
 * below 500, its answer shows no stack trace, SQL, file path or library internals, and it answers the next
 * ordinary request. Each property has a bounded number of runs and a time budget, so the suite stays fast.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { NODE_ENV: 'production' } });
});
afterAll(async () => {
  await server?.close();
});

const RUNS = 40;
const TIME_BUDGET_MS = 25_000;
const settings = { numRuns: RUNS, plugins: [fc.interruptAfterTimeLimit(TIME_BUDGET_MS)] };

/** What must never reach a client. The generators below avoid these words, so a match is a real leak. */
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\bat (?:async )?[\w$.<>[\] ]+ \(|\bat (?:file:\/\/|\/)|stacktrace/i],
  ['file path', /\/(?:work|home|usr|tmp|app)\/|node_modules|\b[\w.-]+\.(?:ts|js|mjs|cjs):\d+/],
  ['SQL', /\b(?:select|insert\s+into|delete\s+from|update)\b[^"]*\b(?:from|values|set|where)\b|\brelation "|syntax error at or near|violates \w+ constraint/i],
  ['library internals', /mikro-?orm|\bknex\b|pglite|postgres(?:ql)?:\/\/|TypeError|ReferenceError/i],
];

interface Exchange {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

async function exchange({ method = 'POST', path = '/graphql', headers = {}, body }: Exchange): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}${path}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : (body as BodyInit | undefined) });
  return { status: response.status, text: await response.text() };
}

async function expectSafeAnswer(request: Exchange): Promise<void> {
  const { status, text } = await exchange(request);
  expect(status, `${request.method ?? 'POST'} ${request.path ?? '/graphql'} answered ${status}: ${text.slice(0, 300)}`).toBeLessThan(500);
  for (const [what, pattern] of LEAKS) expect(text, `the answer leaks a ${what}: ${text.slice(0, 300)}`).not.toMatch(pattern);
  // Still standing: the next ordinary request is answered.
  const next = await exchange({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  expect(next.status).toBe(200);
  expect(JSON.parse(next.text)).toEqual({ data: { __typename: 'Query' } });
}

const json = (payload: unknown): Exchange => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });

// Field and argument names of the real schema, so generated documents get past the parser and into validation.
const names = fc.constantFrom('standards', 'standard', 'clause', 'clauses', 'guidanceArticles', 'node', 'edges', 'title', 'id', 'children', 'counterpart', '__typename', 'riskMatrix', 'cells', 'blueprints', 'safetyCases', 'hazards', 'nope');
const punctuation = fc.constantFrom('{', '}', '(', ')', '[', ']', ':', '$', '@', '!', '...', '"', '\\', '#', '\n', ',', '=', '|', '&', ' ', '"""', '\u0000', '\uffff', '\ud800');

const validQueries = [
  '{ standards { code title clauses(first: 3) { totalCount edges { cursor node { id number title } } } } }',
  'query Page($first: Int, $after: String) { guidanceArticles(first: $first, after: $after) { edges { node { slug title } } pageInfo { endCursor } } }',
  '{ clause(standard: "DCB0129", number: "2.3.1") { title counterpart { title standard { code } } } }',
  'query One($id: ID!) { node(id: $id) { id ... on Document { title url } } }',
  '{ riskMatrix { cells { severity likelihood rating } } }',
];

/** Documents: random text, mangled real queries, deep nesting, alias / directive / fragment floods, huge strings. */
const documents = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.tuple(fc.constantFrom(...validQueries), fc.array(fc.tuple(fc.nat(), fc.oneof(names, punctuation)), { maxLength: 8 })).map(([query, edits]) =>
    edits.reduce((text, [at, piece]) => text.slice(0, at % (text.length + 1)) + piece + text.slice(at % (text.length + 1)), query),
  ),
  fc.tuple(fc.integer({ min: 1, max: 5000 }), names).map(([depth, name]) => `{ ${`${name} { `.repeat(depth)}__typename${' }'.repeat(depth)} }`),
  fc.integer({ min: 1, max: 4000 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`),
  fc.integer({ min: 1, max: 4000 }).map((n) => `{ __typename ${'@skip(if: false) '.repeat(n)}}`),
  fc.integer({ min: 1, max: 40 }).map((n) => `{ ...F${n} } fragment F0 on Query { __typename } ${Array.from({ length: n }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(' ')}`),
  fc.constant('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
  fc.integer({ min: 1, max: 900_000 }).map((n) => `{ standard(code: "${'x'.repeat(n)}") { title } }`),
  fc.integer({ min: 1, max: 300 }).map((n) => Array.from({ length: n }, (_, i) => `query Q${i} { __typename }`).join(' ')),
);

/**
 * Variables as JSON text: anything JSON can carry, wrong types, long strings, and nesting deeper than any
 * parser should recurse into (kept as text so the test itself never holds or prints such a value).
 */
const variables = fc.oneof(
  fc.constant('null'),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.record({ first: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.jsonValue()), after: fc.oneof(fc.string(), fc.jsonValue()), id: fc.oneof(fc.string(), fc.jsonValue()) }).map((value) => JSON.stringify(value)),
  fc.tuple(fc.constantFrom('id', 'first', 'after'), fc.constantFrom('[', '{"a":'), fc.integer({ min: 1, max: 20_000 })).map(([name, open, depth]) => `{"${name}":${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}}`),
);

/** Cursors and global ids: random strings, and base64 of plausible-looking but wrong contents. */
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const opaqueIds = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.string({ maxLength: 60 }).map(base64),
  fc.tuple(fc.constantFrom('o', 'Standard', 'Clause', 'GuidanceArticle', 'Blueprint', 'SafetyCase', 'Hazard', 'Nope', ''), fc.oneof(fc.string({ maxLength: 40 }), fc.bigInt().map(String), fc.double().map(String))).map(([kind, key]) => base64(`${kind}:${key}`)),
  fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  fc.integer({ min: 60_000, max: 200_000 }).map((n) => 'A'.repeat(n)),
);

describe('hostile input never breaks the hub', () => {
  it('survives random and malformed documents with random variables', async () => {
    await fc.assert(fc.asyncProperty(documents, variables, fc.option(fc.string({ maxLength: 40 })), async (query, vars, operationName) => {
      const body = `{"query":${JSON.stringify(query)},"variables":${vars},"operationName":${JSON.stringify(operationName)}}`;
      await expectSafeAnswer({ headers: { 'content-type': 'application/json' }, body });
    }), settings);
  });

  it('refuses a NUL character in an argument or variable with BAD_USER_INPUT naming where it was', async () => {
    const cases: [unknown, string][] = [
      [{ query: '{ safetyCase(slug: "ambulance\\u0000dispatch") { slug } }' }, 'slug'],
      [{ query: 'query($q: String!) { search(query: $q) { totalCount } }', variables: { q: 'wrong\u0000patient' } }, '$q'],
      [{ query: 'query($f: SearchFilter) { search(query: "hazard", filter: $f) { totalCount } }', variables: { f: { topic: ['ok', 'bad\u0000'] } } }, '$f.topic[1]'],
    ];
    for (const [payload, named] of cases) {
      const { status, text } = await exchange(json(payload));
      expect(status).toBe(400);
      const answer = JSON.parse(text) as { errors: { message: string; extensions: { code: string; problems: { field: string }[] } }[] };
      expect(answer.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(answer.errors[0].extensions.problems.map((p) => p.field)).toEqual([named]);
      expect(answer.errors[0].message).toContain(named);
    }
    const ordinary = await exchange(json({ query: 'query($q: String!) { search(query: $q) { totalCount } }', variables: { q: 'wrong patient' } }));
    expect(ordinary.status).toBe(200);
  });

  it('survives bad cursors and bad global ids', async () => {
    await fc.assert(fc.asyncProperty(opaqueIds, opaqueIds, fc.integer({ min: -5, max: 200 }), async (cursor, id, first) => {
      await expectSafeAnswer(json({ query: validQueries[1], variables: { first, after: cursor } }));
      await expectSafeAnswer(json({ query: validQueries[3], variables: { id } }));
      await expectSafeAnswer(json({ query: `{ node(id: ${JSON.stringify(id)}) { id } }` }));
    }), settings);
  });

  it('survives request bodies that are not GraphQL requests: wrong shapes, wrong bytes, invalid UTF-8', async () => {
    const bodies = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 500 }),
      fc.uint8Array({ maxLength: 2000 }),
      // Valid JSON framing around bytes that are not UTF-8.
      fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.concat([Buffer.from('{"query":"'), Buffer.from(bytes.map((b) => b | 0x80)), Buffer.from('"}')])),
      fc.record({ query: fc.oneof(fc.jsonValue(), fc.string()), variables: fc.oneof(fc.string(), fc.jsonValue()), extensions: fc.jsonValue() }).map((value) => JSON.stringify(value)),
      fc.integer({ min: 1, max: 30 }).map((n) => JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' })))),
      fc.integer({ min: 1_048_000, max: 1_200_000 }).map((n) => JSON.stringify({ query: `{ __typename } #${'x'.repeat(n)}` })),
    );
    await fc.assert(fc.asyncProperty(bodies, async (body) => {
      await expectSafeAnswer({ headers: { 'content-type': 'application/json' }, body });
    }), settings);
  });

  it('survives wrong content types, methods, headers and paths', async () => {
    const contentTypes = fc.constantFrom('text/plain', 'application/graphql', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/xml', 'application/json; charset=""', '', '*/*', 'application/json, text/plain');
    const methods = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');
    const junk = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('%ff', '%zz', '%00', '..%2f..%2fetc%2fpasswd', '%c0%ae', '\u202e', '%E2%80%AE'));
    const paths = fc.tuple(fc.constantFrom('/graphql', '/graphql/', '/standards/', '/guidance/', '/blueprints/', '/safety-cases/', '/search?q=', '/graphql?query=', '/', '/metrics/', '/readyz/'), junk).map(([prefix, rest]) => `${prefix}${encodeURI(rest).replace(/%25/g, '%')}`);
    const headerValues = fc.string({ maxLength: 100 }).map((value) => value.replace(/[^\t\x20-\x7e]/g, ''));
    await fc.assert(fc.asyncProperty(methods, paths, contentTypes, headerValues, fc.option(headerValues), async (method, path, contentType, accept, authorization) => {
      const headers: Record<string, string> = { accept, 'apollo-require-preflight': '1' };
      if (contentType) headers['content-type'] = contentType;
      if (authorization !== null) headers.authorization = `Bearer ${authorization}`;
      await expectSafeAnswer({ method, path, headers, body: JSON.stringify({ query: '{ __typename }' }) });
    }), settings);
  });
});
