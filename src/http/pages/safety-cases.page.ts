import { z } from 'zod';
import { errors } from '../../graphql/errors.js';
import { paths } from '../../graphql/urls.js';
import { RevisionsService } from '../../modules/revisions/revisions.service.js';
import { RiskService } from '../../modules/risk/risk.service.js';
import { SafetyCasesService } from '../../modules/safety-cases/safety-cases.service.js';
import { StandardsService } from '../../modules/standards/standards.service.js';
import { TaxonomyService } from '../../modules/taxonomy/taxonomy.service.js';
import type { Vocabulary } from '../../modules/taxonomy/topic.entity.js';
import { clauseHref, docMeta, editionText, pagination, summaryList } from './components.js';
import { hazardContent, hazardDetails, hazardLabels, hazardTable, residualProfile } from './hazards.view.js';
import { html, hrefWith } from './html.js';
import { renderMarkdown } from './markdown.js';
import { pageNumber, parseQuery, queryText, type PageHandler } from './page-handler.js';

const LIST_PAGE_SIZE = 20;

const listQuery = z.object({
  systemType: queryText(64).optional(),
  setting: queryText(64).optional(),
  standard: z.enum(['DCB0129', 'DCB0160'], { errorMap: () => ({ message: 'DCB0129 or DCB0160' }) }).optional(),
  hazardFamily: queryText(64).optional(),
  page: pageNumber.optional(),
});

