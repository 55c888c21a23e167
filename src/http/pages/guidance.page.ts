import { z } from 'zod';
import { errors } from '../../graphql/errors.js';
import { paths } from '../../graphql/urls.js';
import { BlueprintsService } from '../../modules/blueprints/blueprints.service.js';
import { GuidanceService } from '../../modules/guidance/guidance.service.js';
import { RevisionsService } from '../../modules/revisions/revisions.service.js';
import { StandardsService } from '../../modules/standards/standards.service.js';
import { TaxonomyService } from '../../modules/taxonomy/taxonomy.service.js';
import { AUDIENCE_LABELS, docMeta, editionText, pagination } from './components.js';
import { html, hrefWith } from './html.js';
import { renderMarkdown } from './markdown.js';
import { pageNumber, parseQuery, queryText, type PageHandler } from './page-handler.js';

export const LIST_PAGE_SIZE = 20;

const listQuery = z.object({ topic: queryText(64).optional(), page: pageNumber.optional() });

export const guidanceIndexPage: PageHandler = async ({ em, query }) => {
  const { topic, page = 1 } = parseQuery(listQuery, query);
  const topics = await new TaxonomyService(em).terms('TOPIC');
  const selected = topic ? topics.find((t) => t.code === topic) : undefined;
  if (topic && !selected) throw errors.badInput(`"${topic}" is not a topic`, [{ field: 'topic', message: 'use a topic id from the list on the guidance page' }]);
  const [articles, total] = await new GuidanceService(em).page({ offset: (page - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE }, { topic });
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  if (page > pageCount) throw errors.notFound('Page of guidance', String(page));
  const heading = selected ? `Guidance: ${selected.label}` : 'Guidance for Clinical Safety Officers';

  return {
    view: {
      title: heading,
      breadcrumbLabel: selected ? selected.label : 'Guidance',
      description: 'Practical articles on applying DCB0129 and DCB0160: the CSO role, hazard identification, risk estimation and control, hazard logs and safety case reports.',
      canonicalPath: hrefWith('/guidance', { topic, page: page > 1 ? page : undefined }),
      breadcrumbs: selected ? [{ label: 'Guidance', href: '/guidance' }] : [],
      section: 'guidance',
      body: html`<h1>${heading}</h1>
        <p class="lead">${total} ${total === 1 ? 'article' : 'articles'} on doing clinical risk management well, each linked to the clauses it explains.</p>
        <form action="/guidance" method="get" class="form-row no-print">
          <div class="form-group">
            <label for="topic">Topic</label>
            <select id="topic" name="topic">
              <option value="">All topics</option>
              ${topics.map((t) => html`<option value="${t.code}"${t.code === topic ? html` selected` : ''}>${t.label}</option>`)}
            </select>
          </div>
          <div class="form-group form-group--action"><button class="button button--secondary" type="submit">Show articles</button></div>
        </form>
        <ul class="result-list">
          ${articles.map(
            (a) => html`<li>
              <h2><a href="${paths.guidance(a.slug)}">${a.title}</a></h2>
              <p>${a.summary}</p>
            </li>`,
          )}
        </ul>
        ${articles.length === 0 ? html`<p>No guidance on this topic yet. <a href="/guidance">See all guidance</a>.</p>` : ''}
        ${pagination('/guidance', { topic }, page, pageCount)}`,
    },
  };
};

export const guidancePage: PageHandler = async ({ em, params }) => {
  const article = await new GuidanceService(em).findBySlug(params.slug);
  if (!article) throw errors.notFound('Guidance article', params.slug);
  const [clauses, related, blueprints, labels, edition] = await Promise.all([
    new StandardsService(em).findClausesByRefs(article.clauseRefs),
    article.relatedGuidance.length > 0 ? new GuidanceService(em).findBySlugs(article.relatedGuidance) : [],
    article.relatedBlueprints.length > 0 ? new BlueprintsService(em).findBySlugs(article.relatedBlueprints) : [],
    new TaxonomyService(em).labels(),
    new RevisionsService(em).edition('GUIDANCE', article.slug),
  ]);
  const cited = article.clauseRefs.flatMap((ref, i) => {
    const clause = clauses[i];
    return clause ? [{ ref, code: ref.split(' ')[0], clause }] : [];
  });

  const body = html`<span class="caption">Guidance</span>
    <h1>${article.title}</h1>
    <p class="lead">${article.summary}</p>
    ${docMeta({
      lastReviewed: article.lastReviewed,
      version: editionText(edition),
      extra: article.audience.length > 0 ? [{ term: 'For', value: article.audience.map((a) => AUDIENCE_LABELS[a] ?? a).join(', ') }] : [],
    })}
    <div class="page-grid">
      <div class="prose">${renderMarkdown(article.body)}</div>
      <aside aria-label="Related to this article">
        <div class="card">
          <h2>Clauses it explains</h2>
          <ul class="link-list">
            ${cited.map(({ ref, code, clause }) => html`<li><a href="${paths.clause(code, clause.number)}">${ref}</a> ${clause.title}</li>`)}
          </ul>
        </div>
        ${
          related.length > 0
            ? html`<div class="card"><h2>Related guidance</h2><ul class="link-list">${related.map((r) => html`<li><a href="${paths.guidance(r.slug)}">${r.title}</a></li>`)}</ul></div>`
            : ''
        }
        ${
          blueprints.length > 0
            ? html`<div class="card"><h2>Blueprints</h2><ul class="link-list">${blueprints.map((b) => html`<li><a href="${paths.blueprint(b.slug)}">${b.title}</a></li>`)}</ul></div>`
            : ''
        }
        <div class="card">
          <h2>Topics</h2>
          <ul class="tag-list">${article.topics.map((t) => html`<li><a href="${hrefWith('/guidance', { topic: t })}">${labels.TOPIC.get(t) ?? t}</a></li>`)}</ul>
        </div>
      </aside>
    </div>`;

  return {
    view: {
      title: article.title,
      description: article.summary,
      canonicalPath: paths.guidance(article.slug),
      breadcrumbs: [{ label: 'Guidance', href: '/guidance' }],
      section: 'guidance',
      body,
    },
  };
};
