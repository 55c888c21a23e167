import type { Em } from '../../db/createOrm.js';
import { insertJsonRows } from '../../db/insert-json-rows.js';
import type { DocumentKind } from '../../graphql/document.js';
import { INGEST_LOCK_KEY } from '../ingest/ingest.service.js';
import { MATCH_END, MATCH_START, safeHighlight } from './highlight.js';
import type { QueryPlan } from './query-understanding.js';
import {
  emptyFacets,
  type BackendHealth,
  type BackendResult,
  type BackendSearchRequest,
  type DocumentRef,
  type FacetCounts,
  type FacetField,
  type IndexReport,
  type SearchBackend,
  type SearchDocument,
  type SearchFilter,
} from './search-backend.js';
import { buildAllSearchDocuments } from './search-documents.js';
import { countSearchTerms, rebuildSearchTerms } from './search-terms.js';
import { sqlArray } from './sql-array.js';

const CONFIG = 'en_unaccent';
const UPSERT_BATCH = 200;
const CORPUS_SIZE_TTL_MS = 60_000;
/** Changed documents above which rebuilding the spelling vocabulary is cheaper than adding their words. */
const VOCABULARY_REBUILD_ABOVE = 200;
/** Weights for D, C, B, A: body (C) counts a quarter of summary and tags (B), which count 0.4 of the title (A). */
const RANK_WEIGHTS = '{0.05,0.1,0.4,1.0}';
/** ts_rank_cd normalisation: divide by 1 + log(length) so long articles do not win on bulk, then scale to 0..1. */
const RANK_NORMALISATION = 1 | 32;
/**
 * ts_headline re-parses its text, at a cost per character, so the excerpt comes from the summary when it matches
 * and otherwise from the start of the body only.
 */
