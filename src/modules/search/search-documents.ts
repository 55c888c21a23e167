import type { Em } from '../../db/createOrm.js';
import { DocumentKind } from '../../graphql/document.js';
import { paths } from '../../graphql/urls.js';
import type { BlueprintVariable } from '../blueprints/blueprint-version.entity.js';
import type { DocumentChange } from '../ingest/document-change.js';
import type { HazardContent, HazardControl } from '../safety-cases/hazard.entity.js';
import { ClauseEntity, clauseSortKey, parentNumber } from '../standards/clause.entity.js';
import { parseClauseRef } from '../standards/clause-ref.js';
import { StandardsService } from '../standards/standards.service.js';
import { TopicEntity, type Vocabulary } from '../taxonomy/topic.entity.js';
import type { DocumentRef, SearchDocument } from './search-backend.js';
import { sqlArray } from './sql-array.js';

/** Labels of the taxonomy vocabularies, so "hazard-log" is searchable as "Hazard logs". */
export class TaxonomyLabels {
  private constructor(private readonly labels: Map<string, string>) {}

  static async load(em: Em): Promise<TaxonomyLabels> {
    const rows = await em.find(TopicEntity, {});
    return new TaxonomyLabels(new Map(rows.map((t) => [`${t.vocabulary}:${t.code}`, t.label])));
  }

  label(vocabulary: Vocabulary, code: string): string {
    return this.labels.get(`${vocabulary}:${code}`) ?? code.replace(/[-_]/g, ' ').toLowerCase();
  }

  labelList(vocabulary: Vocabulary, codes: readonly string[]): string {
    return codes.map((c) => this.label(vocabulary, c)).join('. ');
  }
}

/**
 * Where the searchable documents of one kind come from. Keys are the ones ingest reports in its changes; `null`
 * asks for every document of the kind. Only published, current documents are returned, so a requested key
 * that comes back empty is one to remove from the index.
 */
export interface SearchSource {
  kind: DocumentKind;
  /** The GraphQL type of these documents, whose node fetcher loads a hit's full document. */
  nodeType: string;
  load(em: Em, keys: readonly string[] | null, labels: TaxonomyLabels): Promise<SearchDocument[]>;
}

const sources = new Map<DocumentKind, SearchSource>();

/** Lets other modules (learning, evidence, training) make their documents searchable. */
export function registerSearchSource(source: SearchSource): void {
  sources.set(source.kind, source);
}

export function searchableKinds(): DocumentKind[] {
  return [...sources.keys()];
}

export function nodeTypeOf(kind: DocumentKind): string | undefined {
  return sources.get(kind)?.nodeType;
}

/** Every searchable document, for a full reindex. */
export async function buildAllSearchDocuments(em: Em): Promise<SearchDocument[]> {
  const labels = await TaxonomyLabels.load(em);
  const documents: SearchDocument[] = [];
  // Appended one by one: a spread call passes every element as an argument, and 100k documents' hazards overflow the stack.
  for (const source of sources.values()) for (const document of await source.load(em, null, labels)) documents.push(document);
  return documents;
}

export interface IndexPlan {
  upserts: SearchDocument[];
  removals: DocumentRef[];
}

/**
 * What a set of content changes means for an index: the current documents to (re)index and the ones to drop.
 * Later changes to the same document win, and an upsert whose document is no longer published becomes a removal.
 */
export async function planIndexChanges(em: Em, changes: readonly Pick<DocumentChange, 'kind' | 'key' | 'operation'>[]): Promise<IndexPlan> {
  const last = new Map<string, Pick<DocumentChange, 'kind' | 'key' | 'operation'>>();
  for (const change of changes) if (sources.has(change.kind as DocumentKind)) last.set(`${change.kind}:${change.key}`, change);
  const upsertKeys = new Map<DocumentKind, string[]>();
  const removals: DocumentRef[] = [];
  for (const change of last.values()) {
    const kind = change.kind as DocumentKind;
    if (change.operation === 'DELETE') removals.push({ kind, key: change.key });
    else if (upsertKeys.has(kind)) upsertKeys.get(kind)!.push(change.key);
    else upsertKeys.set(kind, [change.key]);
  }
  const upserts: SearchDocument[] = [];
  if (upsertKeys.size > 0) {
    const labels = await TaxonomyLabels.load(em);
    for (const [kind, keys] of upsertKeys) {
      const built = await sources.get(kind)!.load(em, keys, labels);
      for (const document of built) upserts.push(document);
      const found = new Set(built.map((d) => d.key));
      for (const key of keys) if (!found.has(key)) removals.push({ kind, key });
    }
  }
  return { upserts, removals };
}

