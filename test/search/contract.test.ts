import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentKind } from '../../src/graphql/document.js';
import { ingestContent } from '../../src/modules/ingest/ingest.service.js';
import type { FacetField, SearchDocument, SearchFilter } from '../../src/modules/search/search-backend.js';
import type { SearchHitResult, SearchOutput } from '../../src/modules/search/search.service.js';
import { rebuildSearchTerms } from '../../src/modules/search/search-terms.js';
import { copyContent } from '../support/content-copy.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

/**
 * The contract every search backend must meet, run against PostgreSQL full-text search always and against
 * Meilisearch whenever MEILI_HOST is set. Each backend answers through the hub's search service, which must
 * report that backend as the one that answered (a silent fallback would hide a broken Meilisearch).
 */
function searchContract(backend: 'postgres' | 'meilisearch', env: Record<string, string>) {
  let testHub: TestHub;
  let content: Awaited<ReturnType<typeof copyContent>>;

  const search = async (query: string, options: { filter?: SearchFilter; first?: number; after?: string } = {}): Promise<SearchOutput> => {
    const result = await testHub.hub.search.search(testHub.hub.db.orm.em.fork(), { query, ...options });
    expect(result.backend).toBe(backend);
    expect(result.degraded).toBe(false);
    return result;
  };
  const keysOf = (hits: SearchHitResult[]) => hits.map((h) => `${h.kind}:${h.key}`);
  const allHits = async (query: string, filter?: SearchFilter): Promise<SearchHitResult[]> => {
    const hits: SearchHitResult[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await search(query, { filter, first: 100, after });
      hits.push(...page.hits);
      if (!page.pageInfo.hasNextPage) return hits;
      after = page.pageInfo.endCursor!;
    }
  };
  const reingest = async () => {
    await ingestContent(testHub.hub, { contentDir: content.dir, onChanges: testHub.hub.search.indexChanges });
    await testHub.hub.search.drainOutbox();
  };

  beforeAll(async () => {
    content = await copyContent();
    testHub = await startTestHub({ contentDir: content.dir, env });
    await testHub.hub.search.drainOutbox();
  });
  afterAll(async () => {
    const meili = testHub?.hub.search.meili as { client?: { deleteIndexIfExists(uid: string): Promise<boolean> }; indexUid?: string } | null;
    if (meili?.client && meili.indexUid) await meili.client.deleteIndexIfExists(meili.indexUid);
    await testHub?.close();
    await content?.dispose();
  });

  it('puts a referenced clause first, then the clauses under it in order', async () => {
    const section = await search('DCB0129 2.3');
    expect(keysOf(section.hits).slice(0, 5)).toEqual(['CLAUSE:DCB0129 2.3', 'CLAUSE:DCB0129 2.3.1', 'CLAUSE:DCB0129 2.3.2', 'CLAUSE:DCB0129 2.3.3', 'CLAUSE:DCB0129 2.3.4']);
    expect(keysOf((await search('0160 clause 4.1')).hits)[0]).toBe('CLAUSE:DCB0160 4.1');
    expect(keysOf((await search('dcb 129 3.2.1')).hits)[0]).toBe('CLAUSE:DCB0129 3.2.1');
    expect(keysOf((await search('2.5.1')).hits).slice(0, 2)).toEqual(['CLAUSE:DCB0129 2.5.1', 'CLAUSE:DCB0160 2.5.1']);
    const withWords = await search('DCB0129 3.3.2 hazard log approval');
    expect(keysOf(withWords.hits)[0]).toBe('CLAUSE:DCB0129 3.3.2');
    expect(withWords.understood.pinnedClauses).toEqual(['DCB0129 3.3.2']);
  });

  it('finds hazards on their own, with their safety case facets', async () => {
    const result = await search('allergy not displayed');
    expect(keysOf(result.hits)[0]).toBe('HAZARD:eprescribing-inpatient-rollout/H-002');
    const hazards = await allHits('wrong patient', { kinds: [DocumentKind.HAZARD] });
    expect(hazards.length).toBeGreaterThanOrEqual(8);
    expect(hazards.every((h) => h.kind === DocumentKind.HAZARD)).toBe(true);
    const onEprescribing = await allHits('wrong patient', { kinds: [DocumentKind.HAZARD], systemTypes: ['E_PRESCRIBING'] });
    expect(keysOf(onEprescribing)).toContain('HAZARD:eprescribing-inpatient-rollout/H-003');
    expect(onEprescribing.every((h) => h.key.startsWith('eprescribing-inpatient-rollout/'))).toBe(true);
  });

  it('matches acronyms and their expansions both ways, and corrects misspellings', async () => {
    expect(keysOf((await search('CSCR')).hits).slice(0, 3)).toEqual(expect.arrayContaining(['BLUEPRINT:clinical-safety-case-report']));
    expect(keysOf((await search('clinical safety case report')).hits).slice(0, 3)).toEqual(expect.arrayContaining(['BLUEPRINT:clinical-safety-case-report']));
    const typo = await search('harzard log');
    expect(typo.suggestions).toEqual(['hazard log']);
    expect(typo.hits.slice(0, 3).map((h) => h.title.toLowerCase()).every((title) => title.includes('hazard log'))).toBe(true);
  });

  it('narrows by every filter field, combining fields with AND and values with OR', async () => {
    const blueprints = await allHits('hazard', { kinds: [DocumentKind.BLUEPRINT] });
    expect(blueprints.length).toBeGreaterThan(0);
    expect(blueprints.every((h) => h.kind === DocumentKind.BLUEPRINT)).toBe(true);
    const hazardLogs = await allHits('', { blueprintKinds: ['HAZARD_LOG'] });
    expect(keysOf(hazardLogs)).toEqual(['BLUEPRINT:hazard-log']);
    const either = await allHits('', { kinds: [DocumentKind.GUIDANCE, DocumentKind.BLUEPRINT], topics: ['decommissioning'] });
    expect(keysOf(either)).toEqual(expect.arrayContaining(['GUIDANCE:decommissioning', 'BLUEPRINT:decommissioning-plan']));
    expect(either.every((h) => h.kind === DocumentKind.GUIDANCE || h.kind === DocumentKind.BLUEPRINT)).toBe(true);
    const deployment = await search('', { filter: { standards: ['DCB0160'], kinds: [DocumentKind.CLAUSE] }, first: 100 });
    expect(deployment.hits.every((h) => h.key.startsWith('DCB0160 '))).toBe(true);
    expect(deployment.totalCount).toBe(deployment.facets.kind.find((f) => f.value === 'CLAUSE')?.count);
    const inCommunity = await allHits('', { settings: ['COMMUNITY'], systemTypes: ['EOBS'] });
    expect(keysOf(inCommunity)).toEqual(expect.arrayContaining(['SAFETY_CASE:community-eobs', 'HAZARD:community-eobs/H-001']));
    const facetsOf = await testHub.hub.db.orm.em.fork().execute<{ id: string; system_type: string; setting: string }[]>("select kind || ':' || key as id, system_type, setting from search_entry");
    const byId = new Map(facetsOf.map((r) => [r.id, r]));
    expect(keysOf(inCommunity).every((id) => byId.get(id)?.setting === 'COMMUNITY' && byId.get(id)?.system_type === 'EOBS')).toBe(true);
    expect((await search('hazard', { filter: { settings: ['COMMUNITY'], systemTypes: ['PACS'] } })).totalCount).toBe(0);
  });

  it('counts facets over every hit, not just the page', async () => {
    const first = await search('hazard log', { first: 5 });
    const hits = await allHits('hazard log');
    expect(hits.length).toBe(first.totalCount);
    const documents = new Map<string, SearchDocument>();
    const em = testHub.hub.db.orm.em.fork();
    const rows = await em.execute<{ kind: string; key: string; standards: string[]; topics: string[]; blueprint_kind: string | null; system_type: string | null; setting: string | null }[]>(
      'select kind, key, standards, topics, blueprint_kind, system_type, setting from search_entry',
    );
    for (const row of rows) documents.set(`${row.kind}:${row.key}`, { standards: row.standards, topics: row.topics, blueprintKind: row.blueprint_kind, systemType: row.system_type, setting: row.setting } as SearchDocument);
    const expected: Record<FacetField, Map<string, number>> = { kind: new Map(), standard: new Map(), topic: new Map(), blueprintKind: new Map(), systemType: new Map(), setting: new Map() };
    const bump = (field: FacetField, value: string | null) => value && expected[field].set(value, (expected[field].get(value) ?? 0) + 1);
    for (const hit of hits) {
      const doc = documents.get(`${hit.kind}:${hit.key}`)!;
      bump('kind', hit.kind);
      doc.standards.forEach((s) => bump('standard', s));
      doc.topics.forEach((t) => bump('topic', t));
      bump('blueprintKind', doc.blueprintKind);
      bump('systemType', doc.systemType);
      bump('setting', doc.setting);
    }
    for (const field of Object.keys(expected) as FacetField[]) {
      const counted = Object.fromEntries(first.facets[field].map((f) => [f.value, f.count]));
      expect(counted, field).toEqual(Object.fromEntries(expected[field]));
    }
    expect(first.facets.topic.find((f) => f.value === 'hazard-log')?.label).toBe('Hazard logs');
  });

  it('pages through results in a stable order with cursors', async () => {
    const whole = await search('clinical safety officer', { first: 20 });
    const pages: SearchHitResult[] = [];
    let after: string | undefined;
    for (let i = 0; i < 4; i++) {
      const page = await search('clinical safety officer', { first: 5, after });
      expect(page.totalCount).toBe(whole.totalCount);
      expect(page.pageInfo.hasPreviousPage).toBe(i > 0);
      pages.push(...page.hits);
      after = page.pageInfo.endCursor!;
    }
    expect(keysOf(pages)).toEqual(keysOf(whole.hits));
    const pinned = await search('DCB0160 7.4', { first: 2 });
    const next = await search('DCB0160 7.4', { first: 3, after: pinned.pageInfo.endCursor! });
    expect(keysOf([...pinned.hits, ...next.hits])).toEqual(keysOf((await search('DCB0160 7.4', { first: 5 })).hits));
    await expect(search('hazard', { first: 0 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('returns HTML-safe highlights with <mark> around matches', async () => {
    const result = await search('alert fatigue');
    const marked = result.hits.filter((h) => h.highlight.includes('<mark>'));
    expect(marked.length).toBeGreaterThan(0);
    for (const hit of result.hits) expect(hit.highlight.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('indexes content changes with the ingest and drops unpublished documents', async () => {
    // Letters only: the spelling vocabulary keeps words, not codes with digits.
    const word = `quokka${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
    expect((await search(word)).totalCount).toBe(0);
    await content.edit('safety-cases/ambulance-dispatch-upgrade.md', (text) => text.replace(/(code: H-001\n\s+title: )([^\n]+)/, `$1$2 (${word})`));
    await reingest();
    // The hazard itself first; its safety case lists its hazards' titles, so it matches too.
    expect(keysOf((await search(word)).hits)).toEqual(['HAZARD:ambulance-dispatch-upgrade/H-001', 'SAFETY_CASE:ambulance-dispatch-upgrade']);
    // The spelling vocabulary learnt the new word, so it is never "corrected" into something else.
    const learnt = await testHub.hub.db.orm.em.fork().execute<{ documents: number }[]>('select documents from search_term where word = ?', [word]);
    expect(learnt).toEqual([{ documents: 2 }]);
    const ambulanceCase = { kinds: [DocumentKind.SAFETY_CASE, DocumentKind.HAZARD], settings: ['AMBULANCE'] };
    expect((await allHits('', ambulanceCase)).length).toBe(11);

    await content.remove('safety-cases/ambulance-dispatch-upgrade.md');
    await reingest();
    expect((await search(word)).totalCount).toBe(0);
    expect(await allHits('', ambulanceCase)).toEqual([]);
    // Counts were moved by the change, not rebuilt: they must equal what a full rebuild gives (ranking uses them).
    const em = testHub.hub.db.orm.em.fork();
    const vocabulary = () => em.execute<{ word: string; documents: number }[]>('select word, documents from search_term order by word collate "C"');
    const counted = await vocabulary();
    expect(counted.some((row) => row.word === word)).toBe(false);
    await em.transactional((tx) => rebuildSearchTerms(tx));
    expect(await vocabulary()).toEqual(counted);
  });

  it('reindexes idempotently', async () => {
    const queries = ['wrong patient', 'DCB0160 7.4', 'CSCR', ''];
    const before = await Promise.all(queries.map((q) => search(q, { first: 30 })));
    const first = await testHub.hub.search.reindex(testHub.hub.db.orm.em.fork());
    const second = await testHub.hub.search.reindex(testHub.hub.db.orm.em.fork());
    expect(second.postgres.indexed).toBe(first.postgres.indexed);
    expect(second.postgres.removed).toBe(0);
    if (backend === 'meilisearch') expect(second.meilisearch?.indexed).toBe(first.meilisearch?.indexed);
    const after = await Promise.all(queries.map((q) => search(q, { first: 30 })));
    after.forEach((result, i) => {
      expect(result.totalCount).toBe(before[i].totalCount);
      expect(keysOf(result.hits)).toEqual(keysOf(before[i].hits));
    });
  });
}

describe('search contract: PostgreSQL full-text search', () => {
  searchContract('postgres', {});
});

const meiliHost = process.env.MEILI_HOST;
describe.skipIf(!meiliHost)(`search contract: Meilisearch${meiliHost ? '' : ' (skipped: set MEILI_HOST, and MEILI_API_KEY if needed, to run it against a Meilisearch server)'}`, () => {
  searchContract('meilisearch', { MEILI_HOST: meiliHost ?? '', MEILI_API_KEY: process.env.MEILI_API_KEY ?? '', MEILI_INDEX_PREFIX: `dcs_contract_${randomBytes(4).toString('hex')}` });
});
