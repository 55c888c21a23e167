import { z } from 'zod';
import { errors } from '../../graphql/errors.js';
import { paths } from '../../graphql/urls.js';
import { LIKELIHOODS, SEVERITIES } from '../../modules/risk/risk-matrix.js';
import { RevisionsService } from '../../modules/revisions/revisions.service.js';
import { RiskService } from '../../modules/risk/risk.service.js';
import { docMeta, editionText, riskBadge } from './components.js';
import { html } from './html.js';
import { renderMarkdown } from './markdown.js';
import { parseQuery, type PageHandler } from './page-handler.js';

const assessQuery = z.object({
  severity: z.enum(SEVERITIES, { errorMap: () => ({ message: `one of ${SEVERITIES.join(', ')}` }) }).optional(),
  likelihood: z.enum(LIKELIHOODS, { errorMap: () => ({ message: `one of ${LIKELIHOODS.join(', ')}` }) }).optional(),
});

export const riskMatrixPage: PageHandler = async ({ em, query }) => {
  const { severity, likelihood } = parseQuery(assessQuery, query);
  if ((severity === undefined) !== (likelihood === undefined)) {
    const missing = severity === undefined ? 'severity' : 'likelihood';
    throw errors.badInput('An assessment needs both a severity and a likelihood', [{ field: missing, message: 'choose one' }]);
  }
  const service = new RiskService(em);
  const [matrix, edition, assessment] = await Promise.all([
    service.matrix(),
    new RevisionsService(em).edition('RISK_MATRIX', 'risk-matrix'),
    severity && likelihood ? service.assess(severity, likelihood) : null,
  ]);
  const ratingLabels = new Map(matrix.ratings.map((r) => [r.rating, r.label]));
  const cells = new Map(service.cells().map((cell) => [`${cell.likelihood}/${cell.severity}`, cell.rating]));
  const mostLikelyFirst = [...matrix.likelihoods].reverse();
  const severityLabel = (id: string) => matrix.severities.find((s) => s.id === id)?.label ?? id;
  const likelihoodLabel = (id: string) => matrix.likelihoods.find((l) => l.id === id)?.label ?? id;

  const body = html`<span class="caption">Risk scheme</span>
    <h1>${matrix.title}</h1>
    <p class="lead">${matrix.summary}</p>
    ${docMeta({ lastReviewed: matrix.lastReviewed ?? edition?.since ?? null, version: editionText(edition) })}
    <div class="page-grid">
      <div>
        <form method="get" action="${paths.riskMatrix()}" class="card card--feature no-print" aria-labelledby="assess-title">
          <h2 id="assess-title">Assess a risk</h2>
          <div class="form-row">
            <div class="form-group">
              <label for="severity">Severity</label>
              <select id="severity" name="severity" required>
                <option value="">Choose severity</option>
                ${matrix.severities.map((s) => html`<option value="${s.id}"${s.id === severity ? html` selected` : ''}>${s.label}</option>`)}
              </select>
            </div>
            <div class="form-group">
              <label for="likelihood">Likelihood</label>
              <select id="likelihood" name="likelihood" required>
                <option value="">Choose likelihood</option>
                ${matrix.likelihoods.map((l) => html`<option value="${l.id}"${l.id === likelihood ? html` selected` : ''}>${l.label}</option>`)}
              </select>
            </div>
          </div>
          <button type="submit" class="button">Assess</button>
        </form>
        ${
          assessment
            ? html`<section class="result-panel" id="assessment" aria-labelledby="assessment-title">
                <h2 id="assessment-title">Rating: ${riskBadge(assessment.rating, ratingLabels)}</h2>
                <p><strong>${severityLabel(assessment.severity)}</strong> severity and <strong>${likelihoodLabel(assessment.likelihood)}</strong> likelihood give a risk rating of ${assessment.rating}: ${assessment.label}.</p>
                <p>${assessment.acceptability}</p>
              </section>`
            : ''
        }
      </div>
      <aside aria-labelledby="ratings">
        <h2 id="ratings">What each rating means</h2>
        <dl class="definitions">
          ${[...matrix.ratings].sort((a, b) => b.rating - a.rating).map((r) => html`<dt>${riskBadge(r.rating, ratingLabels)}</dt><dd>${r.acceptability}</dd>`)}
        </dl>
      </aside>
    </div>
    <h2 id="matrix">The matrix</h2>
    <div class="table-scroll" tabindex="0" role="region" aria-label="Risk matrix (scrolls sideways)">
      <table class="matrix">
        <caption>Risk rating by likelihood (rows) and severity (columns)</caption>
        <thead>
          <tr>
            <td></td>
            ${matrix.severities.map((s) => html`<th scope="col">${s.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${mostLikelyFirst.map(
            (l) => html`<tr>
              <th scope="row">${l.label}</th>
              ${matrix.severities.map((s) => {
                const rating = cells.get(`${l.id}/${s.id}`)!;
                const selected = l.id === likelihood && s.id === severity;
                return html`<td${selected ? html` class="is-selected"` : ''}><span class="risk risk-${rating}"><b>${rating}</b> ${ratingLabels.get(rating)}</span>${selected ? html`<span class="visually-hidden"> (your assessment)</span>` : ''}</td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="card-grid card-grid--wide">
      <section class="card" aria-labelledby="severity-definitions">
        <h2 id="severity-definitions">Severity</h2>
        <dl class="definitions">${[...matrix.severities].reverse().map((s) => html`<dt>${s.label}</dt><dd>${s.definition}</dd>`)}</dl>
      </section>
      <section class="card" aria-labelledby="likelihood-definitions">
        <h2 id="likelihood-definitions">Likelihood</h2>
        <dl class="definitions">${mostLikelyFirst.map((l) => html`<dt>${l.label}</dt><dd>${l.definition}</dd>`)}</dl>
      </section>
    </div>
    <h2 id="about">Using the matrix</h2>
    <div class="prose">${renderMarkdown(matrix.body, { topLevel: 2 })}</div>`;

  return {
    view: {
      title: assessment ? `Risk rating ${assessment.rating}: ${assessment.label}` : matrix.title,
      breadcrumbLabel: 'Risk matrix',
      description: matrix.summary,
      canonicalPath: paths.riskMatrix(),
      breadcrumbs: [],
      section: 'risk-matrix',
      body,
    },
  };
};