/**
 * Plain text of a Markdown document: link targets, markup and raw HTML dropped, blocks on their own lines. The
 * private-use characters search uses to mark highlights are removed so content can never forge a highlight.
 * A line-level strip rather than a full Markdown parse: the index only needs the words, and parsing every body
 * was the largest single cost of ingesting a large corpus.
 */
export function markdownToText(source: string): string {
  const lines = source
    .replace(/\{\{\s*[\w.]+\s*\}\}/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .split('\n')
    .map((line) =>
      line
        .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)/, '')
        .replace(/^\s*(?:```|~~~).*$/, '')
        .replace(/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
        .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
        .replace(/(\*\*|\*|~~|`)(?=\S)([^\n]*?\S)\1/g, '$2')
        .replace(/(^|[^\w])(__?)(?=\S)([^\n]*?\S)\2(?!\w)/g, '$1$3')
        .replace(/`/g, '')
        .replace(/\s*\|\s*/g, ' ')
        .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/, ''),
    );
  return cleanText(lines.join('\n'));
}

export function cleanText(text: string): string {
  return text.replace(/[\uE000-\uE00F]/g, '').replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

function words(code: string): string {
  return code.replace(/_/g, ' ').toLowerCase();
}

function codesOf(refs: readonly string[]): string[] {
  return [...new Set(refs.map((r) => parseClauseRef(r)?.code).filter((c): c is string => Boolean(c)))];
}

function joinText(...parts: (string | null | undefined | false)[]): string {
  return parts.filter((p): p is string => Boolean(p && p.trim())).join('\n');
}

registerSearchSource({
  kind: DocumentKind.STANDARD,
  nodeType: 'Standard',
  async load(em, keys, labels) {
    const current = await new StandardsService(em).listCurrent();
    return current
      .filter((s) => !keys || keys.includes(s.code))
      .map((s) => ({
        kind: DocumentKind.STANDARD,
        key: s.code,
        entityId: s.id,
        path: paths.standard(s.code),
        title: s.title,
        summary: s.summary,
        keywords: joinText(s.code, `version ${s.version}`, s.amendment, s.appliesTo, labels.labelList('TOPIC', s.topics)),
        body: markdownToText(s.body),
        clauseRef: null,
        clauseSortKey: null,
        clauseAncestors: [],
        citedClauses: [],
        standards: [s.code],
        topics: s.topics,
        blueprintKind: null,
        systemType: null,
        setting: null,
        updatedAt: s.updatedAt,
      }));
  },
});

registerSearchSource({
  kind: DocumentKind.CLAUSE,
  nodeType: 'Clause',
  async load(em, keys) {
    const current = await new StandardsService(em).listCurrent();
    const wanted = keys?.map(parseClauseRef).filter((r) => r !== null);
    const documents: SearchDocument[] = [];
    for (const standard of current) {
      const numbers = wanted?.filter((r) => r.code === standard.code).map((r) => r.number);
      if (numbers && numbers.length === 0) continue;
      const clauses = await em.find(ClauseEntity, numbers ? { standard, number: { $in: numbers } } : { standard });
      for (const clause of clauses) {
        const ref = `${standard.code} ${clause.number}`;
        const ancestors: string[] = [];
        for (let parent = parentNumber(clause.number); parent; parent = parentNumber(parent)) ancestors.unshift(`${standard.code} ${parent}`);
        documents.push({
          kind: DocumentKind.CLAUSE,
          key: ref,
          entityId: clause.id,
          path: paths.clause(standard.code, clause.number),
          title: clause.title,
          summary: clause.summary,
          keywords: joinText(ref, clause.obligation ? `${clause.obligation.toLowerCase()} requirement` : 'section', clause.binds.map(words).join(', ')),
          body: '',
          clauseRef: ref,
          clauseSortKey: `${standard.code} ${clauseSortKey(clause.number)}`,
          clauseAncestors: ancestors,
          citedClauses: [],
          standards: [standard.code],
          topics: [],
          blueprintKind: null,
          systemType: null,
          setting: null,
          updatedAt: clause.updatedAt,
        });
      }
    }
    return documents;
  },
});

/** `and <column> = any(keys)` when only some documents are wanted, with its parameter; the ORM's entities are not needed to index. */
function keyFilter(column: string, keys: readonly string[] | null): { sql: string; params: string[] } {
  return keys ? { sql: `and ${column} = any(?::text[])`, params: [sqlArray(keys)] } : { sql: '', params: [] };
}

registerSearchSource({
  kind: DocumentKind.GUIDANCE,
  nodeType: 'GuidanceArticle',
  async load(em, keys, labels) {
    const filter = keyFilter('slug', keys);
    const rows = await em.execute<{ id: number; slug: string; title: string; summary: string; body: string; topics: string[]; audience: string[]; clauseRefs: string[]; updatedAt: string }[]>(
      `select id, slug, title, summary, body, topics, audience, clause_refs as "clauseRefs", updated_at as "updatedAt"
       from guidance_article where published ${filter.sql}`,
      filter.params,
    );
    return rows.map((a) => ({
      kind: DocumentKind.GUIDANCE,
      key: a.slug,
      entityId: a.id,
      path: paths.guidance(a.slug),
      title: a.title,
      summary: a.summary,
      keywords: joinText(labels.labelList('TOPIC', a.topics), a.audience.map(words).join(', '), a.clauseRefs.join(', ')),
      body: markdownToText(a.body),
      clauseRef: null,
      clauseSortKey: null,
      clauseAncestors: [],
      citedClauses: a.clauseRefs,
      standards: codesOf(a.clauseRefs),
      topics: a.topics,
      blueprintKind: null,
      systemType: null,
      setting: null,
      updatedAt: new Date(a.updatedAt),
    }));
  },
});

registerSearchSource({
  kind: DocumentKind.BLUEPRINT,
  nodeType: 'Blueprint',
  async load(em, keys, labels) {
    const filter = keyFilter('b.slug', keys);
    const rows = await em.execute<{
      id: number; slug: string; kind: string; title: string; summary: string; topics: string[]; updatedAt: string;
      template: string | null; variables: BlueprintVariable[] | null; hazards: HazardContent[] | null; clauseRefs: string[] | null;
    }[]>(
      `select b.id, b.slug, b.kind, b.title, b.summary, b.topics, b.updated_at as "updatedAt",
         v.template, v.variables, v.hazards, v.clause_refs as "clauseRefs"
       from blueprint b left join blueprint_version v on v.blueprint_id = b.id and v.version = b.latest_version
       where b.published ${filter.sql}`,
      filter.params,
    );
    return rows.map((b) => {
      const clauseRefs = b.clauseRefs ?? [];
      return {
        kind: DocumentKind.BLUEPRINT,
        key: b.slug,
        entityId: b.id,
        path: paths.blueprint(b.slug),
        title: b.title,
        summary: b.summary,
        keywords: joinText(`${words(b.kind)} template`, labels.labelList('TOPIC', b.topics), clauseRefs.join(', ')),
        body: joinText(
          b.template !== null && markdownToText(b.template),
          b.variables?.map((v) => v.description).join('\n'),
          b.hazards?.map((h) => `${h.title}. ${h.description}`).join('\n'),
        ),
        clauseRef: null,
        clauseSortKey: null,
        clauseAncestors: [],
        citedClauses: clauseRefs,
        standards: codesOf(clauseRefs),
        topics: b.topics,
        blueprintKind: b.kind,
        systemType: null,
        setting: null,
        updatedAt: new Date(b.updatedAt),
      };
    });
  },
});

registerSearchSource({
  kind: DocumentKind.SAFETY_CASE,
  nodeType: 'SafetyCase',
  async load(em, keys, labels) {
    const filter = keyFilter('c.slug', keys);
    const cases = await em.execute<(SafetyCaseFacets & { id: number; slug: string; title: string; summary: string; body: string; lifecyclePhase: string; clauseRefs: string[]; hazardTitles: string | null })[]>(
      `select c.id, c.slug, c.title, c.summary, c.body, c.system_type as "systemType", c.setting, c.standard_code as "standardCode",
         c.lifecycle_phase as "lifecyclePhase", c.topics, c.clause_refs as "clauseRefs", c.updated_at as "updatedAt",
         (select string_agg(h.title, E'\n' order by h.position) from hazard h where h.safety_case_id = c.id) as "hazardTitles"
       from safety_case c where c.published ${filter.sql}`,
      filter.params,
    );
    return cases.map((c) => ({
      kind: DocumentKind.SAFETY_CASE,
      key: c.slug,
      entityId: c.id,
      path: paths.safetyCase(c.slug),
      title: c.title,
      summary: c.summary,
      keywords: joinText(
        labels.label('SYSTEM_TYPE', c.systemType),
        labels.label('SETTING', c.setting),
        c.standardCode,
        c.lifecyclePhase,
        labels.labelList('TOPIC', c.topics),
      ),
      body: joinText(markdownToText(c.body), c.hazardTitles),
      clauseRef: null,
      clauseSortKey: null,
      clauseAncestors: [],
      citedClauses: c.clauseRefs,
      standards: [c.standardCode],
      topics: c.topics,
      blueprintKind: null,
      systemType: c.systemType,
      setting: c.setting,
      updatedAt: new Date(c.updatedAt),
    }));
  },
});

/** What a hazard's index entry takes from its safety case. */
interface SafetyCaseFacets {
  systemType: string;
  setting: string;
  standardCode: string;
  topics: string[];
  updatedAt: string;
}

/** Hazards are indexed on their own, carrying their safety case's facets, so "wrong patient" finds the hazard itself. */
registerSearchSource({
  kind: DocumentKind.HAZARD,
  nodeType: 'Hazard',
  async load(em, keys, labels) {
    const wanted = keys ? new Set(keys) : null;
    const filter = keyFilter('c.slug', keys && [...new Set(keys.map((k) => k.slice(0, k.lastIndexOf('/'))))]);
    const hazards = await em.execute<(SafetyCaseFacets & {
      id: number; slug: string; code: string; title: string; family: string; description: string; causes: string[]; effects: string[];
      controls: HazardControl[]; status: string; clauseRefs: string[];
    })[]>(
      `select h.id, c.slug, h.code, h.title, h.family, h.description, h.causes, h.effects, h.controls, h.status, h.clause_refs as "clauseRefs",
         c.system_type as "systemType", c.setting, c.standard_code as "standardCode", c.topics, c.updated_at as "updatedAt"
       from hazard h join safety_case c on c.id = h.safety_case_id
       where c.published ${filter.sql}
       order by h.position`,
      filter.params,
    );
    return hazards
      .filter((h) => !wanted || wanted.has(`${h.slug}/${h.code}`))
      .map((h) => ({
        kind: DocumentKind.HAZARD,
        key: `${h.slug}/${h.code}`,
        entityId: h.id,
        path: paths.hazard(h.slug, h.code),
        title: h.title,
        summary: h.description,
        keywords: joinText(labels.label('HAZARD_FAMILY', h.family), labels.label('SYSTEM_TYPE', h.systemType), labels.label('SETTING', h.setting), `${h.status.toLowerCase()} hazard`),
        body: joinText(h.causes.join('\n'), h.effects.join('\n'), h.controls.map((control) => control.description).join('\n')),
        clauseRef: null,
        clauseSortKey: null,
        clauseAncestors: [],
        citedClauses: h.clauseRefs,
        standards: [h.standardCode],
        topics: h.topics,
        blueprintKind: null,
        systemType: h.systemType,
        setting: h.setting,
        updatedAt: new Date(h.updatedAt),
      }));
  },
});
