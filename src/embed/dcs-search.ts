import searchQuery from './queries/search.graphql';
import { hubBase, linkFor, runQuery } from './hub-client.js';
import { renderHighlight } from './highlight.js';
import { adoptStyles, element, hubLink, KIND_LABELS, themeStyles } from './theme.js';

interface FacetValue {
  value: string;
  label: string;
  count: number;
}

interface SearchHit {
  score: number;
  highlight: string;
  document: { id: string; title: string; kind: string; url: string; standardCode?: string; number?: string };
}

interface SearchData {
  search: {
    totalCount: number;
    suggestions: string[];
    facets: { kind: FacetValue[]; standard: FacetValue[] };
    edges: { node: SearchHit }[];
  };
}

/** A row of the suggestion list: jump to a document, or search for a corrected spelling. */
type Option = { type: 'document'; hit: SearchHit } | { type: 'suggestion'; query: string };

type FacetName = 'kind' | 'standard';

const DEBOUNCE_MS = 180;
const MIN_QUERY_LENGTH = 2;
const OPTION_DOCUMENTS = 5;
const DEFAULT_LIMIT = 10;

const styles = `${themeStyles}
label { display: block; margin-bottom: 0.25rem; font-weight: 600; }
.field { position: relative; }
input {
  width: 100%; padding: 0.55rem 0.75rem; font: inherit; color: var(--_text); background: var(--_background);
  border: 2px solid var(--_text); border-radius: var(--_radius);
}
input:focus { outline: 3px solid var(--_focus); outline-offset: 0; }
[role="listbox"] {
  position: absolute; z-index: 10; left: 0; right: 0; top: calc(100% + 2px); margin: 0; padding: 0.25rem 0; list-style: none;
  background: var(--_background); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 6px 18px rgb(0 0 0 / 0.15);
}
[role="option"] { display: flex; gap: 0.75rem; justify-content: space-between; padding: 0.4rem 0.75rem; cursor: pointer; }
[role="option"][aria-selected="true"] { background: var(--_accent); color: var(--_accent-text); }
[role="option"][aria-selected="true"] .muted { color: inherit; }
.status { margin: 0.5rem 0; min-height: 1.5em; color: var(--_muted); }
.facets { display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; margin: 0 0 0.5rem; }
.facets:empty { display: none; }
.facet { display: flex; flex-wrap: wrap; align-items: center; gap: 0.35rem; }
.facet-label { font-size: 0.875em; color: var(--_muted); margin-right: 0.15rem; }
.chip {
  font: inherit; font-size: 0.875em; padding: 0.1rem 0.65rem; border-radius: 999px; cursor: pointer;
  color: var(--_accent); background: var(--_background); border: 1px solid var(--_accent);
}
.chip[aria-pressed="true"] { color: var(--_accent-text); background: var(--_accent); }
.results { list-style: none; margin: 0; padding: 0; }
.result { padding: 0.75rem 0; border-top: 1px solid var(--_border); }
.result:first-child { border-top: 0; }
.result-link { font-weight: 600; font-size: 1.05em; }
.meta { display: block; font-size: 0.875em; color: var(--_muted); }
.excerpt { margin: 0.25rem 0 0; }
`;

/**
 * `<dcs-search>`: a search box over DCS Hub. As the user types it shows the best matches (and "did you mean"
 * corrections) in a suggestion list driven by the arrow keys, and below it the ranked results as real links
 * with highlighted excerpts and facet chips that narrow the search. The result count is announced to screen
 * readers. Queries go to the hub over cacheable GET requests.
 */
export class DcsSearchElement extends HTMLElement {
  static observedAttributes = ['label', 'placeholder', 'filter-kind', 'filter-standard', 'limit', 'hub', 'link-base', 'link-target'];

  readonly #input: HTMLInputElement;
  readonly #label: HTMLLabelElement;
  readonly #listbox: HTMLUListElement;
  readonly #status: HTMLParagraphElement;
  readonly #facets: HTMLDivElement;
  readonly #results: HTMLOListElement;

