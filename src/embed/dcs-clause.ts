import clauseQuery from './queries/clause.graphql';
import { hubBase, runQuery } from './hub-client.js';
import { adoptStyles, element, hubLink, themeStyles } from './theme.js';

interface ClauseData {
  clause: {
    number: string;
    title: string;
    obligation: 'SHALL' | 'SHOULD' | 'MAY' | null;
    isRequirement: boolean;
    summary: string;
    url: string;
    standardCode: string;
    standard: { title: string; version: string };
    counterpart: { standardCode: string; number: string; title: string; url: string } | null;
  } | null;
}

const OBLIGATION_LABELS: Record<string, string> = { SHALL: 'Requirement: must', SHOULD: 'Recommendation: should', MAY: 'Permission: may' };

const styles = `${themeStyles}
.card { background: var(--_background); border: 1px solid var(--_border); border-left: 6px solid var(--_accent); border-radius: var(--_radius); padding: 1rem 1.25rem; }
.eyebrow { margin: 0; font-size: 0.875em; font-weight: 600; color: var(--_muted); letter-spacing: 0.02em; }
.title { margin: 0.15rem 0 0.5rem; font-size: 1.25em; line-height: 1.3; }
.obligation { display: inline-block; margin: 0 0 0.5rem; padding: 0.05rem 0.5rem; border-radius: 999px; background: var(--_surface); font-size: 0.875em; font-weight: 600; }
.summary { margin: 0 0 0.75rem; }
.counterpart { margin: 0 0 0.75rem; }
.more { font-weight: 600; }
`;

/**
 * `<dcs-clause standard="DCB0129" number="2.3">`: a card with the clause's number, title, obligation, plain
 * English summary, its counterpart in the other standard and a link to it on the hub.
 */
export class DcsClauseElement extends HTMLElement {
  static observedAttributes = ['hub', 'standard', 'number', 'link-base', 'link-target', 'heading-level'];

  readonly #card: HTMLElement;
  #request?: AbortController;
  #scheduled = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root, styles);
    this.#card = element('article', { part: 'card', className: 'card', attributes: { 'aria-busy': 'true' } });
    root.append(this.#card);
  }

  connectedCallback(): void {
    this.#schedule();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#schedule();
  }

  disconnectedCallback(): void {
    this.#request?.abort();
  }

  /** Attributes set one after another (standard, then number) cause one load, once the setting code is done. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      void this.#load();
    });
  }

  async #load(): Promise<void> {
    const standard = this.getAttribute('standard')?.trim() ?? '';
    const number = this.getAttribute('number')?.trim() ?? '';
    this.#request?.abort();
    if (!standard || !number) {
      this.#showMessage('Set the standard and number attributes, e.g. standard="DCB0129" number="2.3".');
      return;
    }
    const request = new AbortController();
    this.#request = request;
    this.#card.setAttribute('aria-busy', 'true');
    this.#showMessage(`Loading ${standard} clause ${number}…`);
    try {
      const data = await runQuery<ClauseData>(hubBase(this.getAttribute('hub')), clauseQuery, { standard, number }, request.signal);
      if (request.signal.aborted) return;
      if (data.clause) this.#render(data.clause);
      else this.#showMessage(`${standard} has no clause ${number}.`);
    } catch (error) {
      if (request.signal.aborted) return;
      this.#showMessage(`Clause ${standard} ${number} could not be loaded from DCS Hub (${(error as Error).message}).`);
    } finally {
      if (!request.signal.aborted) this.#card.setAttribute('aria-busy', 'false');
    }
  }

  #showMessage(text: string): void {
    this.#card.removeAttribute('aria-labelledby');
    this.#card.replaceChildren(element('p', { part: 'message', className: 'summary muted', text }));
  }

  #render(clause: NonNullable<ClauseData['clause']>): void {
    const level = Math.min(6, Math.max(2, Number(this.getAttribute('heading-level')) || 3));
    const heading = element(`h${level}` as 'h3', { part: 'title', className: 'title', text: clause.title, attributes: { id: 'title' } });
    const nodes: Node[] = [
      element('p', { part: 'eyebrow', className: 'eyebrow', text: `${clause.standardCode} v${clause.standard.version} · clause ${clause.number}` }),
      heading,
      element('p', { part: 'obligation', className: 'obligation', text: clause.obligation ? OBLIGATION_LABELS[clause.obligation] ?? clause.obligation : 'Section' }),
      element('p', { part: 'summary', className: 'summary', text: clause.summary }),
    ];
    if (clause.counterpart) {
      const counterpart = element('p', { part: 'counterpart', className: 'counterpart', text: `In ${clause.counterpart.standardCode}: ` });
      counterpart.append(hubLink(this, clause.counterpart.url, { text: `${clause.counterpart.number} ${clause.counterpart.title}`, part: 'counterpart-link' }));
      nodes.push(counterpart);
    }
    nodes.push(hubLink(this, clause.url, { text: `Read ${clause.standardCode} ${clause.number} on DCS Hub`, part: 'link', className: 'more' }));
    this.#card.replaceChildren(...nodes);
    this.#card.setAttribute('aria-labelledby', 'title');
  }
}
