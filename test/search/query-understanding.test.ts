import { describe, expect, it } from 'vitest';
import { safeHighlight, MATCH_END, MATCH_START } from '../../src/modules/search/highlight.js';
import { GlossaryIndex, parseQuery, planQuery, wordsToCheck } from '../../src/modules/search/query-understanding.js';
import { editDistance } from '../../src/modules/search/search-terms.js';

const STANDARDS = ['DCB0129', 'DCB0160'];
const glossary = new GlossaryIndex([
  { term: 'CSO', expansion: 'Clinical Safety Officer', synonyms: ['clinical safety lead', 'safety officer'] },
  { term: 'CSCR', expansion: 'Clinical Safety Case Report', synonyms: ['safety case report'] },
  { term: 'Clinical safety case', expansion: 'Clinical safety case', synonyms: ['safety case'] },
  { term: 'HL', expansion: 'Hazard Log', synonyms: ['hazard register', 'risk log'] },
]);
const plan = (query: string, corrections: Record<string, string> = {}) => planQuery(parseQuery(query, STANDARDS), glossary, STANDARDS, new Map(Object.entries(corrections)));

describe('clause references', () => {
  it.each([
    ['DCB0129 2.3', ['DCB0129 2.3']],
    ['dcb0129 2.3.1', ['DCB0129 2.3.1']],
    ['0160 clause 4.1', ['DCB0160 4.1']],
    ['dcb 129 3.2.1', ['DCB0129 3.2.1']],
    ['DCB 0160 section 7', ['DCB0160 7']],
    ['2.5.1', ['DCB0129 2.5.1', 'DCB0160 2.5.1']],
    ['clause 4.1 of DCB0160', ['DCB0160 4.1']],
    ['SCCI0160 7.4.2 decommissioning', ['DCB0160 7.4.2']],
  ])('"%s" pins %j', (query, pinned) => {
    expect(plan(query).pinnedClauses).toEqual(pinned);
  });

  it('keeps the other words as the text query', () => {
    const result = plan('DCB0129 3.3.2 hazard log approval');
    expect(result.pinnedClauses).toEqual(['DCB0129 3.3.2']);
    expect(result.text).toBe('hazard log approval');
  });

  it('does not read versions, years or lone numbers as clauses', () => {
    expect(plan('DCB0129 v4.2').pinnedClauses).toEqual([]);
    expect(plan('DCB0129 version 4.2').pinnedClauses).toEqual([]);
    expect(plan('amendment 2018').pinnedClauses).toEqual([]);
    expect(plan('DCB0129 4 hazards').pinnedClauses).toEqual([]);
    expect(plan('2018 guidance').standardCodes).toEqual([]);
  });

  it('pins a standard named without a clause', () => {
    expect(plan('DCB0160').standardCodes).toEqual(['DCB0160']);
    expect(plan('dcb 129 standard')).toMatchObject({ standardCodes: ['DCB0129'], text: 'standard' });
  });
});

describe('acronyms and synonyms', () => {
  it('expands an acronym to its expansion and synonyms', () => {
    const [group] = plan('CSCR').groups;
    expect(group.glossaryTerm).toBe('CSCR');
    expect(group.alternatives.map((a) => a.text)).toEqual(['CSCR', 'Clinical Safety Case Report', 'safety case report']);
  });

  it('recognises the longest expansion and maps it back to the acronym', () => {
    const groups = plan('clinical safety case report template').groups;
    expect(groups.map((g) => g.glossaryTerm)).toEqual(['CSCR', null]);
    expect(groups[0].alternatives.map((a) => a.text)).toContain('CSCR');
  });

  it('matches plurals and marks only what was typed as typed', () => {
    const [group] = plan('hazard logs').groups;
    expect(group.glossaryTerm).toBe('HL');
    expect(group.alternatives.filter((a) => a.typed).map((a) => a.text)).toEqual(['hazard logs']);
  });

  it('never corrects or expands glossary words', () => {
    expect(wordsToCheck(parseQuery('cso hazzard', STANDARDS), glossary).map((w) => w.word)).toEqual(['hazzard']);
  });
});

describe('spelling corrections', () => {
  it('searches the correction with the typed word and reports the corrected query', () => {
    const result = plan('harzard log', { harzard: 'hazard' });
    expect(result.correctedQuery).toBe('hazard log');
    expect(result.groups[0].glossaryTerm).toBe('HL');
  });

  it('corrects before recognising glossary terms', () => {
    const result = plan('clincal saftey officer', { clincal: 'clinical', saftey: 'safety' });
    expect(result.groups.map((g) => g.glossaryTerm)).toEqual(['CSO']);
    expect(result.correctedQuery).toBe('clinical safety officer');
  });

  it('measures edits with transpositions counted once', () => {
    expect(editDistance('saftey', 'safety')).toBe(1);
    expect(editDistance('saftey', 'safe')).toBe(2);
    expect(editDistance('harzard', 'hazard')).toBe(1);
  });
});

describe('query syntax', () => {
  it('treats the last word as a prefix while it is being typed', () => {
    expect(plan('hazard lo').groups[1].alternatives).toContainEqual({ text: 'lo', prefix: true, typed: true });
    expect(plan('hazard lo ').groups[1].alternatives.some((a) => a.prefix)).toBe(false);
  });

  it('keeps quoted phrases whole and leaves out -excluded words', () => {
    const result = plan('"wrong patient" -maternity');
    expect(result.groups).toEqual([{ label: '"wrong patient"', glossaryTerm: null, alternatives: [{ text: 'wrong patient', prefix: false, typed: true }], documentFrequency: 0 }]);
    expect(result.exclusions).toEqual(['maternity']);
  });
});

describe('highlights', () => {
  it('escapes HTML before marking matches', () => {
    expect(safeHighlight(`a <script>alert(1)</script> ${MATCH_START}hazard${MATCH_END} & log`, '')).toBe('a &lt;script&gt;alert(1)&lt;/script&gt; <mark>hazard</mark> &amp; log');
  });

  it('drops unpaired markers and falls back to the escaped summary when nothing matched', () => {
    expect(safeHighlight(`cut ${MATCH_START}off and ${MATCH_START}whole${MATCH_END} ${MATCH_END}`, '')).toBe('cut off and <mark>whole</mark>');
    expect(safeHighlight('no markers here', 'The <b>summary</b>')).toBe('The &lt;b&gt;summary&lt;/b&gt;');
  });
});