  #options: Option[] = [];
  #active = -1;
  #timer?: ReturnType<typeof setTimeout>;
  #request?: AbortController;
  #lastSearched = '';
  readonly #selected: Record<FacetName, Set<string>> = { kind: new Set(), standard: new Set() };

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open', delegatesFocus: true });
    this.#label = element('label', { part: 'label', attributes: { for: 'query' } });
    this.#input = element('input', {
      part: 'input',
      attributes: {
        id: 'query', type: 'search', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
        'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'suggestions', 'aria-describedby': 'status',
      },
    });
    this.#listbox = element('ul', { part: 'suggestions', attributes: { id: 'suggestions', role: 'listbox', 'aria-label': 'Suggestions' } });
    this.#listbox.hidden = true;
    const field = element('div', { className: 'field' });
    field.append(this.#input, this.#listbox);
    const form = element('form', { part: 'form', attributes: { role: 'search' } });
    form.append(this.#label, field);
    this.#status = element('p', { part: 'status', className: 'status', attributes: { id: 'status', role: 'status', 'aria-live': 'polite' } });
    this.#facets = element('div', { part: 'facets', className: 'facets' });
    this.#results = element('ol', { part: 'results', className: 'results', attributes: { 'aria-label': 'Search results' } });
    adoptStyles(root, styles);
    root.append(form, this.#status, this.#facets, this.#results);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#runNow();
    });
    this.#input.addEventListener('input', () => this.#scheduleSearch());
    this.#input.addEventListener('keydown', (event) => this.#onKeydown(event));
    this.#input.addEventListener('blur', () => this.#closeList());
    // Keep focus in the input while an option is clicked, so the click lands before the list closes.
    this.#listbox.addEventListener('mousedown', (event) => event.preventDefault());
    this.#listbox.addEventListener('click', (event) => {
      const row = (event.target as Element).closest('[role="option"]');
      if (row) this.#choose(Number(row.getAttribute('data-index')));
    });
  }

  connectedCallback(): void {
    this.#applyAttributes();
  }

  attributeChangedCallback(name: string): void {
    this.#applyAttributes();
    if (name !== 'label' && name !== 'placeholder' && this.#lastSearched) this.#runNow();
  }

  disconnectedCallback(): void {
    clearTimeout(this.#timer);
    this.#request?.abort();
  }

  #applyAttributes(): void {
    this.#label.textContent = this.getAttribute('label') ?? 'Search DCS Hub';
    this.#input.placeholder = this.getAttribute('placeholder') ?? 'Clauses, guidance, templates, safety cases…';
  }

  #limit(): number {
    const limit = Number(this.getAttribute('limit'));
    return Number.isInteger(limit) && limit >= 1 && limit <= 50 ? limit : DEFAULT_LIMIT;
  }

  /** The page's fixed filter (`filter-kind`, `filter-standard`), narrowed further by any chips the user pressed. */
  #filter(): Record<string, string[]> | undefined {
    const filter: Record<string, string[]> = {};
    const fixed: Record<FacetName, string | null> = { kind: this.getAttribute('filter-kind'), standard: this.getAttribute('filter-standard') };
    for (const facet of ['kind', 'standard'] as const) {
      const chosen = this.#selected[facet].size > 0 ? [...this.#selected[facet]] : (fixed[facet] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
      // Kinds and standard codes are upper case in the API; attributes written by hand may not be.
      if (chosen.length > 0) filter[facet] = chosen.map((value) => value.toUpperCase());
    }
    return Object.keys(filter).length > 0 ? filter : undefined;
  }

  #scheduleSearch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#search(), DEBOUNCE_MS);
  }

  #runNow(): void {
    clearTimeout(this.#timer);
    void this.#search({ openList: false });
  }

  async #search({ openList = true } = {}): Promise<void> {
    const query = this.#input.value.trim();
    this.#request?.abort();
    if (query.length < MIN_QUERY_LENGTH) {
      this.#lastSearched = '';
      this.#setOptions([]);
      this.#facets.replaceChildren();
      this.#results.replaceChildren();
      this.#status.textContent = query ? `Type at least ${MIN_QUERY_LENGTH} characters to search.` : '';
      return;
    }
    const request = new AbortController();
    this.#request = request;
    this.#results.setAttribute('aria-busy', 'true');
    try {
      const variables: Record<string, unknown> = { query, first: this.#limit() };
      const filter = this.#filter();
      if (filter) variables.filter = filter;
      const { search } = await runQuery<SearchData>(hubBase(this.getAttribute('hub')), searchQuery, variables, request.signal);
      if (request.signal.aborted) return;
      this.#lastSearched = query;
      this.#renderResults(query, search);
      const options: Option[] = [
        ...search.suggestions.slice(0, 2).map((suggestion): Option => ({ type: 'suggestion', query: suggestion })),
        ...search.edges.slice(0, OPTION_DOCUMENTS).map(({ node }): Option => ({ type: 'document', hit: node })),
      ];
      this.#setOptions(options, openList && this.shadowRoot?.activeElement === this.#input);
    } catch (error) {
      if (request.signal.aborted) return;
      this.#setOptions([]);
      this.#status.textContent = `Search is unavailable right now (${(error as Error).message}).`;
    } finally {
      if (!request.signal.aborted) this.#results.setAttribute('aria-busy', 'false');
    }
  }

  #describe(hit: SearchHit): string {
    const kind = KIND_LABELS[hit.document.kind] ?? hit.document.kind;
    return hit.document.standardCode && hit.document.number ? `${kind} · ${hit.document.standardCode} ${hit.document.number}` : kind;
  }

  #renderResults(query: string, search: SearchData['search']): void {
    const shown = search.edges.length;
    const count = search.totalCount === 1 ? '1 result' : `${search.totalCount} results`;
    const more = search.totalCount > shown ? `, showing the best ${shown}` : '';
    const correction = search.suggestions[0] ? ` Did you mean “${search.suggestions[0]}”?` : '';
    this.#status.textContent = search.totalCount === 0 ? `No results for “${query}”.${correction}` : `${count} for “${query}”${more}.${correction}`;

    this.#results.replaceChildren(
      ...search.edges.map(({ node: hit }) => {
        const item = element('li', { part: 'result', className: 'result' });
        const excerpt = element('p', { part: 'excerpt', className: 'excerpt' });
        renderHighlight(excerpt, hit.highlight);
        item.append(hubLink(this, hit.document.url, { text: hit.document.title, part: 'result-link', className: 'result-link' }), element('span', { part: 'meta', className: 'meta', text: this.#describe(hit) }), excerpt);
        return item;
      }),
    );
    this.#renderFacets(search.facets);
  }

  #renderFacets(facets: SearchData['search']['facets']): void {
    const groups: [FacetName, string][] = [['kind', 'Type'], ['standard', 'Standard']];
    this.#facets.replaceChildren(
      ...groups.flatMap(([facet, title]) => {
        const values = new Map(facets[facet].map((v) => [v.value, v]));
        // A pressed chip stays visible even when the other filters leave it no hits, so it can be released.
        for (const value of this.#selected[facet]) if (!values.has(value)) values.set(value, { value, label: KIND_LABELS[value] ?? value, count: 0 });
        if (values.size < 2 && this.#selected[facet].size === 0) return [];
        const group = element('div', { part: 'facet', className: 'facet', attributes: { role: 'group', 'aria-label': `Filter by ${title.toLowerCase()}` } });
        group.append(element('span', { className: 'facet-label', text: `${title}:`, attributes: { 'aria-hidden': 'true' } }));
        for (const value of values.values()) {
          const pressed = this.#selected[facet].has(value.value);
          const chip = element('button', {
            part: pressed ? 'chip chip-pressed' : 'chip',
            className: 'chip',
            text: `${facet === 'kind' ? (KIND_LABELS[value.value] ?? value.label) : value.label} (${value.count})`,
            attributes: { type: 'button', 'aria-pressed': String(pressed) },
          });
          chip.addEventListener('click', () => {
            if (pressed) this.#selected[facet].delete(value.value);
            else this.#selected[facet].add(value.value);
            this.#runNow();
          });
          group.append(chip);
        }
        return [group];
      }),
    );
  }

  #setOptions(options: Option[], open = false): void {
    this.#options = options;
    this.#active = -1;
    this.#listbox.replaceChildren(
      ...options.map((option, index) => {
        const row = element('li', { part: 'option', attributes: { id: `option-${index}`, role: 'option', 'aria-selected': 'false', 'data-index': String(index) } });
        if (option.type === 'suggestion') {
          row.append(element('span', { text: `Search for “${option.query}”` }), element('span', { className: 'muted', text: 'Did you mean' }));
        } else {
          row.append(element('span', { text: option.hit.document.title }), element('span', { className: 'muted', text: this.#describe(option.hit) }));
        }
        return row;
      }),
    );
    if (open && options.length > 0) this.#openList();
    else this.#closeList();
  }

  #openList(): void {
    this.#listbox.hidden = false;
    this.#input.setAttribute('aria-expanded', 'true');
  }

  #closeList(): void {
    this.#listbox.hidden = true;
    this.#input.setAttribute('aria-expanded', 'false');
    this.#setActive(-1);
  }

  #setActive(index: number): void {
    this.#active = index;
    for (const row of Array.from(this.#listbox.children)) {
      row.setAttribute('aria-selected', String(row.id === `option-${index}`));
    }
    if (index >= 0) {
      this.#input.setAttribute('aria-activedescendant', `option-${index}`);
      this.#listbox.children[index]?.scrollIntoView({ block: 'nearest' });
    } else {
      this.#input.removeAttribute('aria-activedescendant');
    }
  }

  #onKeydown(event: KeyboardEvent): void {
    const count = this.#options.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return;
        event.preventDefault();
        if (this.#listbox.hidden) this.#openList();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const start = this.#active === -1 && step === -1 ? count : this.#active;
        this.#setActive((start + step + count) % count);
        return;
      }
      case 'Enter':
        if (!this.#listbox.hidden && this.#active >= 0) {
          event.preventDefault();
          this.#choose(this.#active);
        }
        return;
      case 'Escape':
        if (!this.#listbox.hidden) {
          event.preventDefault();
          this.#closeList();
        }
        return;
      default:
    }
  }

  #choose(index: number): void {
    const option = this.#options[index];
    if (!option) return;
    if (option.type === 'suggestion') {
      this.#input.value = option.query;
      this.#runNow();
      return;
    }
    this.#closeList();
    const href = linkFor(option.hit.document.url, this.getAttribute('link-base'));
    if (this.getAttribute('link-target') === '_blank') window.open(href, '_blank', 'noopener');
    else window.location.assign(href);
  }
}
