import { paths } from '../../graphql/urls.js';
import { parseClauseRef } from '../../modules/standards/clause-ref.js';
import { html, hrefWith, type SafeHtml } from './html.js';

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Dates from the database come as `YYYY-MM-DD` (date columns) or Date (timestamps). */
export function isoDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export function dateText(value: string | Date): string {
  return DATE.format(new Date(`${isoDate(value)}T00:00:00Z`));
}

export function time(value: string | Date): SafeHtml {
  return html`<time datetime="${isoDate(value)}">${dateText(value)}</time>`;
}

export interface DocFacts {
  lastReviewed?: string | Date | null;
  version?: string | null;
  extra?: { term: string; value: SafeHtml | string }[];
}

/** The line under every document's title: when it was last reviewed and which version this is. */
export function docMeta(facts: DocFacts): SafeHtml {
  return html`<dl class="doc-meta">
    ${facts.lastReviewed ? html`<div><dt>Last reviewed</dt><dd>${time(facts.lastReviewed)}</dd></div>` : ''}
    ${facts.version ? html`<div><dt>Version</dt><dd>${facts.version}</dd></div>` : ''}
    ${(facts.extra ?? []).map((fact) => html`<div><dt>${fact.term}</dt><dd>${fact.value}</dd></div>`)}
  </dl>`;
}

export function summaryList(rows: { term: string; value: SafeHtml | string | null | undefined }[]): SafeHtml {
  return html`<dl class="summary-list">
    ${rows.filter((row) => row.value !== null && row.value !== undefined && row.value !== '').map((row) => html`<div><dt>${row.term}</dt><dd>${row.value}</dd></div>`)}
  </dl>`;
}

export interface RiskLevel {
  rating: number;
  label: string;
}

/** A rating shown by colour, number and word together, so it never depends on colour alone. */
export function riskBadge(rating: number, labels: Map<number, string>): SafeHtml {
  return html`<span class="risk risk-${rating}">${rating} ${labels.get(rating) ?? ''}</span>`;
}

export function titleCase(id: string): string {
  const words = id.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const BLUEPRINT_KIND_LABELS: Record<string, string> = {
  CRMP: 'Clinical risk management plan (CRMP)',
  CRMF: 'Clinical risk management file (CRMF)',
  HAZARD_LOG: 'Hazard log',
  CSCR: 'Clinical safety case report (CSCR)',
  CRMS_PROCEDURE: 'Clinical risk management system procedure',
  WORKSHOP_TOR: 'Hazard workshop terms of reference',
  CSO_APPOINTMENT: 'CSO appointment',
  INCIDENT_PROCEDURE: 'Safety incident procedure',
  DEPLOYMENT_CHECKLIST: 'Deployment checklist',
  CHANGE_IMPACT: 'Change impact assessment',
  AUDIT_CHECKLIST: 'Audit checklist',
  DECOMMISSIONING_PLAN: 'Decommissioning plan',
  HANDOVER: 'Supplier handover pack',
  OTHER: 'Other',
};

export const PARTY_LABELS: Record<string, string> = {
  MANUFACTURER: 'Manufacturers',
  HEALTH_ORGANISATION: 'Health organisations',
  TOP_MANAGEMENT: 'Top management',
  CSO: 'Clinical Safety Officers',
};

export const AUDIENCE_LABELS: Record<string, string> = {
  ...PARTY_LABELS,
};

export const OBLIGATION_TEXT: Record<string, string> = {
  SHALL: 'Mandatory: the standard says MUST.',
  SHOULD: 'Recommended: the standard says SHOULD.',
  MAY: 'Optional: the standard says MAY.',
};

export const CONTROL_TYPE_LABELS: Record<string, string> = {
  DESIGN: 'Design',
  TEST: 'Test',
  TRAINING: 'Training',
  PROCESS: 'Business process',
};

export const HAZARD_STATUS_LABELS: Record<string, string> = {
  OPEN: 'Open',
  TRANSFERRED: 'Transferred',
  CLOSED: 'Closed',
};

export function obligationTag(obligation: string | null | undefined): SafeHtml {
  if (!obligation) return html`<span class="tag tag--grey">Section</span>`;
  const tone = obligation === 'SHALL' ? '' : obligation === 'SHOULD' ? ' tag--green' : ' tag--white';
  return html`<span class="tag${tone}" title="${OBLIGATION_TEXT[obligation] ?? ''}">${obligation === 'SHALL' ? 'MUST' : obligation}</span>`;
}

export function statusTag(status: string): SafeHtml {
  const tone = status === 'CLOSED' ? 'tag--green' : status === 'OPEN' ? 'tag--orange' : 'tag--grey';
  return html`<span class="tag ${tone}">${HAZARD_STATUS_LABELS[status] ?? titleCase(status)}</span>`;
}

/** Previous / next page links for listings that page with `?page=`. */
export function pagination(path: string, params: Record<string, string | undefined>, page: number, pageCount: number): SafeHtml {
  if (pageCount <= 1) return html``;
  const link = (n: number) => hrefWith(path, { ...params, page: n === 1 ? undefined : n });
  const numbers = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  return html`<nav aria-label="Pages of results">
    <ul class="pagination">
      ${page > 1 ? html`<li><a href="${link(page - 1)}" rel="prev">Previous<span class="visually-hidden"> page</span></a></li>` : ''}
      ${numbers.map((n, i) => html`${i > 0 && n - numbers[i - 1] > 1 ? html`<li><span aria-hidden="true">…</span></li>` : ''}<li>${
        n === page ? html`<span aria-current="page"><span class="visually-hidden">Page </span>${n}</span>` : html`<a href="${link(n)}"><span class="visually-hidden">Page </span>${n}</a>`
      }</li>`)}
      ${page < pageCount ? html`<li><a href="${link(page + 1)}" rel="next">Next<span class="visually-hidden"> page</span></a></li>` : ''}
    </ul>
  </nav>`;
}

/** Documents without a version number of their own are versioned by their revision history. */
export function editionText(edition: { number: number } | null): string | null {
  return edition ? `Revision ${edition.number}` : null;
}

/** The page of a clause reference as content writes it ("DCB0129 2.3.1"), or null if it is not one. */
export function clauseHref(ref: string): string | null {
  const parsed = parseClauseRef(ref);
  return parsed ? paths.clause(parsed.code, parsed.number) : null;
}
