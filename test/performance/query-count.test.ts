import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-hub.js';

// The corpus generator is a plain Node script shared with the benchmark.
// @ts-expect-error no type declarations for the .mjs script
import { generateCorpus } from '../../scripts/generate-corpus.mjs';

/** Counts SQL statements issued while `fn` runs, through knex's query event. */
async function countStatements(server: TestServer, fn: () => Promise<unknown>): Promise<number> {
  const knex = server.hub.db.orm.em.getConnection().getKnex();
  let count = 0;
  const listener = () => {
    count += 1;
  };
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.off('query', listener);
  }
  return count;
}

describe('SQL statements per GraphQL request do not grow with page size', () => {
  let server: TestServer;
  let corpus: string;
  beforeAll(async () => {
    corpus = await mkdtemp(join(tmpdir(), 'dcs-hub-corpus-'));
    generateCorpus({ docs: 420, out: corpus, seed: 7 });
    server = await startTestServer({ contentDir: corpus });
  });
  afterAll(async () => {
    await server?.close();
    await rm(corpus, { recursive: true, force: true });
  });

  const queries = {
    'safety cases with hazards and their clauses': `query($first: Int) { safetyCases(first: $first) { totalCount edges { node { slug hazards { code residualRisk { rating } clauses { number title } } clauses { number title standard { code } } } } } }`,
    'guidance with clauses, counterparts and related articles': `query($first: Int) { guidanceArticles(first: $first) { edges { node { slug clauses { number counterpart { number } parent { number } } relatedGuidance { slug } } } } }`,
    // Hits of one kind, so both pages name the same document types; each type is fetched in one statement.
    'search hits with their hazards and safety cases': `query($first: Int) { search(query: "patient", first: $first, filter: { kind: [HAZARD] }) { edges { node { score document { title url ... on Hazard { code safetyCase { slug } } } } } } }`,
    'search hits with their guidance articles': `query($first: Int) { search(query: "safety", first: $first, filter: { kind: [GUIDANCE] }) { edges { node { score document { title url ... on GuidanceArticle { clauses { number } } } } } } }`,
    'blueprints with versions and clauses': `query($first: Int) { blueprints(first: $first) { edges { node { slug versions { version clauses { number } } latest { version } } } } }`,
  };

  for (const [name, query] of Object.entries(queries)) {
    it(name, async () => {
      // Per-process state loaded once (search's glossary and vocabulary) is not a per-request cost.
      await server.graphql<any>(query, { first: 1 });
      const small = await countStatements(server, async () => {
        const result = await server.graphql<any>(query, { first: 10 });
        expect(result.errors).toBeUndefined();
      });
      const large = await countStatements(server, async () => {
        const result = await server.graphql<any>(query, { first: 50 });
        expect(result.errors).toBeUndefined();
        const connection = Object.values(result.data!)[0] as { edges: unknown[] };
        expect(connection.edges.length).toBeGreaterThan(10);
      });
      console.log(`${name}: ${small} statements for first: 10, ${large} for first: 50`);
      expect(large).toBe(small);
    });
  }
});
