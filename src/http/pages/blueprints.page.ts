import { z } from 'zod';
import { errors } from '../../graphql/errors.js';
import { paths } from '../../graphql/urls.js';
import { BLUEPRINT_KINDS } from '../../modules/blueprints/blueprint.entity.js';
import type { BlueprintVariable, BlueprintVersion } from '../../modules/blueprints/blueprint-version.entity.js';
import { BlueprintsService } from '../../modules/blueprints/blueprints.service.js';
import { BLUEPRINT_FORMATS, FORMATS, type BlueprintFormatId } from '../../modules/blueprints/render.service.js';
import { RiskService } from '../../modules/risk/risk.service.js';
import { StandardsService } from '../../modules/standards/standards.service.js';
import { TaxonomyService } from '../../modules/taxonomy/taxonomy.service.js';
import { BLUEPRINT_KIND_LABELS, docMeta, pagination, time } from './components.js';
import { hazardLabels, hazardTable } from './hazards.view.js';
import { html, hrefWith, type SafeHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { pageNumber, parseQuery, queryText, type PageHandler } from './page-handler.js';

const LIST_PAGE_SIZE = 20;

/** The download route's address for one version in one format (see src/http/downloads.ts). */
export function downloadPath(slug: string, version: string, format: BlueprintFormatId): string {
  return `${paths.blueprint(slug)}/${encodeURIComponent(version)}.${FORMATS[format].extension}`;
}

const FORMAT_LABELS: Record<BlueprintFormatId, { name: string; hint: string }> = {
  DOCX: { name: 'Word', hint: 'DOCX, to edit and sign off' },
  XLSX: { name: 'Excel', hint: 'XLSX, one row per hazard' },
  CSV: { name: 'CSV', hint: 'for your own hazard log tool' },
  HTML: { name: 'Web page', hint: 'HTML, to print or publish' },
  MARKDOWN: { name: 'Markdown', hint: 'for docs-as-code' },
};
/** Word first: most CSOs finish a template in a word processor. */
const FORMAT_ORDER: BlueprintFormatId[] = ['DOCX', 'XLSX', 'CSV', 'HTML', 'MARKDOWN'];

function formatsFor(kind: string): BlueprintFormatId[] {
  return FORMAT_ORDER.filter((format) => BLUEPRINT_FORMATS.includes(format) && (!FORMATS[format].onlyFor || (FORMATS[format].onlyFor as readonly string[]).includes(kind)));
}

const listQuery = z.object({
  kind: z.enum(BLUEPRINT_KINDS, { errorMap: () => ({ message: `one of ${BLUEPRINT_KINDS.join(', ')}` }) }).optional(),
  topic: queryText(64).optional(),
  page: pageNumber.optional(),
});

export const blueprintsIndexPage: PageHandler = async ({ em, query }) => {
  const { kind, topic, page = 1 } = parseQuery(listQuery, query);
  const topics = await new TaxonomyService(em).terms('TOPIC');
  const topicLabel = topic ? topics.find((t) => t.code === topic)?.label : undefined;
  if (topic && !topicLabel) throw errors.badInput(`"${topic}" is not a topic`, [{ field: 'topic', message: 'use a topic id from the taxonomy' }]);
  const service = new BlueprintsService(em);
  const [[blueprints, total], counts] = await Promise.all([
    service.page({ offset: (page - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE }, { kind, topic }),
    service.countByKind(),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  if (page > pageCount) throw errors.notFound('Page of blueprints', String(page));
  const filterLabel = kind ? BLUEPRINT_KIND_LABELS[kind] : topicLabel;
  const heading = filterLabel ? `Blueprints: ${filterLabel}` : 'Blueprints';
  const kinds = [...counts.keys()].sort((a, b) => (BLUEPRINT_KIND_LABELS[a] ?? a).localeCompare(BLUEPRINT_KIND_LABELS[b] ?? b));

  return {
    view: {
      title: heading,
      breadcrumbLabel: filterLabel ?? 'Blueprints',
      description: 'Versioned templates for clinical risk management plans, hazard logs, safety case reports and more, to download as Word, HTML, Markdown, CSV or Excel.',
      canonicalPath: hrefWith('/blueprints', { kind, topic, page: page > 1 ? page : undefined }),
      breadcrumbs: filterLabel ? [{ label: 'Blueprints', href: '/blueprints' }] : [],
      section: 'blueprints',
      body: html`<h1>${heading}</h1>
        <p class="lead">Templates for the documents DCB0129 and DCB0160 ask for. Each is versioned: fill in your details and download it as Word, a web page or Markdown, and hazard logs as Excel or CSV too.</p>
        <form action="/blueprints" method="get" class="form-row no-print">
          <div class="form-group">
            <label for="kind">Kind of document</label>
            <select id="kind" name="kind">
              <option value="">All kinds</option>
              ${kinds.map((k) => html`<option value="${k}"${k === kind ? html` selected` : ''}>${BLUEPRINT_KIND_LABELS[k] ?? k} (${counts.get(k)})</option>`)}
            </select>
          </div>
          <div class="form-group form-group--action"><button class="button button--secondary" type="submit">Show blueprints</button></div>
        </form>
        <ul class="result-list">
          ${blueprints.map(
            (b) => html`<li>
              <span class="result-kind">${BLUEPRINT_KIND_LABELS[b.kind] ?? b.kind}</span>
              <h2><a href="${paths.blueprint(b.slug)}">${b.title}</a></h2>
              <p>${b.summary}</p>
              <p class="hint">Version ${b.latestVersion}, last reviewed ${time(b.lastReviewed)}</p>
            </li>`,
          )}
        </ul>
        ${blueprints.length === 0 ? html`<p>No blueprints match. <a href="/blueprints">See all blueprints</a>.</p>` : ''}
        ${pagination('/blueprints', { kind, topic }, page, pageCount)}`,
    },
  };
};

const SEMVER = /^\d+\.\d+\.\d+$/;
const blueprintQuery = z.object({ version: queryText(32).regex(SEMVER, 'a version number such as 1.2.0').optional() });

/** "productName" -> "Product name": variables are declared in camelCase, people read words. */
function fieldLabel(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\b(cso|nhs|crmp|crmf|cscr|icb|it|id|url)\b/g, (acronym) => acronym.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function variableField(variable: BlueprintVariable): SafeHtml {
  const id = `var-${variable.name}`;
  const needed = variable.required && variable.default == null;
  const label = html`<label for="${id}">${fieldLabel(variable.name)}${needed ? html` <span class="required">(required)</span>` : ''}</label>
    <span class="hint" id="${id}-hint">${variable.description}</span>`;
  const common = html`id="${id}" name="${variable.name}" aria-describedby="${id}-hint"${needed ? html` required` : ''}`;
  const value = variable.default == null ? '' : String(variable.default);
  let control: SafeHtml;
  switch (variable.type) {
    case 'TEXT':
      control = html`<textarea ${common} rows="4">${value}</textarea>`;
      break;
    case 'DATE':
      control = html`<input type="date" ${common} value="${value}">`;
      break;
    case 'NUMBER':
      control = html`<input type="number" step="any" ${common} value="${value}">`;
      break;
    case 'BOOLEAN':
      control = html`<select ${common}>
        ${needed ? html`<option value="">Choose</option>` : html`<option value="">Not stated</option>`}
        <option value="true"${value === 'true' ? html` selected` : ''}>Yes</option>
        <option value="false"${value === 'false' ? html` selected` : ''}>No</option>
      </select>`;
      break;
    case 'ENUM':
      control = html`<select ${common}>
        ${value === '' ? html`<option value="">Choose</option>` : ''}
        ${(variable.options ?? []).map((option) => html`<option value="${option}"${option === value ? html` selected` : ''}>${option}</option>`)}
      </select>`;
      break;
    default:
      control = html`<input type="text" ${common} value="${value}">`;
  }
  return html`<div class="form-group">${label}${control}</div>`;
}

/**
 * The variables form submits with GET straight to the download route; each format is its own submit button
 * (`formaction`), so it works without JavaScript and the browser checks required fields before sending.
 */
function downloadForm(slug: string, kind: string, version: BlueprintVersion): SafeHtml {
  const formats = formatsFor(kind);
  return html`<form method="get" action="${downloadPath(slug, version.version, formats[0])}" class="card card--feature">
    <h2 id="download">Fill in and download version ${version.version}</h2>
    <p>Your answers fill the template's placeholders. Nothing you type is stored: it goes only into the file you download.</p>
    <fieldset>
      <legend class="visually-hidden">Template details</legend>
      ${version.variables.map(variableField)}
    </fieldset>
    <div class="button-group">
      ${formats.map(
        (format, i) => html`<button type="submit" class="button${i === 0 ? '' : ' button--secondary'}" formaction="${downloadPath(slug, version.version, format)}">Download ${FORMAT_LABELS[format].name} <small>(${FORMAT_LABELS[format].hint})</small></button>`,
      )}
    </div>
  </form>`;
}

export const blueprintPage: PageHandler = async ({ em, params, query }) => {
  const { version: wanted } = parseQuery(blueprintQuery, query);
  const service = new BlueprintsService(em);
  const blueprint = await service.findBySlug(params.slug);
  if (!blueprint) throw errors.notFound('Blueprint', params.slug);
  const [versions, version] = await Promise.all([service.versions(blueprint), service.version(blueprint, wanted ?? 'latest')]);
  const isLatest = version.version === blueprint.latestVersion;
  const [clauses, matrix, labels] = await Promise.all([
    new StandardsService(em).findClausesByRefs(version.clauseRefs),
    version.hazards.length > 0 ? new RiskService(em).matrix() : null,
    new TaxonomyService(em).labels(),
  ]);
  const kindLabel = BLUEPRINT_KIND_LABELS[blueprint.kind] ?? blueprint.kind;

  const body = html`<span class="caption">Blueprint: ${kindLabel}</span>
    <h1>${version.title}</h1>
    <p class="lead">${version.summary}</p>
    ${docMeta({
      lastReviewed: isLatest ? blueprint.lastReviewed : null,
      version: version.version,
      extra: [
        { term: 'Published', value: time(version.publishedOn) },
        { term: 'Licence', value: version.licence },
      ],
    })}
    ${
      isLatest
        ? ''
        : html`<div class="callout callout--warning"><p>This is version ${version.version}, kept for reference. The latest is <a href="${paths.blueprint(blueprint.slug)}">version ${blueprint.latestVersion}</a>.</p></div>`
    }
    <div class="page-grid">
      <div>
        ${downloadForm(blueprint.slug, blueprint.kind, version)}
      </div>
      <aside aria-label="About this blueprint">
        <div class="card">
          <h2>Clauses it helps meet</h2>
          <ul class="link-list">
            ${version.clauseRefs.map((ref, i) => {
              const clause = clauses[i];
              const [code] = ref.split(' ');
              return html`<li>${clause ? html`<a href="${paths.clause(code, clause.number)}">${ref}</a> ${clause.title}` : ref}</li>`;
            })}
          </ul>
        </div>
        <div class="card">
          <h2 id="versions">Versions</h2>
          <ol class="link-list" reversed>
            ${versions.map(
              (v) => html`<li>
                <h3>${v.version === version.version ? html`Version ${v.version} <span class="tag tag--grey">shown</span>` : html`<a href="${v.version === blueprint.latestVersion ? paths.blueprint(blueprint.slug) : hrefWith(paths.blueprint(blueprint.slug), { version: v.version })}">Version ${v.version}</a>`}</h3>
                <p class="hint">Published ${time(v.publishedOn)}</p>
                <div class="prose">${renderMarkdown(v.changelog, { topLevel: 4 })}</div>
              </li>`,
            )}
          </ol>
        </div>
        <div class="card">
          <h2>Topics</h2>
          <ul class="tag-list">${version.topics.map((t) => html`<li><a href="${hrefWith('/blueprints', { topic: t })}">${labels.TOPIC.get(t) ?? t}</a></li>`)}</ul>
        </div>
      </aside>
    </div>
        ${
          matrix
            ? html`<h2 id="starter-hazards">Starter hazards</h2>
              <p>The hazard log comes with these hazards filled in as a starting point; review each one for your system.</p>
              ${hazardTable(version.hazards, hazardLabels(matrix, labels.HAZARD_FAMILY), `Starter hazards in version ${version.version}`)}`
            : ''
        }
        <h2 id="preview">Template preview</h2>
        <p class="hint">Placeholders in double braces, such as <code>{{productName}}</code>, are filled from the form above.</p>
        <div class="template-preview prose" tabindex="0" role="region" aria-label="Template preview (scrolls)">${renderMarkdown(version.template, { topLevel: 3 })}</div>`;

  return {
    view: {
      title: isLatest ? version.title : `${version.title} (version ${version.version})`,
      breadcrumbLabel: version.title,
      description: version.summary,
      canonicalPath: isLatest ? paths.blueprint(blueprint.slug) : hrefWith(paths.blueprint(blueprint.slug), { version: version.version }),
      breadcrumbs: [{ label: 'Blueprints', href: '/blueprints' }],
      section: 'blueprints',
      body,
    },
  };
};
