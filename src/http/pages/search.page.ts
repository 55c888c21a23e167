import { z } from 'zod';
import { encodeCursor } from '../../graphql/connection.js';
import { errors } from '../../graphql/errors.js';
import type { FacetField } from '../../modules/search/search-backend.js';
import type { SearchFilter, SearchOutput } from '../../modules/search/search.service.js';
import { BLUEPRINT_KIND_LABELS } from './components.js';
import { html, trustedHtml, type SafeHtml } from './html.js';
import { searchForm } from './layout.js';
import { pageNumber, parseQuery, queryText, type PageHandler } from './page-handler.js';
import { searchPath, type SearchParams } from './search-links.js';

export const SEARCH_PAGE_SIZE = 10;
const FACET_VALUES_SHOWN = 6;

/** The query-string names of the facets: the singular of each SearchFilter field, as GraphQL's input names them. */
const FACETS: { field: FacetField; param: keyof SearchParams; filter: keyof SearchFilter; heading: string }[] = [
  { field: 'kind', param: 'kind', filter: 'kinds', heading: 'Type' },
  { field: 'standard', param: 'standard', filter: 'standards', heading: 'Standard' },
  { field: 'topic', param: 'topic', filter: 'topics', heading: 'Topic' },
  { field: 'blueprintKind', param: 'blueprintKind', filter: 'blueprintKinds', heading: 'Blueprint kind' },
  { field: 'systemType', param: 'systemType', filter: 'systemTypes', heading: 'System type' },
  { field: 'setting', param: 'setting', filter: 'settings', heading: 'Care setting' },
];

export const DOCUMENT_KIND_LABELS: Record<string, string> = {
  STANDARD: 'Standard',
  CLAUSE: 'Clause',
  GUIDANCE: 'Guidance',
  BLUEPRINT: 'Blueprint',
  SAFETY_CASE: 'Safety case',
  HAZARD: 'Hazard',
  LEARNING: 'Learning from events',
  EVIDENCE: 'Evidence',
  TRAINING: 'Training',
};

const facetValues = z
  .union([z.string(), z.array(z.string())], { invalid_type_error: 'give each value as text' })
  .transform((value) => (Array.isArray(value) ? value : [value]).filter((v) => v.trim() !== ''));

const searchQuery = z.object({
  q: queryText(256).optional(),
  kind: facetValues.optional(),
  standard: facetValues.optional(),
  topic: facetValues.optional(),
  blueprintKind: facetValues.optional(),
  systemType: facetValues.optional(),
  setting: facetValues.optional(),
  page: pageNumber.optional(),
});

function facetLabel(field: FacetField, value: string, label: string): string {
  if (field === 'kind') return DOCUMENT_KIND_LABELS[value] ?? label;
  if (field === 'blueprintKind') return BLUEPRINT_KIND_LABELS[value] ?? label;
  return label;
}

/** Clauses and hazards are known by their reference as much as by their title. */
function hitTitle(hit: { kind: string; key: string; title: string }): string {
  if (hit.kind === 'CLAUSE') return `${hit.key} ${hit.title}`;
  if (hit.kind === 'HAZARD') return `${hit.key.split('/').at(-1)} ${hit.title}`;
  return hit.title;
}

function toggled(params: SearchParams, param: keyof SearchParams, value: string): SearchParams {
  const current = (params[param] as string[] | undefined) ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...params, [param]: next, page: undefined };
}

function facetsPanel(params: SearchParams, result: SearchOutput): SafeHtml {
  return html`<aside class="facets" aria-labelledby="refine-title">
    <h2 id="refine-title" class="visually-hidden">Refine the results</h2>
    ${FACETS.map(({ field, param, heading }) => {
      const selected = (params[param] as string[] | undefined) ?? [];
      const values = result.facets[field];
      if (values.length === 0 && selected.length === 0) return '';
      const shown = [...values];
      for (const value of selected) if (!shown.some((v) => v.value === value)) shown.push({ value, label: value, count: 0 });
      const item = (v: { value: string; label: string; count: number }) => {
        const isOn = selected.includes(v.value);
        const text = facetLabel(field, v.value, v.label);
        return html`<li><a href="${searchPath(toggled(params, param, v.value))}"${isOn ? html` aria-current="true"` : ''}>${isOn ? html`<span aria-hidden="true">✓ </span><span class="visually-hidden">Remove filter: </span>` : ''}${text}</a> <span class="count">(${v.count})</span></li>`;
      };
      // Long facets show their largest values and fold the rest away (a <details>, so no script is needed).
      const first = shown.slice(0, FACET_VALUES_SHOWN);
      const rest = shown.slice(FACET_VALUES_SHOWN);
      return html`<section aria-labelledby="facet-${field}">
        <h2 id="facet-${field}">${heading}</h2>
        <ul>${first.map(item)}</ul>
        ${rest.length > 0 ? html`<details${rest.some((v) => selected.includes(v.value)) ? html` open` : ''}><summary>${rest.length} more</summary><ul>${rest.map(item)}</ul></details>` : ''}
      </section>`;
    })}
  </aside>`;
}

