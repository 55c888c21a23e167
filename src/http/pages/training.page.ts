import { z } from 'zod';
import { errors } from '../../graphql/errors.js';
import { paths } from '../../graphql/urls.js';
import { CompetencyFrameworkService } from '../../modules/competencies/competency-framework.service.js';
import { COMPETENCY_LEVELS, isCompetencyLevel } from '../../modules/competencies/competency-levels.js';
import { GuidanceService } from '../../modules/guidance/guidance.service.js';
import { TRAINING_FORMATS, type TrainingFormat } from '../../modules/training/training-resource.entity.js';
import { TrainingService } from '../../modules/training/training.service.js';
import { docMeta, pagination, summaryList, titleCase } from './components.js';
import { hrefWith, html } from './html.js';
import { renderMarkdown } from './markdown.js';
import { pageNumber, parseQuery, queryText, type PageHandler } from './page-handler.js';

const PAGE_SIZE = 20;
const FORMAT_LABELS: Record<TrainingFormat, string> = {
  E_LEARNING: 'E-learning',
  LIVE_COURSE: 'Course or workshop',
  BLENDED_PROGRAMME: 'Programme',
  READING: 'Guidance or standard to read',
  TOOLKIT: 'Toolkit',
  COMMUNITY: 'Network or events',
  WORK_BASED: 'Work-based learning',
};

const listQuery = z.object({ competency: queryText(120).optional(), level: queryText(20).optional(), format: queryText(32).optional(), page: pageNumber.optional() });

/** The training catalogue, filterable by competency, level and format. */
export const trainingIndexPage: PageHandler = async ({ em, query }) => {
  const { competency, level, format, page = 1 } = parseQuery(listQuery, query);
  const framework = await new CompetencyFrameworkService(em).load();
  if (competency && !framework?.find(competency)) throw errors.badInput(`"${competency}" is not a competency`, [{ field: 'competency', message: 'choose a competency from the list' }]);
  if (level && !isCompetencyLevel(level)) throw errors.badInput(`"${level}" is not a level`, [{ field: 'level', message: COMPETENCY_LEVELS.join(', ') }]);
  if (format && !(TRAINING_FORMATS as readonly string[]).includes(format)) throw errors.badInput(`"${format}" is not a format`, [{ field: 'format', message: TRAINING_FORMATS.join(', ') }]);
  const filter = { competency, level: level as (typeof COMPETENCY_LEVELS)[number] | undefined, format: format as TrainingFormat | undefined };
  const [resources, total] = await new TrainingService(em).page({ offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }, filter);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pageCount) throw errors.notFound('Page of training', String(page));
  const option = (value: string, label: string, selected: string | undefined) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;

  return {
    view: {
      title: 'Training for Clinical Safety Officers',
      breadcrumbLabel: 'Training',
      description: 'Courses and learning resources for CSOs, mapped to the five pillars of the CSO competency framework.',
      canonicalPath: hrefWith('/training', { competency, level, format, page: page > 1 ? page : undefined }),
      breadcrumbs: [],
      section: 'guidance',
      body: html`<h1>Training for Clinical Safety Officers</h1>
        <p class="lead">${total} ${total === 1 ? 'resource' : 'resources'}, each mapped to the <a href="/competencies">CSO competency framework</a>. The hub lists them; it does not run or accredit them.</p>
        <form action="/training" method="get" class="form-row no-print">
          <div class="form-group">
            <label for="competency">Competency</label>
            <select id="competency" name="competency">
              <option value="">All competencies</option>
              ${(framework?.competencies ?? []).map((c) => option(c.competency.id, `${c.pillar.title}: ${c.competency.title}`, competency))}
            </select>
          </div>
          <div class="form-group">
            <label for="level">Level</label>
            <select id="level" name="level"><option value="">Any level</option>${COMPETENCY_LEVELS.map((l) => option(l, titleCase(l), level))}</select>
          </div>
          <div class="form-group">
            <label for="format">Format</label>
            <select id="format" name="format"><option value="">Any format</option>${TRAINING_FORMATS.map((f) => option(f, FORMAT_LABELS[f], format))}</select>
          </div>
          <div class="form-group form-group--action"><button class="button button--secondary" type="submit">Show training</button></div>
        </form>
        <ul class="result-list">
          ${resources.map((r) => html`<li>
            <h2><a href="${paths.training(r.slug)}">${r.title}</a></h2>
            <p>${r.summary}</p>
            <p class="caption">${r.provider} · ${FORMAT_LABELS[r.format]} · ${titleCase(r.level)} level</p>
          </li>`)}
        </ul>
        ${resources.length === 0 ? html`<p>No training matches. <a href="/training">See all training</a>.</p>` : ''}
        ${pagination('/training', { competency, level, format }, page, pageCount)}`,
    },
  };
};

