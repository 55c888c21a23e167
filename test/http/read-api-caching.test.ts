import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema as buildSdlSchema, GraphQLSchema, isInterfaceType, isObjectType, printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlDirective, cacheControlPlugins, CONTENT_MAX_AGE_SECONDS } from '../../src/graphql/cache-control.js';
import { getSchema } from '../../src/graphql/schema.js';
import { etagPublicGetResponses } from '../../src/http/conditional-get.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { conditionalGet } from '../support/conditional-get.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const STANDARDS_QUERY = '{ standards { code title } }';
const CLAUSE_QUERY = 'query Clause($standard: String!, $number: String!) { clause(standard: $standard, number: $number) { number title url counterpart { standardCode number } } }';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

function graphqlGetUrl(params: { query?: string; variables?: Record<string, unknown>; hash?: string }, base = server.url): string {
  const url = new URL('/graphql', base);
  if (params.query) url.searchParams.set('query', params.query);
  if (params.variables) url.searchParams.set('variables', JSON.stringify(params.variables));
  if (params.hash) url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: params.hash } }));
  return url.toString();
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('queries over GET', () => {
  it('answers a GET query with a preflight-forcing header, cacheable by anyone for the content max age', async () => {
    const response = await fetch(graphqlGetUrl({ query: STANDARDS_QUERY }), { headers: PREFLIGHT });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(`max-age=${CONTENT_MAX_AGE_SECONDS}, public`);
    const body = (await response.json()) as { data: { standards: { code: string }[] } };
    expect(body.data.standards.map((s) => s.code).sort()).toEqual(['DCB0129', 'DCB0160']);
  });

  it('refuses a simple (non-preflighted) GET as a possible cross-site request forgery, but serves a JSON POST', async () => {
    const simple = await fetch(graphqlGetUrl({ query: STANDARDS_QUERY }));
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/Cross-Site Request Forgery/);

    const post = await server.graphql<{ standards: unknown[] }>(STANDARDS_QUERY);
    expect(post.status).toBe(200);
    expect(post.data?.standards).toHaveLength(2);
  });

  it('gives every kind of content a public Cache-Control, lists and nested wrappers included', async () => {
    const queries = [
      ['clause with its counterpart', CLAUSE_QUERY, { standard: 'DCB0129', number: '2.3' }],
      ['risk matrix value objects', '{ riskMatrix { title cells { rating } ratings { label } } }', undefined],
      ['connection, edges and page info', '{ guidanceArticles(first: 2) { totalCount pageInfo { hasNextPage } edges { cursor node { title url } } } }', undefined],
      ['a Node by id', '{ standard(code: "DCB0160") { id clauses(first: 1) { edges { node { id title } } } } }', undefined],
    ] as const;
    for (const [label, query, variables] of queries) {
      const response = await fetch(graphqlGetUrl({ query, variables }), { headers: PREFLIGHT });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors, label).toBeUndefined();
      expect(response.headers.get('cache-control'), label).toBe(`max-age=${CONTENT_MAX_AGE_SECONDS}, public`);
    }
  });

  it('never caches an answer that carries errors', async () => {
    const response = await fetch(graphqlGetUrl({ query: CLAUSE_QUERY, variables: { standard: 'DCB0129', number: 'two' } }), { headers: PREFLIGHT });
    const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
    expect(body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the cache hints in the schema', () => {
  it('are declared on every object and interface type the API serves', async () => {
    const schema = await getSchema();
    expect(schema.getDirective('cacheControl')).toBeDefined();
    const missing = Object.values(schema.getTypeMap())
      .filter((type) => (isObjectType(type) || isInterfaceType(type)) && !type.name.startsWith('__'))
      .filter((type) => type !== schema.getQueryType() && type !== schema.getMutationType())
      .filter((type) => !type.astNode?.directives?.some((directive) => directive.name.value === 'cacheControl'))
      .map((type) => type.name);
    // Add `@Directive(cacheHint.content)` (or `cacheHint.viewer`) from src/graphql/cache-control.ts to these types.
    expect(missing).toEqual([]);
  });

  it('make an answer private when the request carries Authorization, and a mutation answer uncacheable', async () => {
    const hubDirective = printSchema(new GraphQLSchema({ directives: [cacheControlDirective] }));
    const schema = buildSdlSchema(`${hubDirective}
       type Article @cacheControl(maxAge: 300) { title: String }
       type Query { article: Article }
       type Mutation { publish: Article }`);
    const apollo = new ApolloServer({
      schema,
      plugins: cacheControlPlugins(),
      rootValue: { article: { title: 'Hazard logs' }, publish: { title: 'Hazard logs' } },
    });
    await apollo.start();
    try {
      const policyOf = async (query: string, headers: [string, string][] = []) => {
        const response = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json'], ...headers]), search: '', body: { query } },
          context: async () => ({}),
        });
        return response.headers.get('cache-control');
      };
      expect(await policyOf('{ article { title } }')).toBe('max-age=300, public');
      // Whoever checks the key, the answer may depend on the caller: only the caller's own cache may keep it.
      expect(await policyOf('{ article { title } }', [['authorization', 'Bearer some-key']])).toBe('max-age=300, private');
      expect(await policyOf('mutation { publish { title } }')).toBe('no-store');
    } finally {
      await apollo.stop();
    }
  });
});