function pager(params: SearchParams, page: number, pageCount: number): SafeHtml {
  if (pageCount <= 1) return html``;
  return html`<nav aria-label="Pages of results">
    <ul class="pagination">
      ${page > 1 ? html`<li><a href="${searchPath({ ...params, page: page - 1 })}" rel="prev">Previous<span class="visually-hidden"> page</span></a></li>` : ''}
      <li><span aria-current="page">Page ${page} of ${pageCount}</span></li>
      ${page < pageCount ? html`<li><a href="${searchPath({ ...params, page: page + 1 })}" rel="next">Next<span class="visually-hidden"> page</span></a></li>` : ''}
    </ul>
  </nav>`;
}

export const searchPage: PageHandler = async ({ em, hub, query }) => {
  const parsed = parseQuery(searchQuery, query);
  const params: SearchParams = { ...parsed, q: parsed.q?.trim() ?? '' };
  const page = params.page ?? 1;
  const filter: SearchFilter = {};
  for (const facet of FACETS) {
    const values = params[facet.param] as string[] | undefined;
    if (values && values.length > 0) (filter as Record<string, string[]>)[facet.filter] = values;
  }
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  const result = await hub.search.search(em, {
    query: params.q ?? '',
    filter,
    first: SEARCH_PAGE_SIZE,
    after: offset > 0 ? encodeCursor(offset - 1) : undefined,
  });
  const pageCount = Math.max(1, Math.ceil(result.totalCount / SEARCH_PAGE_SIZE));
  if (page > pageCount) throw errors.notFound('Page of search results', String(page));
  const q = params.q ?? '';
  const corrected = Object.entries(result.understood.corrections);
  const filtered = Object.keys(filter).length > 0;

  const summary = q
    ? html`${result.totalCount} ${result.totalCount === 1 ? 'result' : 'results'} for <strong>${q}</strong>`
    : html`${result.totalCount} ${result.totalCount === 1 ? 'document' : 'documents'}${filtered ? ' match the filters' : ' in the hub'}`;

  const body = html`<h1>Search</h1>
    ${searchForm('page', q)}
    <div class="search-layout">
      ${facetsPanel(params, result)}
      <div>
        <p role="status">${summary}${page > 1 ? html`, page ${page}` : ''}.</p>
        ${
          result.suggestions.length > 0
            ? html`<p class="callout">${corrected.length > 0 ? html`Including results for ${corrected.map(([from, to], i) => html`${i > 0 ? ', ' : ''}<strong>${to}</strong> (you typed <em>${from}</em>)`)}. ` : ''}Did you mean ${result.suggestions.map(
                (s, i) => html`${i > 0 ? ' or ' : ''}<a href="${searchPath({ ...params, q: s, page: undefined })}">${s}</a>`,
              )}?</p>`
            : ''
        }
        ${
          result.understood.pinnedClauses.length > 0
            ? html`<p class="hint">Clause ${result.understood.pinnedClauses.join(', ')} is shown first.</p>`
            : ''
        }
        ${
          result.hits.length > 0
            ? html`<ol class="result-list" start="${offset + 1}">
              ${result.hits.map(
                (hit) => html`<li>
                  <span class="result-kind">${DOCUMENT_KIND_LABELS[hit.kind] ?? hit.kind}</span>
                  <h2><a href="${hit.path}">${hitTitle(hit)}</a></h2>
                  <p>${trustedHtml(hit.highlight)}</p>
                </li>`,
              )}
            </ol>`
            : html`<div class="callout">
              <h2>No results</h2>
              <p>Check the spelling, use fewer or more general words${filtered ? html`, or <a href="${searchPath({ q })}">remove the filters</a>` : ''}. You can also search for a clause by its number, such as <a href="${searchPath({ q: 'DCB0129 2.3.1' })}">DCB0129 2.3.1</a>.</p>
            </div>`
        }
        ${pager(params, page, pageCount)}
      </div>
    </div>`;

  return {
    view: {
      title: q ? `Search: ${q}` : 'Search',
      breadcrumbLabel: 'Search',
      description: 'Search DCB0129 and DCB0160 clauses, guidance, blueprints and safety cases.',
      canonicalPath: searchPath(params),
      breadcrumbs: [],
      section: 'search',
      noindex: true,
      body,
    },
  };
};