export const trainingPage: PageHandler = async ({ em, params }) => {
  const resource = await new TrainingService(em).findBySlug(params.slug);
  if (!resource) throw errors.notFound('Training resource', params.slug);
  const framework = await new CompetencyFrameworkService(em).load();
  const covered = resource.competencies.flatMap((id) => framework?.find(id) ?? []);

  return {
    view: {
      title: resource.title,
      description: resource.summary,
      canonicalPath: paths.training(resource.slug),
      breadcrumbs: [{ label: 'Training', href: '/training' }],
      section: 'guidance',
      body: html`<span class="caption">Training</span>
        <h1>${resource.title}</h1>
        <p class="lead">${resource.summary}</p>
        ${docMeta({ lastReviewed: resource.lastReviewed })}
        <div class="page-grid">
          <div class="prose">${renderMarkdown(resource.body)}</div>
          <aside aria-label="About this resource">
            <div class="card">
              <h2>At a glance</h2>
              ${summaryList([
                { term: 'Provider', value: resource.provider },
                { term: 'Format', value: FORMAT_LABELS[resource.format] },
                { term: 'Level', value: titleCase(resource.level) },
                { term: 'Cost', value: resource.cost },
                { term: 'Time', value: resource.duration },
                { term: 'Provider\'s page', value: resource.externalUrl ? html`<a href="${resource.externalUrl}" rel="external">${new URL(resource.externalUrl).hostname}</a>` : null },
              ])}
            </div>
            <div class="card">
              <h2>Competencies it helps with</h2>
              <ul class="link-list">${covered.map((c) => html`<li><a href="${hrefWith('/training', { competency: c.competency.id })}">${c.competency.title}</a> (${c.pillar.title})</li>`)}</ul>
            </div>
          </aside>
        </div>`,
    },
  };
};

/** The framework on one page: pillars, competencies, and what each level looks like. */
export const competencyFrameworkPage: PageHandler = async ({ em }) => {
  const framework = await new CompetencyFrameworkService(em).load();
  if (!framework) throw errors.notFound('Competency framework', 'competencies');
  const { content } = framework;
  const guidance = new Map((await new GuidanceService(em).findBySlugs(content.pillars.map((p) => p.guidance))).map((g) => [g.slug, g]));

  return {
    view: {
      title: content.title,
      description: content.summary,
      canonicalPath: '/competencies',
      breadcrumbs: [],
      breadcrumbLabel: 'Competency framework',
      section: 'guidance',
      body: html`<h1>${content.title}</h1>
        <p class="lead">${content.summary}</p>
        ${docMeta({ lastReviewed: content.lastReviewed })}
        <div class="prose">${renderMarkdown(content.body)}</div>
        ${content.pillars.map((pillar) => html`<section aria-labelledby="pillar-${pillar.id}">
          <h2 id="pillar-${pillar.id}">${pillar.title}</h2>
          <p>${pillar.summary} ${guidance.has(pillar.guidance) ? html`<a href="${paths.guidance(pillar.guidance)}">Read the ${pillar.title.toLowerCase()} article</a>.` : ''}</p>
          ${pillar.competencies.map((c) => html`<h3 id="${c.id}">${c.title}</h3>
            <p>${c.summary} <a href="${hrefWith('/training', { competency: c.id })}">Training for this competency</a>.</p>
            ${summaryList(COMPETENCY_LEVELS.map((level) => ({
              term: titleCase(level),
              value: html`${c.levels[level].descriptor}<ul>${c.levels[level].indicators.map((i) => html`<li>${i}</li>`)}</ul>`,
            })))}`)}
        </section>`)}`,
    },
  };
};
