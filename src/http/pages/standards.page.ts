import { errors } from '../../graphql/errors.js';
import { paths } from '../../graphql/urls.js';
import { BlueprintsService } from '../../modules/blueprints/blueprints.service.js';
import { GuidanceService } from '../../modules/guidance/guidance.service.js';
import type { Clause } from '../../modules/standards/clause.entity.js';
import { formatClauseRef } from '../../modules/standards/clause-ref.js';
import type { Standard } from '../../modules/standards/standard.entity.js';
import { StandardsService } from '../../modules/standards/standards.service.js';
import { docMeta, obligationTag, OBLIGATION_TEXT, PARTY_LABELS, summaryList, time } from './components.js';
import { html, type SafeHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { PageHandler } from './page-handler.js';

function standardCrumbs(standard: Standard) {
  return [
    { label: 'Standards', href: '/standards' },
    { label: standard.code, href: paths.standard(standard.code) },
  ];
}

function bindsText(binds: string[]): string {
  return binds.map((party) => PARTY_LABELS[party] ?? party).join(', ');
}

export const standardsIndexPage: PageHandler = async ({ em }) => {
  const standards = await new StandardsService(em).listCurrent();
  return {
    view: {
      title: 'Clinical risk management standards',
      breadcrumbLabel: 'Standards',
      description: 'DCB0129 (manufacturers) and DCB0160 (health organisations): the two NHS clinical risk management standards for health IT, clause by clause.',
      canonicalPath: '/standards',
      breadcrumbs: [],
      section: 'standards',
      body: html`<h1>Clinical risk management standards</h1>
        <p class="lead">Two information standards, issued under section 250 of the Health and Social Care Act 2012, set how health IT is kept clinically safe in England. One binds those who make the system, the other those who deploy and use it.</p>
        <div class="card-grid">
          ${standards.map(
            (standard) => html`<div class="card card--feature">
              <h2><a href="${paths.standard(standard.code)}">${standard.code}</a></h2>
              <p><strong>${standard.title}</strong></p>
              <p>${standard.summary}</p>
              <p class="hint">For: ${standard.appliesTo}. Version ${standard.version}.</p>
            </div>`,
          )}
        </div>
        <p>Each requirement has its own page with a plain-English summary, who it binds, the matching clause in the other standard, and the guidance and templates that help meet it. Ratings use the <a href="${paths.riskMatrix()}">risk matrix</a>.</p>`,
    },
  };
};

interface TreeNode {
  clause: Clause;
  children: TreeNode[];
}

function buildTree(clauses: Clause[]): TreeNode[] {
  const nodes = new Map(clauses.map((clause) => [clause.id, { clause, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.clause.parentId == null ? undefined : nodes.get(node.clause.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function clauseLine(code: string, clause: Clause): SafeHtml {
  return html`<div class="clause-line">
      <a href="${paths.clause(code, clause.number)}"><span class="clause-number">${clause.number}</span> ${clause.title}</a>
      ${clause.obligation ? obligationTag(clause.obligation) : ''}
    </div>
    ${clause.obligation ? html`<p class="clause-summary">${clause.summary}</p>` : ''}`;
}

function subtree(code: string, nodes: TreeNode[]): SafeHtml {
  if (nodes.length === 0) return html``;
  return html`<ol>${nodes.map((node) => html`<li>${clauseLine(code, node.clause)}${subtree(code, node.children)}</li>`)}</ol>`;
}

function clauseTree(standard: Standard, clauses: Clause[]): SafeHtml {
  return html`<ol class="clause-tree">
    ${buildTree(clauses).map(
      (section) => html`<li id="section-${section.clause.number}">
        <h3><a href="${paths.clause(standard.code, section.clause.number)}"><span class="clause-number">${section.clause.number}</span> ${section.clause.title}</a></h3>
        <p class="clause-summary">${section.clause.summary}</p>
        ${subtree(standard.code, section.children)}
      </li>`,
    )}
  </ol>`;
}

export const standardPage: PageHandler = async ({ em, params }) => {
  const service = new StandardsService(em);
  const standard = await service.findByCode(params.code);
  if (!standard) throw errors.notFound('Standard', params.code);
  if (params.code !== standard.code) return { redirect: paths.standard(standard.code) };
  const [clauses, others] = await Promise.all([service.clauses(standard), service.listCurrent()]);
  const requirements = clauses.filter((c) => c.obligation != null);
  const other = others.find((s) => s.code !== standard.code);
  const sections = clauses.filter((c) => c.parentId == null);

  const body = html`<span class="caption">Standard</span>
    <h1>${standard.code}: ${standard.title}</h1>
    <p class="lead">${standard.summary}</p>
    ${docMeta({
      lastReviewed: standard.lastReviewed,
      version: standard.version,
      extra: [
        ...(standard.guidanceVersion ? [{ term: 'Implementation guidance', value: `version ${standard.guidanceVersion}` }] : []),
        ...(standard.amendment ? [{ term: 'Amendment', value: standard.amendment }] : []),
      ],
    })}
    ${summaryList([
      { term: 'Applies to', value: standard.appliesTo },
      { term: 'Published', value: time(standard.publishedOn) },
      { term: 'In effect from', value: standard.effectiveFrom ? time(standard.effectiveFrom) : null },
      { term: 'Requirements', value: `${requirements.length} numbered requirements in ${sections.length} sections` },
      { term: 'Its counterpart', value: other ? html`<a href="${paths.standard(other.code)}">${other.code}</a>, for ${other.appliesTo.charAt(0).toLowerCase()}${other.appliesTo.slice(1)}` : null },
    ])}
    <nav aria-labelledby="contents-title" class="card">
      <h2 id="contents-title">Contents</h2>
      <ol class="link-columns">
        ${sections.map((s) => html`<li><a href="#section-${s.number}">${s.number} ${s.title}</a></li>`)}
        <li><a href="#about">About ${standard.code}</a></li>
      </ol>
    </nav>
    <h2 id="clauses">Clauses</h2>
    ${clauseTree(standard, clauses)}
    <h2 id="about">About ${standard.code}</h2>
    <div class="prose">${renderMarkdown(standard.body, { topLevel: 2 })}</div>`;

  return {
    view: {
      title: `${standard.code}: ${standard.title}`,
      breadcrumbLabel: standard.code,
      description: standard.summary,
      canonicalPath: paths.standard(standard.code),
      breadcrumbs: [{ label: 'Standards', href: '/standards' }],
      section: 'standards',
      body,
    },
  };
};

const CLAUSE_NUMBER = /^\d+(\.\d+)*\.?$/;

export const clausePage: PageHandler = async ({ em, params }) => {
  if (!CLAUSE_NUMBER.test(params.number)) {
    throw errors.badInput(`"${params.number.slice(0, 32)}" is not a clause number`, [{ field: 'number', message: 'digits separated by dots, e.g. 2.3.1' }]);
  }
  const service = new StandardsService(em);
  const found = await service.findClause(params.code, params.number);
  if (!found) throw errors.notFound(`Clause ${params.number} of`, params.code);
  const { clause, standard } = found;
  if (params.code !== standard.code || params.number !== clause.number) return { redirect: paths.clause(standard.code, clause.number) };

  const ref = formatClauseRef({ code: standard.code, number: clause.number });
  const [clauses, counterpart, guidance, blueprints] = await Promise.all([
    service.clauses(standard),
    service.counterpart(clause),
    new GuidanceService(em).citing(ref),
    new BlueprintsService(em).citing(ref),
  ]);
  const byId = new Map(clauses.map((c) => [c.id, c]));
  const ancestors: Clause[] = [];
  for (let id = clause.parentId; id != null; id = byId.get(id)?.parentId ?? null) {
    const parent = byId.get(id);
    if (!parent) break;
    ancestors.unshift(parent);
  }
  const children = clauses.filter((c) => c.parentId === clause.id);
  const index = clauses.findIndex((c) => c.id === clause.id);
  const previous = clauses[index - 1];
  const next = clauses[index + 1];
  const parent = ancestors.at(-1);

  const body = html`<span class="caption">${standard.code} ${clause.obligation ? 'requirement' : 'section'}</span>
    <h1><span class="clause-number">${clause.number}</span> ${clause.title}</h1>
    <p class="lead">${clause.summary}</p>
    ${docMeta({ lastReviewed: standard.lastReviewed, version: `${standard.code} v${standard.version}` })}
    ${summaryList([
      { term: 'Obligation', value: clause.obligation ? html`${obligationTag(clause.obligation)} ${OBLIGATION_TEXT[clause.obligation]}` : 'A section heading: the requirements are below it.' },
      { term: 'Who it binds', value: clause.binds.length > 0 ? bindsText(clause.binds) : null },
      { term: 'Part of', value: parent ? html`<a href="${paths.clause(standard.code, parent.number)}">${parent.number} ${parent.title}</a>` : html`<a href="${paths.standard(standard.code)}">${standard.code}</a>` },
      {
        term: 'Counterpart clause',
        value: counterpart
          ? html`<a href="${paths.clause(counterpart.standard.code, counterpart.clause.number)}" rel="alternate">${counterpart.standard.code} ${counterpart.clause.number}: ${counterpart.clause.title}</a>`
          : clause.obligation
            ? 'This requirement has no matching clause in the other standard.'
            : null,
      },
    ])}
    ${
      children.length > 0
        ? html`<h2 id="in-this-section">In this section</h2>
          <ul class="result-list">
            ${children.map(
              (child) => html`<li>
                <h3><a href="${paths.clause(standard.code, child.number)}"><span class="clause-number">${child.number}</span> ${child.title}</a> ${child.obligation ? obligationTag(child.obligation) : ''}</h3>
                <p>${child.summary}</p>
              </li>`,
            )}
          </ul>`
        : ''
    }
    <div class="page-grid">
      <section aria-labelledby="guidance-title">
        <h2 id="guidance-title">Guidance that explains it</h2>
        ${
          guidance.length > 0
            ? html`<ul class="link-list">${guidance.map((a) => html`<li><a href="${paths.guidance(a.slug)}">${a.title}</a></li>`)}</ul>`
            : html`<p class="hint">No guidance article cites this clause yet. <a href="${paths.standard(standard.code)}#section-${ancestors[0]?.number ?? clause.number}">See the rest of the section</a>.</p>`
        }
      </section>
      <section aria-labelledby="blueprints-title">
        <h2 id="blueprints-title">Blueprints that help meet it</h2>
        ${
          blueprints.length > 0
            ? html`<ul class="link-list">${blueprints.map((b) => html`<li><a href="${paths.blueprint(b.slug)}">${b.title}</a></li>`)}</ul>`
            : html`<p class="hint">No blueprint cites this clause.</p>`
        }
      </section>
    </div>
    <nav aria-label="Previous and next clause">
      <ul class="pager">
        ${previous ? html`<li><a href="${paths.clause(standard.code, previous.number)}" rel="prev">Previous clause<span>${previous.number} ${previous.title}</span></a></li>` : ''}
        ${next ? html`<li class="pager-next"><a href="${paths.clause(standard.code, next.number)}" rel="next">Next clause<span>${next.number} ${next.title}</span></a></li>` : ''}
      </ul>
    </nav>`;

  return {
    view: {
      title: `${ref} ${clause.title}`,
      breadcrumbLabel: clause.number,
      description: clause.summary,
      canonicalPath: paths.clause(standard.code, clause.number),
      breadcrumbs: [...standardCrumbs(standard), ...ancestors.map((a) => ({ label: `${a.number} ${a.title}`, href: paths.clause(standard.code, a.number) }))],
      section: 'standards',
      body,
    },
  };
};