export const safetyCasesIndexPage: PageHandler = async ({ em, query }) => {
  const filter = parseQuery(listQuery, query);
  const labels = await new TaxonomyService(em).labels();
  const checks: [keyof typeof filter, Vocabulary][] = [
    ['systemType', 'SYSTEM_TYPE'],
    ['setting', 'SETTING'],
    ['hazardFamily', 'HAZARD_FAMILY'],
  ];
  for (const [field, vocabulary] of checks) {
    const value = filter[field];
    if (typeof value === 'string' && !labels[vocabulary].has(value)) throw errors.badInput(`"${value}" is not a known ${field}`, [{ field, message: 'use an id from the taxonomy' }]);
  }
  const page = filter.page ?? 1;
  const params = { systemType: filter.systemType, setting: filter.setting, standard: filter.standard, hazardFamily: filter.hazardFamily };
  const service = new SafetyCasesService(em);
  const [[cases, total], systemCounts] = await Promise.all([
    service.page({ offset: (page - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE }, params),
    service.countBySystemType(),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  if (page > pageCount) throw errors.notFound('Page of safety cases', String(page));
  const filterLabel = [
    filter.systemType && labels.SYSTEM_TYPE.get(filter.systemType),
    filter.setting && labels.SETTING.get(filter.setting),
    filter.standard,
    filter.hazardFamily && labels.HAZARD_FAMILY.get(filter.hazardFamily),
  ]
    .filter(Boolean)
    .join(', ');
  const heading = filterLabel ? `Safety cases: ${filterLabel}` : 'Safety cases';

  return {
    view: {
      title: heading,
      breadcrumbLabel: filterLabel || 'Safety cases',
      description: 'Fictional, anonymised clinical safety cases with full hazard logs: how others have assessed EPRs, e-prescribing, PACS, triage apps, AI and more.',
      canonicalPath: hrefWith('/safety-cases', { ...params, page: page > 1 ? page : undefined }),
      breadcrumbs: filterLabel ? [{ label: 'Safety cases', href: '/safety-cases' }] : [],
      section: 'safety-cases',
      body: html`<h1>${heading}</h1>
        <p class="lead">Worked examples of the safety case and hazard log for a deployment or a product. They are fictional and anonymised, but realistic: use them to check your own hazard identification is complete.</p>
        <form action="/safety-cases" method="get" class="form-row no-print">
          <div class="form-group">
            <label for="systemType">System type</label>
            <select id="systemType" name="systemType">
              <option value="">All system types</option>
              ${[...labels.SYSTEM_TYPE.entries()]
                .filter(([code]) => systemCounts.has(code))
                .map(([code, label]) => html`<option value="${code}"${code === filter.systemType ? html` selected` : ''}>${label} (${systemCounts.get(code)})</option>`)}
            </select>
          </div>
          <div class="form-group">
            <label for="standard">Produced under</label>
            <select id="standard" name="standard">
              <option value="">Either standard</option>
              ${['DCB0129', 'DCB0160'].map((code) => html`<option value="${code}"${code === filter.standard ? html` selected` : ''}>${code}</option>`)}
            </select>
          </div>
          <div class="form-group form-group--action"><button class="button button--secondary" type="submit">Show safety cases</button></div>
        </form>
        <ul class="result-list">
          ${cases.map(
            (c) => html`<li>
              <span class="result-kind">${labels.SYSTEM_TYPE.get(c.systemType) ?? c.systemType} · ${labels.SETTING.get(c.setting) ?? c.setting}</span>
              <h2><a href="${paths.safetyCase(c.slug)}">${c.title}</a></h2>
              <p>${c.summary}</p>
              <p class="hint">${c.standardCode}, ${c.lifecyclePhase}</p>
            </li>`,
          )}
        </ul>
        ${cases.length === 0 ? html`<p>No safety cases match. <a href="/safety-cases">See all safety cases</a>.</p>` : ''}
        ${pagination('/safety-cases', params, page, pageCount)}`,
    },
  };
};

export const safetyCasePage: PageHandler = async ({ em, params }) => {
  const service = new SafetyCasesService(em);
  const safetyCase = await service.findBySlug(params.slug);
  if (!safetyCase) throw errors.notFound('Safety case', params.slug);
  const [hazards, matrix, labels, clauses, edition] = await Promise.all([
    service.hazards(safetyCase),
    new RiskService(em).matrix(),
    new TaxonomyService(em).labels(),
    new StandardsService(em).findClausesByRefs(safetyCase.clauseRefs),
    new RevisionsService(em).edition('SAFETY_CASE', safetyCase.slug),
  ]);
  const rows = hazards.map(hazardContent);
  const riskLabels = hazardLabels(matrix, labels.HAZARD_FAMILY);
  const systemLabel = labels.SYSTEM_TYPE.get(safetyCase.systemType) ?? safetyCase.systemType;
  const settingLabel = labels.SETTING.get(safetyCase.setting) ?? safetyCase.setting;

  const body = html`<span class="caption">Safety case: ${systemLabel}</span>
    <h1>${safetyCase.title}</h1>
    <p class="lead">${safetyCase.summary}</p>
    ${docMeta({ lastReviewed: safetyCase.lastReviewed, version: editionText(edition) })}
    <div class="callout"><p>This safety case is fictional and anonymised. It is shared as a worked example, not as evidence about any real system or organisation.</p></div>
    ${summaryList([
      { term: 'System', value: html`<a href="${hrefWith('/safety-cases', { systemType: safetyCase.systemType })}">${systemLabel}</a>` },
      { term: 'Care setting', value: settingLabel },
      { term: 'Organisation', value: safetyCase.organisation },
      { term: 'Produced under', value: html`<a href="${paths.standard(safetyCase.standardCode)}">${safetyCase.standardCode}</a>` },
      { term: 'Lifecycle phase', value: safetyCase.lifecyclePhase },
      { term: 'Residual risk', value: residualProfile(rows, riskLabels) },
      {
        term: 'Clauses addressed',
        value: html`${safetyCase.clauseRefs.map((ref, i) => {
          const href = clauseHref(ref);
          return html`${i > 0 ? ', ' : ''}${href && clauses[i] ? html`<a href="${href}">${ref}</a>` : ref}`;
        })}`,
      },
    ])}
    <h2 id="hazard-log">Hazard log</h2>
    <p>${rows.length} hazards. Ratings follow the <a href="${paths.riskMatrix()}">risk matrix</a>: 1 is the lowest risk and 5 the highest.</p>
    ${hazardTable(rows, riskLabels, `Hazard log of ${safetyCase.title}`)}
    <h2 id="narrative">The safety case</h2>
    <div class="prose">${renderMarkdown(safetyCase.body, { topLevel: 2 })}</div>
    <h2 id="hazards">Hazards in detail</h2>
    ${hazardDetails(rows, riskLabels, clauseHref)}`;

  return {
    view: {
      title: safetyCase.title,
      description: safetyCase.summary,
      canonicalPath: paths.safetyCase(safetyCase.slug),
      breadcrumbs: [{ label: 'Safety cases', href: '/safety-cases' }],
      section: 'safety-cases',
      body,
    },
  };
};
