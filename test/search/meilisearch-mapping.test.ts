import { describe, expect, it } from 'vitest';
import { DocumentKind } from '../../src/graphql/document.js';
import { buildMeiliFilter, buildMeiliSettings, buildSynonyms, meiliDocumentId, toMeiliDocument } from '../../src/modules/search/meilisearch.backend.js';
import type { SearchDocument } from '../../src/modules/search/search-backend.js';

/** What can be checked without a Meilisearch server: documents, ids, settings and filters as sent to it. */
describe('Meilisearch document mapping and settings', () => {
  const clause: SearchDocument = {
    kind: DocumentKind.CLAUSE,
    key: 'DCB0129 2.3.1',
    entityId: 42,
    path: '/standards/DCB0129/2.3.1',
    title: 'A suitably qualified and experienced clinician',
    summary: 'The CSO must be a clinician.',
    keywords: 'DCB0129 2.3.1\nshall requirement',
    body: '',
    clauseRef: 'DCB0129 2.3.1',
    clauseSortKey: 'DCB0129 0002.0003.0001',
    clauseAncestors: ['DCB0129 2', 'DCB0129 2.3'],
    citedClauses: [],
    standards: ['DCB0129'],
    topics: [],
    blueprintKind: null,
    systemType: null,
    setting: null,
    updatedAt: new Date('2026-11-01T10:00:00Z'),
  };

  it('gives every document a valid, unique id', () => {
    const ids = [meiliDocumentId(clause), meiliDocumentId({ kind: DocumentKind.HAZARD, key: 'epr-go-live/H-001' }), meiliDocumentId({ kind: DocumentKind.SAFETY_CASE, key: 'epr-go-live' })];
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,511}$/);
    expect(new Set(ids).size).toBe(3);
    expect(meiliDocumentId({ kind: DocumentKind.GUIDANCE, key: 'x'.repeat(256) }).length).toBeLessThanOrEqual(511);
  });

  it('maps a search document field for field, with a sortable timestamp', () => {
    expect(toMeiliDocument(clause)).toEqual({
      ...clause,
      id: meiliDocumentId(clause),
      updatedAt: Date.parse('2026-11-01T10:00:00Z') / 1000,
    });
  });

  it('builds two-way synonyms from the glossary', () => {
    const synonyms = buildSynonyms([
      { term: 'CSCR', expansion: 'Clinical Safety Case Report', synonyms: ['safety case report'] },
      { term: 'Clinical safety case', expansion: 'Clinical safety case', synonyms: ['safety case'] },
    ]);
    expect(synonyms.cscr).toEqual(['clinical safety case report', 'safety case report']);
    expect(synonyms['clinical safety case report']).toEqual(['cscr', 'safety case report']);
    expect(synonyms['safety case']).toEqual(['clinical safety case']);
  });

  it('declares searchable, filterable and sortable attributes, ranking rules and exact clause numbers', () => {
    const settings = buildMeiliSettings([{ term: 'HL', expansion: 'Hazard Log', synonyms: [] }]);
    expect(settings.searchableAttributes?.[0]).toBe('title');
    expect(settings.searchableAttributes?.at(-1)).toBe('body');
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['kind', 'standards', 'topics', 'blueprintKind', 'systemType', 'setting', 'clauseRef', 'clauseAncestors', 'citedClauses']));
    expect(settings.sortableAttributes).toContain('clauseSortKey');
    expect(settings.rankingRules).toEqual(['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness']);
    expect(settings.typoTolerance).toMatchObject({ enabled: true, disableOnNumbers: true, disableOnAttributes: expect.arrayContaining(['clauseRef']) });
    expect(settings.synonyms).toEqual({ hl: ['hazard log'], 'hazard log': ['hl'] });
  });

  it('writes filters with IN lists, escaping quotes', () => {
    expect(buildMeiliFilter({ kinds: [DocumentKind.HAZARD, DocumentKind.SAFETY_CASE], systemTypes: ['E_PRESCRIBING'], topics: ['say "hi"'] })).toEqual([
      'kind IN ["HAZARD", "SAFETY_CASE"]',
      'topics IN ["say \\"hi\\""]',
      'systemType IN ["E_PRESCRIBING"]',
    ]);
    expect(buildMeiliFilter({})).toEqual([]);
  });
});
