import { z } from 'zod';
import { errors } from '../../graphql/errors.js';
import { paths } from '../../graphql/urls.js';
import { BlueprintsService } from '../../modules/blueprints/blueprints.service.js';
import { PHYSICAL_HARM_LABELS, PSYCHOLOGICAL_HARM_LABELS } from '../../modules/learning/harm.js';
import { EvidenceService, SafetyLearningService } from '../../modules/learning/learning.service.js';
import { RevisionsService } from '../../modules/revisions/revisions.service.js';
import { StandardsService } from '../../modules/standards/standards.service.js';
import { TaxonomyService } from '../../modules/taxonomy/taxonomy.service.js';
import { docMeta, editionText, pagination, summaryList, titleCase } from './components.js';
import { html, type SafeHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { pageNumber, parseQuery, type PageHandler } from './page-handler.js';
import { searchPath } from './search-links.js';

const LIST_PAGE_SIZE = 20;
const listQuery = z.object({ page: pageNumber.optional() });

/** LFPSE's event types, in the words its recording guidance uses. */
const EVENT_TYPE_LABELS: Record<string, string> = {
  INCIDENT: 'Patient safety incident',
  RISK: 'Patient safety risk',
  OUTCOME: 'Poor outcome',
  GOOD_CARE: 'Good care',
};

const STRENGTH_LABELS: Record<string, string> = { HIGH: 'High', MODERATE: 'Moderate', LOW: 'Low', VERY_LOW: 'Very low' };
const EFFECT_LABELS: Record<string, string> = {
  REDUCED_HARM: 'Reduced harm',
  MIXED: 'Mixed effects',
  NO_CLEAR_EFFECT: 'No clear effect',
  INCREASED_HARM: 'Increased harm',
};

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthOf(date: string | Date): string {
  return MONTH.format(new Date(typeof date === 'string' ? `${date.slice(0, 10)}T00:00:00Z` : date));
}

function familyLinks(families: string[], labels: Map<string, string>): SafeHtml {
  return html`${families.map((family, i) => html`${i > 0 ? ', ' : ''}${labels.get(family) ?? family}`)}`;
}

export const learningIndexPage: PageHandler = async ({ em, query }) => {
  const { page = 1 } = parseQuery(listQuery, query);
  const [[learnings, total], labels] = await Promise.all([
    new SafetyLearningService(em).page({ offset: (page - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE }),
    new TaxonomyService(em).labels(),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  if (page > pageCount) throw errors.notFound('Page of learnings', String(page));
  return {
    view: {
      title: 'Learning from patient safety events',
      breadcrumbLabel: 'Learning from events',
      description: 'Anonymised accounts of patient safety events involving digital systems: what happened, why, what was learned and what changed.',
      canonicalPath: page > 1 ? `/learning?page=${page}` : '/learning',
      breadcrumbs: [],
      section: 'search',
      body: html`<h1>Learning from patient safety events</h1>
        <p class="lead">${total} anonymised accounts of events involving health IT, newest first. Each says what happened, why, what was learned and what changed. <a href="${searchPath({ kind: ['LEARNING'] })}">Search and filter them</a>.</p>
        <ul class="result-list">
          ${learnings.map(
            (l) => html`<li>
              <span class="result-kind">${EVENT_TYPE_LABELS[l.eventType] ?? l.eventType} · ${labels.SYSTEM_TYPE.get(l.systemType) ?? l.systemType} · ${monthOf(l.occurredOn)}</span>
              <h2><a href="${paths.learning(l.slug)}">${l.title}</a></h2>
              <p>${l.summary}</p>
            </li>`,
          )}
        </ul>
        ${pagination('/learning', {}, page, pageCount)}`,
    },
  };
};

export const learningPage: PageHandler = async ({ em, params }) => {
  const learning = await new SafetyLearningService(em).findBySlug(params.slug);
  if (!learning) throw errors.notFound('Learning', params.slug);
  const [labels, clauses, blueprints, edition] = await Promise.all([
    new TaxonomyService(em).labels(),
    new StandardsService(em).findClausesByRefs(learning.clauseRefs),
    learning.blueprints.length > 0 ? new BlueprintsService(em).findBySlugs(learning.blueprints) : [],
    new RevisionsService(em).edition('LEARNING', learning.slug),
  ]);
  const sections: [string, string, string][] = [
    ['what-happened', 'What happened', learning.whatHappened],
    ['why-it-happened', 'Why it happened', learning.whyItHappened],
    ['what-was-learned', 'What was learned', learning.whatWasLearned],
    ['what-changed', 'What changed', learning.whatChanged],
  ];

  const body = html`<span class="caption">${EVENT_TYPE_LABELS[learning.eventType] ?? learning.eventType}</span>
    <h1>${learning.title}</h1>
    <p class="lead">${learning.summary}</p>
    ${docMeta({ lastReviewed: learning.lastReviewed, version: editionText(edition) })}
    <div class="callout"><p>This account is anonymised: the organisation, people and details that could identify anyone have been removed or changed.</p></div>
    ${summaryList([
      { term: 'Harm', value: `${PHYSICAL_HARM_LABELS[learning.physicalHarm]}; ${PSYCHOLOGICAL_HARM_LABELS[learning.psychologicalHarm].toLowerCase()}` },
      { term: 'System', value: labels.SYSTEM_TYPE.get(learning.systemType) ?? learning.systemType },
      { term: 'Care setting', value: labels.SETTING.get(learning.setting) ?? learning.setting },
      { term: 'When', value: monthOf(learning.occurredOn) },
      { term: 'Hazard families', value: familyLinks(learning.hazardFamilies, labels.HAZARD_FAMILY) },
    ])}
    <div class="page-grid">
      <div class="prose">
        ${sections.map(([id, heading, text]) => html`<h2 id="${id}">${heading}</h2>${renderMarkdown(text, { topLevel: 3 })}`)}
      </div>
      <aside aria-label="Related to this learning">
        ${
          learning.clauseRefs.length > 0
            ? html`<div class="card"><h2>Clauses it bears on</h2><ul class="link-list">${learning.clauseRefs.map((ref, i) => {
                const clause = clauses[i];
                return html`<li>${clause ? html`<a href="${paths.clause(ref.split(' ')[0], clause.number)}">${ref}</a> ${clause.title}` : ref}</li>`;
              })}</ul></div>`
            : ''
        }
        ${
          blueprints.length > 0
            ? html`<div class="card"><h2>Blueprints that would have helped</h2><ul class="link-list">${blueprints.map((b) => html`<li><a href="${paths.blueprint(b.slug)}">${b.title}</a></li>`)}</ul></div>`
            : ''
        }
      </aside>
    </div>`;

  return {
    view: {
      title: learning.title,
      description: learning.summary,
      canonicalPath: paths.learning(learning.slug),
      breadcrumbs: [{ label: 'Learning from events', href: '/learning' }],
      section: 'search',
      body,
    },
  };
};

export const evidenceIndexPage: PageHandler = async ({ em, query }) => {
  const { page = 1 } = parseQuery(listQuery, query);
  const [items, total] = await new EvidenceService(em).page({ offset: (page - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  if (page > pageCount) throw errors.notFound('Page of evidence', String(page));
  return {
    view: {
      title: 'Evidence on technology as a safety solution',
      breadcrumbLabel: 'Evidence',
      description: 'Published evidence that a technology changed patient harm, paraphrased, with the strength of the evidence and its source.',
      canonicalPath: page > 1 ? `/evidence?page=${page}` : '/evidence',
      breadcrumbs: [],
      section: 'search',
      body: html`<h1>Evidence on technology as a safety solution</h1>
        <p class="lead">${total} summaries of published studies, strongest evidence first. Each names its source; findings of no benefit are kept too.</p>
        <ul class="result-list">
          ${items.map(
            (item) => html`<li>
              <span class="result-kind">${STRENGTH_LABELS[item.strength] ?? item.strength} strength · ${EFFECT_LABELS[item.effectDirection] ?? item.effectDirection}</span>
              <h2><a href="${paths.evidence(item.slug)}">${item.title}</a></h2>
              <p>${item.summary}</p>
            </li>`,
          )}
        </ul>
        ${pagination('/evidence', {}, page, pageCount)}`,
    },
  };
};

export const evidencePage: PageHandler = async ({ em, params }) => {
  const item = await new EvidenceService(em).findBySlug(params.slug);
  if (!item) throw errors.notFound('Evidence item', params.slug);
  const [labels, edition] = await Promise.all([new TaxonomyService(em).labels(), new RevisionsService(em).edition('EVIDENCE', item.slug)]);

  const body = html`<span class="caption">Evidence</span>
    <h1>${item.title}</h1>
    <p class="lead">${item.summary}</p>
    ${docMeta({ lastReviewed: item.lastReviewed, version: editionText(edition) })}
    ${summaryList([
      { term: 'Intervention', value: item.intervention },
      { term: 'System', value: item.systemType ? (labels.SYSTEM_TYPE.get(item.systemType) ?? item.systemType) : null },
      { term: 'Care setting', value: item.setting ? (labels.SETTING.get(item.setting) ?? item.setting) : null },
      { term: 'Outcome measured', value: item.outcomeMeasure },
      { term: 'Effect', value: html`<strong>${EFFECT_LABELS[item.effectDirection] ?? item.effectDirection}.</strong> ${item.effect}` },
      { term: 'Strength of evidence', value: `${STRENGTH_LABELS[item.strength] ?? item.strength} (GRADE)` },
      { term: 'Study design', value: titleCase(item.studyDesign) },
      {
        term: 'Source',
        value: html`${item.sourceCitation} (${item.sourceYear})${item.sourceUrl && /^https?:\/\//.test(item.sourceUrl) ? html`. <a href="${item.sourceUrl}" rel="noopener">Read the source</a>` : ''}`,
      },
      { term: 'Hazard families', value: item.hazardFamilies.length > 0 ? familyLinks(item.hazardFamilies, labels.HAZARD_FAMILY) : null },
    ])}
    <div class="prose">${renderMarkdown(item.body)}</div>`;

  return {
    view: {
      title: item.title,
      description: item.summary,
      canonicalPath: paths.evidence(item.slug),
      breadcrumbs: [{ label: 'Evidence', href: '/evidence' }],
      section: 'search',
      body,
    },
  };
};