describe('automatic persisted queries over GET', () => {
  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND, registers the query sent with its hash, then serves the hash alone', async () => {
    const query = '{ standards { code version } }';
    const hash = sha256(query);

    const unknown = await fetch(graphqlGetUrl({ hash }), { headers: PREFLIGHT });
    const unknownBody = (await unknown.json()) as { errors: { extensions: { code: string } }[] };
    expect(unknownBody.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // Apollo's own answer here: the same URL will succeed once the query is registered.
    expect(unknown.headers.get('cache-control')).toBe('private, no-cache, must-revalidate');

    const register = await fetch(graphqlGetUrl({ query, hash }), { headers: PREFLIGHT });
    expect(register.status).toBe(200);

    const hashOnly = await fetch(graphqlGetUrl({ hash }), { headers: PREFLIGHT });
    expect(hashOnly.status).toBe(200);
    expect(hashOnly.headers.get('cache-control')).toBe(`max-age=${CONTENT_MAX_AGE_SECONDS}, public`);
    const body = (await hashOnly.json()) as { data: { standards: { code: string }[] } };
    expect(body.data.standards).toHaveLength(2);
  });

  it('refuses a query whose text does not match the hash it claims', async () => {
    const response = await fetch(graphqlGetUrl({ query: STANDARDS_QUERY, hash: sha256('{ standards { code } }') }), { headers: PREFLIGHT });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/provided sha does not match query/i);
  });
});

describe('ETag and 304 on GET', () => {
  it('gives a public GET answer a strong ETag and answers If-None-Match with 304 and no body', async () => {
    const url = graphqlGetUrl({ query: CLAUSE_QUERY, variables: { standard: 'DCB0160', number: '2.3' } });
    const first = await fetch(url, { headers: PREFLIGHT });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    await first.arrayBuffer();

    const again = await fetch(url, { headers: PREFLIGHT });
    expect(again.headers.get('etag')).toBe(etag);
    await again.arrayBuffer();

    const revalidated = await conditionalGet(url, { ...PREFLIGHT, 'if-none-match': etag! });
    expect(revalidated).toEqual({ status: 304, etag, body: '' });

    const stale = await conditionalGet(url, { ...PREFLIGHT, 'if-none-match': '"not-the-current-body"' });
    expect(stale.status).toBe(200);
    expect((JSON.parse(stale.body) as { data: { clause: { number: string } } }).data.clause.number).toBe('2.3');
  });

  it('gives no strong ETag to a private or uncacheable answer, or to a POST', async () => {
    const isStrong = (etag: string | null) => etag !== null && !etag.startsWith('W/');
    const app = express();
    app.use(etagPublicGetResponses());
    app.get('/:policy', (req, res) => {
      res.setHeader('cache-control', { public: 'max-age=300, public', private: 'max-age=300, private', none: 'no-store' }[req.params.policy as 'public'] ?? '');
      res.send('{"data":{}}');
    });
    const local = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => local.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
      expect(isStrong((await fetch(`${base}/public`)).headers.get('etag'))).toBe(true);
      expect(isStrong((await fetch(`${base}/private`)).headers.get('etag'))).toBe(false);
      expect(isStrong((await fetch(`${base}/none`)).headers.get('etag'))).toBe(false);
    } finally {
      await new Promise((resolve) => local.close(resolve));
    }
    const post = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: STANDARDS_QUERY }) });
    expect(isStrong(post.headers.get('etag'))).toBe(false);
  });
});

describe('CORS', () => {
  const intranet = 'https://intranet.example-trust.nhs.uk';

  it('lets any origin read the API by default, with one answer for all origins', async () => {
    const response = await fetch(graphqlGetUrl({ query: STANDARDS_QUERY }), { headers: { ...PREFLIGHT, origin: intranet } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('vary') ?? '').not.toMatch(/origin/i);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('answers the browser preflight for a widget GET with the preflight header allowed, cacheable for a day', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: intranet, 'access-control-request-method': 'GET', 'access-control-request-headers': 'apollo-require-preflight' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/apollo-require-preflight/i);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(response.headers.get('access-control-max-age')).toBe('86400');
  });

  describe('with CORS_ORIGINS set', () => {
    let narrowed: RunningServer;

    beforeAll(async () => {
      // The same database and content behind a second app whose configuration carries an allow-list.
      narrowed = await listen({ ...server.hub, config: { ...server.hub.config, corsOrigins: [intranet] } }, 0, '127.0.0.1');
    });

    afterAll(async () => {
      await narrowed?.stop();
    });

    it('echoes an allowed origin and varies on Origin', async () => {
      const response = await fetch(graphqlGetUrl({ query: STANDARDS_QUERY }, narrowed.url), { headers: { ...PREFLIGHT, origin: intranet } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(intranet);
      expect(response.headers.get('vary')).toMatch(/origin/i);
    });

    it('gives another origin no CORS permission, in the preflight or the answer', async () => {
      const other = 'https://elsewhere.example.com';
      const preflight = await fetch(`${narrowed.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: other, 'access-control-request-method': 'GET', 'access-control-request-headers': 'apollo-require-preflight' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const response = await fetch(graphqlGetUrl({ query: STANDARDS_QUERY }, narrowed.url), { headers: { ...PREFLIGHT, origin: other } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('still allows the allowed origin\'s preflight', async () => {
      const preflight = await fetch(`${narrowed.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: intranet, 'access-control-request-method': 'GET', 'access-control-request-headers': 'apollo-require-preflight' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(intranet);
    });
  });
});
