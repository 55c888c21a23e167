import { paths } from '../../graphql/urls.js';
import { BlueprintsService } from '../../modules/blueprints/blueprints.service.js';
import { GuidanceService } from '../../modules/guidance/guidance.service.js';
import { EvidenceService, SafetyLearningService } from '../../modules/learning/learning.service.js';
import { SafetyCasesService } from '../../modules/safety-cases/safety-cases.service.js';
import { StandardsService } from '../../modules/standards/standards.service.js';
import { TaxonomyService } from '../../modules/taxonomy/taxonomy.service.js';
import { embedScriptAvailable, EMBED_SCRIPT_PATH } from './assets.js';
import { BLUEPRINT_KIND_LABELS } from './components.js';
import { html, hrefWith } from './html.js';
import { searchForm } from './layout.js';
import type { PageHandler } from './page-handler.js';
import { searchPath } from './search-links.js';

export const homePage: PageHandler = async ({ em }) => {
  const [standards, [, guidanceCount], [, blueprintCount], [, caseCount], kindCounts, systemCounts, topics, systemTypes, [, learningCount], [, evidenceCount]] = await Promise.all([
    new StandardsService(em).listCurrent(),
    new GuidanceService(em).page({ offset: 0, limit: 1 }),
    new BlueprintsService(em).page({ offset: 0, limit: 1 }),
    new SafetyCasesService(em).page({ offset: 0, limit: 1 }),
    new BlueprintsService(em).countByKind(),
    new SafetyCasesService(em).countBySystemType(),
    new TaxonomyService(em).terms('TOPIC'),
    new TaxonomyService(em).terms('SYSTEM_TYPE'),
    new SafetyLearningService(em).page({ offset: 0, limit: 1 }),
    new EvidenceService(em).page({ offset: 0, limit: 1 }),
  ]);

  const hero = html`<div class="hero">
    <div class="container">
      <h1>Digital clinical safety, in one place</h1>
      <p class="lead">Every clause of DCB0129 and DCB0160 in plain English, practical guidance for Clinical Safety Officers, ready-to-use blueprints and real-world (anonymised) safety cases.</p>
      <div class="hero-search">
        <dcs-search label="Search standards, guidance, blueprints and safety cases" placeholder="e.g. hazard log, CSO, DCB0160 3.5.1" limit="5">
          ${searchForm('hero')}
        </dcs-search>
        <p class="hero-search__more"><a href="/search">Search with filters and more results</a></p>
      </div>
    </div>
  </div>`;

  const body = html`
    <div class="card-grid">
      ${standards.map(
        (standard) => html`<div class="card card--feature">
          <h2 class="caption">Standard</h2>
          <h3><a href="${paths.standard(standard.code)}">${standard.code}</a></h3>
          <p>${standard.appliesTo}. Version ${standard.version}.</p>
        </div>`,
      )}
      <div class="card card--feature">
        <h2 class="caption">Guidance</h2>
        <h3><a href="/guidance">${guidanceCount} articles</a></h3>
        <p>How to do the work: the CSO role, hazard workshops, risk estimation, safety case reports.</p>
      </div>
      <div class="card card--feature">
        <h2 class="caption">Blueprints</h2>
        <h3><a href="/blueprints">${blueprintCount} templates</a></h3>
        <p>Versioned templates to download as Word, Markdown, HTML, CSV or Excel.</p>
      </div>
      <div class="card card--feature">
        <h2 class="caption">Safety cases</h2>
        <h3><a href="/safety-cases">${caseCount} worked examples</a></h3>
        <p>Fictional, anonymised safety cases with their hazard logs.</p>
      </div>
    </div>

    <div class="page-grid">
      <div>
        <h2>What the hub is</h2>
        <p>The DCS Hub is the national, searchable source of digital clinical safety knowledge for the NHS. It explains what the two clinical risk management standards ask of manufacturers (DCB0129) and of the health organisations that deploy and use health IT (DCB0160), links each requirement to its counterpart in the other standard, and gathers the guidance, templates and examples a Clinical Safety Officer needs to meet it.</p>
        <p>Everything here has a stable address you can share, print or link from your own intranet, and the same content is available to your systems through an API.</p>

        <h2 id="browse-standards">Browse by standard</h2>
        <ul class="link-list">
          ${standards.map((s) => html`<li><a href="${paths.standard(s.code)}">${s.code}: ${s.title}</a> <span class="count">(version ${s.version})</span></li>`)}
          <li><a href="${paths.riskMatrix()}">The risk matrix and acceptability criteria</a></li>
        </ul>

        <h2 id="browse-topics">Browse by topic</h2>
        <ul class="link-columns">
          ${topics.map((topic) => html`<li><a href="${searchPath({ topic: topic.code })}">${topic.label}</a></li>`)}
        </ul>
      </div>
      <aside aria-labelledby="browse-blueprints">
        <h2 id="browse-blueprints">Blueprints by kind</h2>
        <ul class="link-list">
          ${[...kindCounts.entries()]
            .sort(([a], [b]) => (BLUEPRINT_KIND_LABELS[a] ?? a).localeCompare(BLUEPRINT_KIND_LABELS[b] ?? b))
            .map(([kind, count]) => html`<li><a href="${hrefWith('/blueprints', { kind })}">${BLUEPRINT_KIND_LABELS[kind] ?? kind}</a> <span class="count">(${count})</span></li>`)}
        </ul>
        <h2 id="browse-systems">Safety cases by system type</h2>
        <ul class="link-list">
          ${systemTypes
            .filter((type) => systemCounts.has(type.code))
            .map((type) => html`<li><a href="${hrefWith('/safety-cases', { systemType: type.code })}">${type.label}</a> <span class="count">(${systemCounts.get(type.code)})</span></li>`)}
        </ul>
        <h2 id="more-to-read">Learning and evidence</h2>
        <ul class="link-list">
          <li><a href="/learning">Learning from patient safety events</a> <span class="count">(${learningCount})</span></li>
          <li><a href="/evidence">Evidence on technology as a safety solution</a> <span class="count">(${evidenceCount})</span></li>
        </ul>
        <h2 id="for-developers">For developers</h2>
        <ul class="link-list">
          <li><a href="/graphiql">Explore the GraphQL API</a></li>
          <li><a href="/schema.graphql">Download the GraphQL schema</a></li>
          <li><a href="/embed/demo">Embed search and clauses in your intranet</a></li>
        </ul>
      </aside>
    </div>`;

  return {
    view: {
      title: 'DCB0129 and DCB0160 standards, guidance, blueprints and safety cases',
      breadcrumbLabel: 'Home',
      description: 'The NHS hub for digital clinical safety: every clause of DCB0129 and DCB0160 in plain English, with guidance, downloadable blueprints and anonymised safety cases.',
      canonicalPath: '/',
      breadcrumbs: [],
      section: 'home',
      hero,
      body,
      // With the script, <dcs-search> replaces the plain form (its fallback content) with search as you type.
      scripts: embedScriptAvailable() ? [EMBED_SCRIPT_PATH] : [],
    },
  };
};