const HEADLINE_BODY_CHARS = 2000;
/** Per sort or hash step of one search: a broad query at 10k documents carries ~30k narrow rows through a few. */
const SEARCH_WORK_MEM = '32MB';
/** Leaders scored in full beyond the page's own positions, for a tighter floor. */
const LEADERS_BEYOND_PAGE = 10;
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxFragments=2, MaxWords=22, MinWords=10, FragmentDelimiter=" … "`;

const ENTRY_GIN_INDEXES = ['search_entry_document_index', 'search_entry_title_trgm_index', 'search_entry_cited_clauses_index'];

const COLUMNS = [
  'kind', 'key', 'entity_id', 'path', 'title', 'summary', 'keywords', 'body', 'clause_ref', 'clause_sort_key', 'clause_ancestors',
  'cited_clauses', 'standards', 'topics', 'blueprint_kind', 'system_type', 'setting', 'updated_at',
] as const;

/**
 * PostgreSQL full-text search over the `search_entry` table (works the same on PGlite). Matching is by concept
 * groups: a document must match most of the query's groups (all of them for short queries), relaxing only when
 * nothing matches that many, so a stray word such as "xlsx" cannot empty the results. Ranking adds, in order of
 * weight, pinned clause references, the share of groups matched, the share matched in the title, the share matched
 * with the words as typed (not only a synonym), and ts_rank_cd.
 */
export class PostgresSearchBackend implements SearchBackend {
  readonly name = 'postgres' as const;
  private corpus: { documents: number; countedAt: number } | undefined;

  async index(em: Em, documents: SearchDocument[]): Promise<IndexReport> {
    const rows = documents.map((d) => ({
      kind: d.kind, key: d.key, entity_id: d.entityId, path: d.path, title: d.title, summary: d.summary, keywords: d.keywords, body: d.body,
      clause_ref: d.clauseRef, clause_sort_key: d.clauseSortKey, clause_ancestors: d.clauseAncestors, cited_clauses: d.citedClauses,
      standards: d.standards, topics: d.topics, blueprint_kind: d.blueprintKind, system_type: d.systemType, setting: d.setting,
      updated_at: d.updatedAt.toISOString(),
    }));
    await insertJsonRows(em, 'search_entry', COLUMNS, rows, {
      batchSize: UPSERT_BATCH,
      onConflict: `on conflict (kind, key) do update set ${COLUMNS.filter((c) => c !== 'kind' && c !== 'key').map((c) => `${c} = excluded.${c}`).join(', ')}`,
    });
    // New entries wait in the GIN indexes' pending lists (cheap bulk writes); merging them now keeps every index
    // whole for the planner without relying on VACUUM, which PGlite never runs.
    if (documents.length > 0) await em.execute(`select ${ENTRY_GIN_INDEXES.map((i) => `gin_clean_pending_list('${i}'::regclass)`).join(', ')}`);
    this.corpus = undefined;
    return { indexed: documents.length, removed: 0 };
  }

  async remove(em: Em, refs: DocumentRef[]): Promise<IndexReport> {
    if (refs.length === 0) return { indexed: 0, removed: 0 };
    const result = await em.execute<{ id: number }[]>(
      'delete from search_entry where (kind, key) in (select * from unnest(?::text[], ?::text[])) returning id',
      [sqlArray(refs.map((r) => r.kind)), sqlArray(refs.map((r) => r.key))],
    );
    this.corpus = undefined;
    return { indexed: 0, removed: result.length };
  }

  /**
   * Applies a batch of content changes inside the caller's transaction: removals, then upserts, with the spelling
   * vocabulary kept exact (the replaced entries' words counted out, the new ones counted in), or rebuilt when the
   * batch is large (a full ingest) and rereading everything is cheaper.
   */
  async applyChanges(em: Em, upserts: SearchDocument[], removals: DocumentRef[]): Promise<void> {
    const rebuild = upserts.length + removals.length > VOCABULARY_REBUILD_ABOVE;
    const replaced = [...removals, ...upserts];
    if (!rebuild) await countSearchTerms(em, replaced, -1);
    await this.remove(em, removals);
    await this.index(em, upserts);
    if (rebuild) await rebuildSearchTerms(em);
    else await countSearchTerms(em, upserts, 1);
  }

  async reindex(em: Em): Promise<IndexReport> {
    return em.transactional(async (tx) => {
      // Under the content writers' lock: an ingest's index rows and a rebuild (or two rebuilds from instances
      // starting together) would otherwise collide on the (kind, key) unique constraint.
      await tx.execute('select pg_advisory_xact_lock(?)', [INGEST_LOCK_KEY]);
      const documents = await buildAllSearchDocuments(tx);
      const [{ count }] = await tx.execute<{ count: string }[]>('select count(*) as count from search_entry');
      await tx.execute('delete from search_entry');
      await this.index(tx, documents);
      await rebuildSearchTerms(tx);
      return { indexed: documents.length, removed: Math.max(0, Number(count) - documents.length) };
    });
  }

  async health(): Promise<BackendHealth> {
    return { ok: true, detail: 'PostgreSQL full-text search' };
  }

  async search(em: Em, request: BackendSearchRequest): Promise<BackendResult> {
    const { plan, offset, limit } = request;
    const compiled = await compileQuery(em, plan);
    const documents = await this.corpusSize(em);
    const n = compiled.groups.length;
    const hasText = n > 0;
    const pinnedClauses = plan.pinnedClauses;
    const pinnedStandards = pinnedClauses.length === 0 ? plan.standardCodes : [];
    const browse = !hasText && pinnedClauses.length === 0 && plan.standardCodes.length === 0;

    // Parameters are bound in the order the SQL text is written, so every fragment below is built in that order.
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return '?';
    };
    const reach = offset + limit;
    const querySql = hasText ? `${bind(compiled.any)}::tsquery as any` : 'null::tsquery as any';
    const pinnedSql = `select ${bind(sqlArray(pinnedClauses))}::text[] as clauses, ${bind(sqlArray(pinnedStandards))}::text[] as standards, ${bind(sqlArray(plan.standardCodes))}::text[] as codes`;
    // Which groups a candidate matches, from id sets read through the GIN index rather than from each candidate's
    // own tsvector (mostly stored out of line, and the costliest thing to fetch). A set is read only when some
    // candidate needs it: a strict candidate matches every group whenever every group is required.
    const idScans = (scan: IndexScan) =>
      [
        ...(scan.plain ? [`select id from search_entry where document @@ ${bind(scan.plain)}::tsquery`] : []),
        ...(scan.phraseRows ? [`select id from search_entry where document @@ ${bind(scan.phraseRows)}::tsquery and document @@ ${bind(scan.full)}::tsquery`] : []),
      ].join(' union all ');
    const typedSets = compiled.groups.flatMap((g, i) => (g.typed === g.all ? [] : [i]));
    const setsSql = [
      ...compiled.groups.map((g, i) => `g${i} as materialized (${idScans(g.allScan)}),`),
      ...typedSets.map((i) => `t${i} as materialized (${idScans(compiled.groups[i].typedScan)}),`),
    ].join('\n');
    const hasReferences = pinnedClauses.length > 0 || plan.standardCodes.length > 0;
    const strictMatchesAll = n === 1 || (compiled.relaxes && minimumMatch(n) === n);
    // Share of the query's weight a document covers, each group weighted by its rarity (IDF), so "need" in
    // "does the cso need professional registration" counts for less than "registration".
    const weights = compiled.groups.map((g) => idf(documents, g.documentFrequency).toFixed(6));
    const share = (column: string) => `(${compiled.groups.map((_, i) => `c.${column}${i}::int * ${weights[i]}`).join(' + ')}) / (${weights.join(' + ')})`;
    // One candidate row: only what scoring, ordering and facets need (every candidate is carried through the steps
    // below; the page's own rows fetch the rest by id), its group matches and its fixed score.
    const candidateSql = (strict: boolean, from: () => string) => {
      const groupMatch = (i: number) => (strict && strictMatchesAll ? 'true' : `e.id in (select id from g${i})`);
      const pinning = hasReferences
        ? `(case when array_position(pinned.clauses, e.clause_ref::text) > 0 then 1000 - array_position(pinned.clauses, e.clause_ref::text)
            when e.kind = 'STANDARD' and e.key = any(pinned.standards) then 1000 when e.clause_ancestors && pinned.clauses then 500 else 0 end)
          + (case when e.cited_clauses && pinned.clauses then 1 else 0 end) + (case when e.standards && pinned.codes then 0.5 else 0 end) as pinned_score,
          coalesce(array_position(pinned.clauses, e.clause_ref::text) > 0 or (e.kind = 'STANDARD' and e.key = any(pinned.standards)) or e.clause_ancestors && pinned.clauses, false) as pinned`
        : '0 as pinned_score, false as pinned';
      const columns = `e.id, e.kind, e.key, e.title, e.standards, e.topics, e.blueprint_kind, e.system_type, e.setting, e.clause_sort_key, ${pinning}
        ${compiled.groups.map((g, i) => `, ${groupMatch(i)} as m${i}, e.title_vector @@ ${bind(g.all)}::tsquery as tm${i}, ${g.typed === g.all ? groupMatch(i) : `e.id in (select id from t${i})`} as tt${i}`).join('')}`;
      return `select c.id, c.kind, c.key, c.title, c.standards, c.topics, c.blueprint_kind, c.system_type, c.setting, c.clause_sort_key, c.pinned,
          ${hasText ? compiled.groups.map((_, i) => `c.m${i}::int`).join(' + ') : '0'} as matched,
          c.pinned_score ${hasText ? `+ 4.0 * ${share('m')} + 2.0 * ${share('tm')} + 1.0 * ${share('tt')}` : ''} as fixed_score
        from (select ${columns} ${from()}) c`;
    };
    const filter = () => filterSql(request.filter, compiled.exclusions, bind);
    // Text candidates are the documents matching enough groups, read with their columns in one pass through the
    // GIN index (a phrase's rows narrowed by its words first); only when there are none does the search relax to
    // documents matching any group. Pinned clauses and standards join them by their own indexes.
    const scanBranches = (scan: IndexScan, strict: boolean, condition: string) => [
      ...(scan.plain ? [candidateSql(strict, () => `from search_entry e cross join pinned where e.document @@ ${bind(scan.plain)}::tsquery ${condition} and ${filter()}`)] : []),
      ...(scan.phraseRows
        ? [candidateSql(strict, () => `from search_entry e cross join pinned where e.document @@ ${bind(scan.phraseRows)}::tsquery and e.document @@ ${bind(scan.full)}::tsquery
            ${scan.plain ? `and not (e.document @@ ${bind(scan.plain)}::tsquery)` : ''} ${condition} and ${filter()}`)]
        : []),
    ];
    const textStrictSql = hasText ? scanBranches(compiled.strictScan, true, '').join(' union all ') : candidateSql(false, () => 'from search_entry e cross join pinned where false');
    // Each pinned branch binds its values only when its SQL is written, so that binding follows the SQL's order.
    const pinnedBranches = [
      { when: pinnedClauses.length > 0, sql: () => `select id from search_entry where kind = 'CLAUSE' and clause_ref = any(${bind(sqlArray(pinnedClauses))}::text[])` },
      { when: pinnedClauses.length > 0, sql: () => `select id from search_entry where kind = 'CLAUSE' and clause_ancestors && ${bind(sqlArray(pinnedClauses))}::text[]` },
      { when: pinnedStandards.length > 0, sql: () => `select id from search_entry where kind = 'STANDARD' and key = any(${bind(sqlArray(pinnedStandards))}::text[])` },
      { when: !hasText && pinnedClauses.length > 0, sql: () => `select id from search_entry where cited_clauses && ${bind(sqlArray(pinnedClauses))}::text[]` },
      { when: !hasText && plan.standardCodes.length > 0, sql: () => `select id from search_entry where standards && ${bind(sqlArray(plan.standardCodes))}::text[]` },
    ].filter((branch) => branch.when);
    const otherBranches = [
      ...(compiled.relaxes ? scanBranches(compiled.anyScan, false, 'and not exists (select 1 from text_strict)') : []),
      ...(pinnedBranches.length > 0
        ? [candidateSql(false, () => `from search_entry e cross join pinned where e.id in (${pinnedBranches.map((branch) => branch.sql()).join(' union ')})
            ${hasText ? `and e.id not in (select id from text_strict) ${compiled.relaxes ? 'and not (e.document @@ (select q.any from q))' : ''}` : ''} and ${filter()}`)]
        : []),
      ...(browse ? [candidateSql(false, () => `from search_entry e cross join pinned where ${filter()}`)] : []),
    ];
    const similarity = () => (hasText ? `word_similarity(${bind(plan.text.toLowerCase())}, lower(c.title))` : '0');
    const rank = () => (hasText ? `ts_rank_cd('${RANK_WEIGHTS}', (select e.document from search_entry e where e.id = c.id), q.any, ${RANK_NORMALISATION})` : '0');
    const head = `
      with q as (select ${querySql}),
      pinned as (${pinnedSql}),
      ${setsSql}
      text_strict as materialized (${textStrictSql}),
      candidates as (select * from text_strict ${otherBranches.map((b) => `union all ${b}`).join(' ')}),
      -- Documents must match enough groups; when none match that many, those matching the most.
      hits as materialized (
        select * from candidates c
        where c.pinned ${hasText ? `or c.matched >= least(${minimumMatch(n)}, (select max(matched) from candidates))` : 'or true'}
      ),
      -- A score is the fixed part, plus the title's word similarity (0..1), plus ts_rank_cd (0..1). Both are costly,
      -- so each is computed only where it can still change this page: the leaders by fixed score, scored in full,
      -- give a floor for the page's last score; a document can reach it only if its fixed score is within 2 of the
      -- floor, and with its similarity within 1. The page, and its order, are as if both were computed for all.
      leaders as (
        select c.fixed_score + ${similarity()} + ${rank()} as score
        from (select * from hits order by fixed_score desc, id limit ${bind(reach + LEADERS_BEYOND_PAGE)}) c, q
      ),
      page_floor as (select coalesce((select score from leaders order by score desc offset ${bind(reach - 1)} limit 1), 0) as score),
      near as materialized (
        select c.*, c.fixed_score + ${similarity()} as base_score
        from hits c, page_floor where c.fixed_score >= page_floor.score - 2
      ),
      cutoff as (
        select greatest(page_floor.score, coalesce((select base_score from near order by base_score desc offset ${bind(reach - 1)} limit 1), 0)) - 1 as base_score
        from page_floor
      ),
      ranked as (
        select c.*, c.base_score + ${rank()} as score
        from near c, cutoff, q where c.base_score >= cutoff.base_score
      ),
      page as (
        select * from ranked order by score desc, kind, clause_sort_key nulls last, title, key limit ${bind(limit)} offset ${bind(offset)}
      )`;
    const marked = hasText
      ? `case when to_tsvector('${CONFIG}', e.summary) @@ q.any then ts_headline('${CONFIG}', e.summary, q.any, ${bind(HEADLINE_OPTIONS)})
          else ts_headline('${CONFIG}', left(e.body, ${HEADLINE_BODY_CHARS}), q.any, ${bind(HEADLINE_OPTIONS)}) end`
      : 'null';
    // Facet counts in one pass over the hits: each list field is grouped by whole lists (few distinct ones), which
    // are then split and summed.
    const sql = `${head}
      select json_build_object(
        'total', (select count(*) from hits),
        'hits', (select coalesce(json_agg(json_build_object(
            'kind', p.kind, 'key', p.key, 'entityId', e.entity_id, 'path', e.path, 'title', p.title, 'summary', e.summary, 'score', p.score,
            'marked', ${marked}
          ) order by p.score desc, p.kind, p.clause_sort_key nulls last, p.title, p.key), '[]'::json) from page p join search_entry e on e.id = p.id, q),
        'facets', (select coalesce(json_agg(json_build_array(f.field, f.value, f.count)), '[]'::json) from (
          select g.field, v.value, sum(g.count) as count
          from (
            select case when grouping(kind) = 0 then 'kind' when grouping(blueprint_kind) = 0 then 'blueprintKind'
                when grouping(system_type) = 0 then 'systemType' when grouping(setting) = 0 then 'setting'
                when grouping(standards) = 0 then 'standard' else 'topic' end as field,
              case when grouping(kind) = 0 then array[kind::text] when grouping(blueprint_kind) = 0 then array[blueprint_kind]
                when grouping(system_type) = 0 then array[system_type] when grouping(setting) = 0 then array[setting]
                when grouping(standards) = 0 then standards else topics end as vals,
              count(*) as count
            from hits group by grouping sets ((kind), (blueprint_kind), (system_type), (setting), (standards), (topics))
          ) g, unnest(g.vals) v(value)
          where v.value is not null
          group by g.field, v.value
        ) f)
      ) as result`;
    const [row] = await em.transactional(async (tx) => {
      // The planner prices a tsvector match as one cheap operator, so for common words it prefers reading the whole
      // table, fetching every out-of-line tsvector, to the GIN index, which answers without them. Tens of thousands
      // of candidates are hashed and sorted in memory rather than spilled, and one request does not take the
      // parallel workers every other request is waiting for.
      await tx.execute(`select set_config('enable_seqscan', 'off', true), set_config('work_mem', '${SEARCH_WORK_MEM}', true), set_config('max_parallel_workers_per_gather', '0', true)`);
      return tx.execute<{ result: RawResult | string }[]>(sql, params);
    });
    const result: RawResult = typeof row.result === 'string' ? JSON.parse(row.result) : row.result;
    return {
      totalCount: Number(result.total),
      hits: result.hits.map((h) => ({
        kind: h.kind as DocumentKind,
        key: h.key,
        entityId: h.entityId,
        path: h.path,
        title: h.title,
        summary: h.summary,
        score: Math.round(Number(h.score) * 1e4) / 1e4,
        highlight: safeHighlight(h.marked, h.summary),
      })),
      facets: toFacetCounts(result.facets),
    };
  }

  /** Documents in the index, for IDF weights; counted at most once a minute, and after this process changes it. */
  private async corpusSize(em: Em): Promise<number> {
    if (this.corpus && Date.now() - this.corpus.countedAt < CORPUS_SIZE_TTL_MS) return this.corpus.documents;
    const [{ documents }] = await em.execute<{ documents: string }[]>('select count(*) as documents from search_entry');
    this.corpus = { documents: Math.max(1, Number(documents)), countedAt: Date.now() };
    return this.corpus.documents;
  }
}

interface RawResult {
  total: number | string;
  hits: { kind: string; key: string; entityId: number; path: string; title: string; summary: string; score: number; marked: string | null }[];
  facets: [FacetField, string, number | string][];
}

/** A group's weight: the rarer its words in the corpus, the more it counts. */
function idf(documents: number, documentFrequency: number): number {
  return Math.log(1 + documents / Math.max(1, Math.min(documents, documentFrequency)));
}

/**
 * Documents must match this many groups: every group of a short query, and all but about a quarter of a longer
 * one, where one stray or overly specific word should not empty the results.
 */
function minimumMatch(groups: number): number {
  return groups <= 2 ? groups : groups - Math.floor(groups / 4);
}

interface CompiledQuery {
  /** Per group: the tsquery of all alternatives, of the typed words only, and the group's document frequency. */
  groups: { all: string; typed: string; allScan: IndexScan; typedScan: IndexScan; documentFrequency: number }[];
  /** Any group: ranks candidates and marks highlights. */
  any: string | null;
  /** Any group, as index scans: selects candidates when no document matches enough groups. */
  anyScan: IndexScan;
  /** Documents matching at least the minimum number of groups, as index scans: selects candidates. */
  strictScan: IndexScan;
  /** True when some documents may match a group without matching enough of them. */
  relaxes: boolean;
  exclusions: string[];
}

/**
 * A tsquery as GIN index scans. The index keeps no word positions, so when a tsquery holds a phrase anywhere, every
 * row it finds is checked against the row's own tsvector, mostly stored out of line and costly to fetch. `plain`
 * finds the documents the index answers alone; `phraseRows` (the phrases' words in any order, itself plain) narrows
 * the rest to the few rows that `full` must then check.
 */
export interface IndexScan {
  plain: string | null;
  phraseRows: string | null;
  full: string | null;
}

/** Past this many combinations of groups, the strict candidate query is not worth writing out. */
const MAX_STRICT_COMBINATIONS = 40;

/**
 * Turns the plan's alternatives into tsquery text in one round trip: websearch_to_tsquery for words and phrases
 * (safe on anything typed), to_tsquery with :* for a word still being typed. Alternatives that are only stop
 * words come back empty and drop out; so does a group with nothing left.
 */
async function compileQuery(em: Em, plan: QueryPlan): Promise<CompiledQuery> {
  const inputs: { text: string; prefix: boolean }[] = [];
  const slots = plan.groups.map((g) => ({
    documentFrequency: g.documentFrequency,
    alternatives: g.alternatives.map((alt) => {
      const prefixWord = alt.prefix ? alt.text.replace(/[^\p{L}\p{N}]/gu, '') : '';
      if (alt.prefix && !prefixWord) return { index: -1, typed: alt.typed };
      inputs.push(alt.prefix ? { text: prefixWord, prefix: true } : { text: asWebsearchText(alt.text), prefix: false });
      return { index: inputs.length - 1, typed: alt.typed };
    }),
  }));
  const exclusionStart = inputs.length;
  for (const excluded of plan.exclusions) inputs.push({ text: asWebsearchText(excluded), prefix: false });
  const noScan: IndexScan = { plain: null, phraseRows: null, full: null };
  if (inputs.length === 0) return { groups: [], any: null, anyScan: noScan, strictScan: noScan, relaxes: false, exclusions: [] };

  const rows = await em.execute<{ q: string }[]>(
    `select case when p then to_tsquery('${CONFIG}', t || ':*')::text else websearch_to_tsquery('${CONFIG}', t)::text end as q
     from unnest(?::text[], ?::boolean[]) with ordinality as u(t, p, n) order by n`,
    [sqlArray(inputs.map((i) => i.text)), sqlArray(inputs.map((i) => i.prefix))],
  );
  const queries = rows.map((r) => r.q);
  const alternatives = slots
    .map((slot) => {
      const all = unique(slot.alternatives.filter((s) => s.index >= 0).map((s) => queries[s.index]));
      const typed = unique(slot.alternatives.filter((s) => s.index >= 0 && s.typed).map((s) => queries[s.index]));
      return { all, typed: typed.length > 0 ? typed : all, documentFrequency: slot.documentFrequency };
    })
    .filter((g) => g.all.length > 0);
  const parts = alternatives.map((g) => splitAlternatives(g.all));
  const groups = alternatives.map((g, i) => ({
    all: or(g.all),
    typed: or(g.typed),
    allScan: scanOf([[parts[i]]]),
    typedScan: scanOf([[splitAlternatives(g.typed)]]),
    documentFrequency: g.documentFrequency,
  }));
  const any = groups.length > 0 ? or(groups.map((g) => g.all)) : null;
  const combinations = chooseIndexes(groups.length, minimumMatch(groups.length), MAX_STRICT_COMBINATIONS);
  const relaxes = groups.length > 1 && combinations !== null;
  const anyScan = scanOf(parts.map((p) => [p]));
  const strictScan = relaxes ? scanOf(combinations.map((combination) => combination.map((i) => parts[i]))) : anyScan;
  return {
    groups,
    any,
    anyScan,
    strictScan,
    relaxes,
    exclusions: queries.slice(exclusionStart).filter(Boolean),
  };
}

/** One group's alternatives: plain words and prefixes, and phrases not already implied by one of its words. */
interface Alternatives {
  plain: string[];
  phrases: string[];
}

const LEXEME = /'((?:[^']|'')+)'(:\*)?/g;
const SINGLE_WORD = /^'((?:[^']|'')+)'(:\*)?$/;

export function splitAlternatives(alternatives: string[]): Alternatives {
  const plain = alternatives.filter((q) => !q.includes('<'));
  const words = plain.flatMap((q) => {
    const match = SINGLE_WORD.exec(q);
    return match ? [{ lexeme: match[1], prefix: Boolean(match[2]) }] : [];
  });
  // A phrase containing one of the group's plain words finds nothing that word does not.
  const implied = (phrase: string) => [...phrase.matchAll(LEXEME)].some(([, lexeme]) => words.some((w) => (w.prefix ? lexeme.startsWith(w.lexeme) : lexeme === w.lexeme)));
  return { plain, phrases: alternatives.filter((q) => q.includes('<') && !implied(q)) };
}

/**
 * The index scans for "any of these conjunctions", each conjunction a list of groups that must all match. Rows
 * found through a phrase are narrowed by the phrase's words (some phrase must supply its group's match) before
 * the full tsquery is checked.
 */
export function scanOf(conjunctions: Alternatives[][]): IndexScan {
  const plain = conjunctions.filter((c) => c.every((g) => g.plain.length > 0)).map((c) => and(c.map((g) => or(g.plain))));
  // A phrase's words in any order: plain, so the index alone finds the rows worth checking for the phrase itself.
  const loosen = (phrases: string[]) => phrases.map((phrase) => phrase.replace(/<(?:\d+|-)>/g, '&'));
  const phraseRows = conjunctions.flatMap((c) =>
    c.flatMap((g, j) => (g.phrases.length === 0 ? [] : [and(c.map((other, i) => or(i === j ? loosen(g.phrases) : [...other.plain, ...loosen(other.phrases)])))])),
  );
  const full = or(conjunctions.map((c) => and(c.map((g) => or([...g.plain, ...g.phrases])))));
  return { plain: plain.length > 0 ? or(plain) : null, phraseRows: phraseRows.length > 0 ? or(phraseRows) : null, full: full || null };
}

function unique(parts: string[]): string[] {
  return [...new Set(parts.filter(Boolean))];
}

function or(parts: string[]): string {
  const distinct = unique(parts);
  return distinct.length === 1 ? distinct[0] : distinct.map((q) => `(${q})`).join(' | ');
}

function and(parts: string[]): string {
  return parts.length === 1 ? parts[0] : parts.map((q) => `(${q})`).join(' & ');
}

/** Every way to choose `k` of `n` indexes, or null when there are more than `limit`. */
function chooseIndexes(n: number, k: number, limit: number): number[][] | null {
  const out: number[][] = [];
  const walk = (start: number, chosen: number[]): boolean => {
    if (chosen.length === k) {
      out.push(chosen);
      return out.length <= limit;
    }
    for (let i = start; i <= n - (k - chosen.length); i += 1) if (!walk(i + 1, [...chosen, i])) return false;
    return true;
  };
  return walk(0, []) ? out : null;
}

/** Several words become an exact phrase; quotes and a leading minus typed inside a term are not operators here. */
function asWebsearchText(text: string): string {
  const cleaned = text.replace(/"/g, ' ').replace(/(^|\s)-+/g, '$1').trim();
  return /\s/.test(cleaned) ? `"${cleaned}"` : cleaned;
}

/** The filter as SQL over `e`, binding values through `bind` so they land in the right place among the others. */
function filterSql(filter: SearchFilter, exclusions: string[], bind: (value: unknown) => string): string {
  const clauses: string[] = ['true'];
  if (filter.kinds?.length) clauses.push(`e.kind = any(${bind(sqlArray(filter.kinds))}::text[])`);
  if (filter.standards?.length) clauses.push(`e.standards && ${bind(sqlArray(filter.standards))}::text[]`);
  if (filter.topics?.length) clauses.push(`e.topics && ${bind(sqlArray(filter.topics))}::text[]`);
  if (filter.blueprintKinds?.length) clauses.push(`e.blueprint_kind = any(${bind(sqlArray(filter.blueprintKinds))}::text[])`);
  if (filter.systemTypes?.length) clauses.push(`e.system_type = any(${bind(sqlArray(filter.systemTypes))}::text[])`);
  if (filter.settings?.length) clauses.push(`e.setting = any(${bind(sqlArray(filter.settings))}::text[])`);
  for (const excluded of exclusions) clauses.push(`e.id not in (select id from search_entry where document @@ ${bind(excluded)}::tsquery)`);
  return clauses.join(' and ');
}

function toFacetCounts(rows: RawResult['facets']): FacetCounts {
  const facets = emptyFacets();
  for (const [field, value, count] of rows) facets[field].push({ value, count: Number(count) });
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return facets;
}
