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
    const { plan, filter, offset, limit } = request;
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
    // The query's tsqueries in one row: g0..gn (all alternatives of each group), t0..tn (typed words only), any.
    const querySql = hasText
      ? [...compiled.groups.flatMap((g, i) => [`${bind(g.all)}::tsquery as g${i}`, `${bind(g.typed)}::tsquery as t${i}`]), `${bind(compiled.any)}::tsquery as any`].join(', ')
      : 'null::tsquery as any';
    const pinnedSql = `select ${bind(sqlArray(pinnedClauses))}::text[] as clauses, ${bind(sqlArray(pinnedStandards))}::text[] as standards, ${bind(sqlArray(plan.standardCodes))}::text[] as codes`;
    // Candidates come from separate, index-friendly branches (the tsvector GIN index, the clause and key indexes)
    // rather than one OR over the whole table.
    // Text candidates are the documents matching enough groups (through the GIN index); only when there are none
    // does the search relax to documents matching any group.
    const relax = hasText && compiled.strict !== compiled.any;
    const strictSql = hasText ? `select id from search_entry where document @@ ${bind(compiled.strict)}::tsquery` : 'select null::int as id where false';
    const branches = [
      'select id from strict',
      ...(relax ? [`select id from search_entry where document @@ ${bind(compiled.any)}::tsquery and not exists (select 1 from strict)`] : []),
      ...(pinnedClauses.length > 0
        ? [
          `select id from search_entry where kind = 'CLAUSE' and clause_ref = any(${bind(sqlArray(pinnedClauses))}::text[])`,
          `select id from search_entry where kind = 'CLAUSE' and clause_ancestors && ${bind(sqlArray(pinnedClauses))}::text[]`,
        ]
        : []),
      ...(pinnedStandards.length > 0 ? [`select id from search_entry where kind = 'STANDARD' and key = any(${bind(sqlArray(pinnedStandards))}::text[])`] : []),
      ...(!hasText && pinnedClauses.length > 0 ? [`select id from search_entry where cited_clauses && ${bind(sqlArray(pinnedClauses))}::text[]`] : []),
      ...(!hasText && plan.standardCodes.length > 0 ? [`select id from search_entry where standards && ${bind(sqlArray(plan.standardCodes))}::text[]`] : []),
      ...(browse ? ['select id from search_entry'] : []),
    ];
    const where = filterSql(filter, compiled.exclusions, bind);
    const sum = (expression: (i: number) => string) => compiled.groups.map((_, i) => `(${expression(i)})::int`).join(' + ');
    // Share of the query's weight a document covers, each group weighted by its rarity (IDF), so "need" in
    // "does the cso need professional registration" counts for less than "registration".
    const share = (column: string) => `(${compiled.groups.map((_, i) => `${column}${i}::int * w${i}`).join(' + ')}) / (${compiled.groups.map((_, i) => `w${i}`).join(' + ')})`;
    // Each group is tested once; the typed-words test only where the group has expansions or corrections.
    const groupTests = compiled.groups.map((g, i) => `v.document @@ q.g${i} as m${i}${g.typed === g.all ? '' : `, v.document @@ q.t${i} as t${i}`}`);
    const head = `
      with q as (select ${querySql}),
      pinned as (${pinnedSql}),
      strict as materialized (${strictSql}),
      matching as (${branches.join(' union ')}),
      candidates as (
        -- Only what scoring, ordering and facets need: every candidate row is carried through the steps below, and
        -- wide rows spill them to disk. The page's own 10 or so rows fetch the rest again by id.
        select e.id, e.kind, e.key, e.title, e.standards, e.topics, e.blueprint_kind, e.system_type, e.setting, e.clause_sort_key,
          coalesce(array_position(pinned.clauses, e.clause_ref::text), 0) as pinned_position,
          e.clause_ancestors && pinned.clauses as under_pinned,
          e.cited_clauses && pinned.clauses as cites_pinned,
          (e.kind = 'STANDARD' and e.key = any(pinned.standards)) as pinned_standard,
          e.standards && pinned.codes as in_named_standard,
          ${hasText ? sum((i) => `m.m${i}`) : '0'} as matched,
          ${compiled.groups.map((g, i) => `m.m${i}, e.title_vector @@ q.g${i} as tm${i}, ${g.typed === g.all ? `m.m${i}` : `m.t${i}`} as tt${i}`).concat('true as candidate').join(', ')}
        from matching
        join search_entry e on e.id = matching.id
        cross join q cross join pinned
        -- A long document's tsvector is stored out of line; concatenating once yields an in-memory copy, so the
        -- 2n + 1 tests below do not each fetch it again.
        cross join lateral (select e.document || ''::tsvector as document offset 0) v
        cross join lateral (select ${hasText ? groupTests.join(', ') : 'true'} offset 0) m
        where ${where}
      ),
      weighted as (
        select c.*, max(matched) over () as best_matched
          ${compiled.groups.map((g, i) => `, ${idf(documents, g.documentFrequency)}::float8 as w${i}`).join('')}
        from candidates c
      ),
      matched as (
        select c.*,
          (case when pinned_position > 0 then 1000 - pinned_position when pinned_standard then 1000 when under_pinned then 500 else 0 end)
          + ${hasText ? `4.0 * ${share('m')} + 2.0 * ${share('tm')} + 1.0 * ${share('tt')} + word_similarity(${bind(plan.text.toLowerCase())}, lower(c.title))` : '0'}
          + (case when cites_pinned then 1 else 0 end) + (case when in_named_standard then 0.5 else 0 end) as base_score
        from weighted c
        where c.matched >= least(${minimumMatch(n)}, c.best_matched) or c.pinned_position > 0 or c.under_pinned or c.pinned_standard ${hasText ? '' : 'or true'}
      ),
      -- ts_rank_cd (0..1) is the costly part and only reorders documents whose other scores are within 1 of each
      -- other, so it is computed only for those that can still reach this page: at least the base score of the
      -- page's last position, less 1. Everything on the page, and its order, is as if it were computed for all.
      cutoff as (
        select coalesce((select base_score from matched order by base_score desc offset ${bind(offset + limit - 1)} limit 1), 0) - 1 as base_score
      ),
      hits as (
        select c.*, c.base_score + ${hasText ? `(case when c.base_score >= cutoff.base_score
            then ts_rank_cd('${RANK_WEIGHTS}', (select e.document from search_entry e where e.id = c.id), q.any, ${RANK_NORMALISATION}) else 0 end)` : '0'} as score
        from matched c, cutoff, q
      ),
      page as (
        select * from hits order by score desc, kind, clause_sort_key nulls last, title, key limit ${bind(limit)} offset ${bind(offset)}
      )`;
    const marked = hasText
      ? `case when to_tsvector('${CONFIG}', e.summary) @@ q.any then ts_headline('${CONFIG}', e.summary, q.any, ${bind(HEADLINE_OPTIONS)})
          else ts_headline('${CONFIG}', left(e.body, ${HEADLINE_BODY_CHARS}), q.any, ${bind(HEADLINE_OPTIONS)}) end`
      : 'null';
    const sql = `${head}
      select json_build_object(
        'total', (select count(*) from hits),
        'hits', (select coalesce(json_agg(json_build_object(
            'kind', p.kind, 'key', p.key, 'entityId', e.entity_id, 'path', e.path, 'title', p.title, 'summary', e.summary, 'score', p.score,
            'marked', ${marked}
          ) order by p.score desc, p.kind, p.clause_sort_key nulls last, p.title, p.key), '[]'::json) from page p join search_entry e on e.id = p.id, q),
        'facets', (select coalesce(json_agg(json_build_array(f.field, f.value, f.count)), '[]'::json) from (
          select 'kind' as field, kind::text as value, count(*) as count from hits group by kind
          union all select 'standard', s, count(*) from hits, unnest(hits.standards) s group by s
          union all select 'topic', t, count(*) from hits, unnest(hits.topics) t group by t
          union all select 'blueprintKind', blueprint_kind, count(*) from hits where blueprint_kind is not null group by blueprint_kind
          union all select 'systemType', system_type, count(*) from hits where system_type is not null group by system_type
          union all select 'setting', setting, count(*) from hits where setting is not null group by setting
        ) f)
      ) as result`;
    const [row] = await em.execute<{ result: RawResult | string }[]>(sql, params);
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
function idf(documents: number, documentFrequency: number): string {
  return Math.log(1 + documents / Math.max(1, Math.min(documents, documentFrequency))).toFixed(6);
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
  groups: { all: string; typed: string; documentFrequency: number }[];
  /** Any group: ranks candidates and marks highlights; selects candidates when none match `strict`. */
  any: string | null;
  /** Documents matching at least the minimum number of groups: selects candidates through the GIN index. */
  strict: string | null;
  exclusions: string[];
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
  if (inputs.length === 0) return { groups: [], any: null, strict: null, exclusions: [] };

  const rows = await em.execute<{ q: string }[]>(
    `select case when p then to_tsquery('${CONFIG}', t || ':*')::text else websearch_to_tsquery('${CONFIG}', t)::text end as q
     from unnest(?::text[], ?::boolean[]) with ordinality as u(t, p, n) order by n`,
    [sqlArray(inputs.map((i) => i.text)), sqlArray(inputs.map((i) => i.prefix))],
  );
  const queries = rows.map((r) => r.q);
  const or = (parts: string[]) => [...new Set(parts.filter(Boolean))].map((q) => `(${q})`).join(' | ');
  const groups = slots
    .map((slot) => ({
      all: or(slot.alternatives.filter((s) => s.index >= 0).map((s) => queries[s.index])),
      typed: or(slot.alternatives.filter((s) => s.index >= 0 && s.typed).map((s) => queries[s.index])),
      documentFrequency: slot.documentFrequency,
    }))
    .filter((g) => g.all)
    .map((g) => ({ ...g, typed: g.typed || g.all }));
  const any = groups.length > 0 ? or(groups.map((g) => g.all)) : null;
  const combinations = chooseIndexes(groups.length, minimumMatch(groups.length), MAX_STRICT_COMBINATIONS);
  const strict = groups.length <= 1 || !combinations ? any : or(combinations.map((combination) => combination.map((i) => `(${groups[i].all})`).join(' & ')));
  return { groups, any, strict, exclusions: queries.slice(exclusionStart).filter(Boolean) };
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
  for (const excluded of exclusions) clauses.push(`not (e.document @@ ${bind(excluded)}::tsquery)`);
  return clauses.join(' and ');
}

function toFacetCounts(rows: RawResult['facets']): FacetCounts {
  const facets = emptyFacets();
  for (const [field, value, count] of rows) facets[field].push({ value, count: Number(count) });
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return facets;
}
