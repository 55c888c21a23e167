import type { Hazard, HazardContent, RiskContent } from '../../modules/safety-cases/hazard.entity.js';
import type { RiskMatrixContent } from '../../modules/risk/risk-matrix.entity.js';
import { CONTROL_TYPE_LABELS, riskBadge, statusTag, titleCase } from './components.js';
import { html, type SafeHtml } from './html.js';

/** Words for the ids a hazard log uses, taken from the published risk matrix and the taxonomy. */
export interface HazardLabels {
  ratings: Map<number, string>;
  severities: Map<string, string>;
  likelihoods: Map<string, string>;
  families: Map<string, string>;
}

export function hazardLabels(matrix: RiskMatrixContent, families: Map<string, string>): HazardLabels {
  return {
    ratings: new Map(matrix.ratings.map((r) => [r.rating, r.label])),
    severities: new Map(matrix.severities.map((s) => [s.id, s.label])),
    likelihoods: new Map(matrix.likelihoods.map((l) => [l.id, l.label])),
    families,
  };
}

/** Safety case hazards are stored flat; blueprint starter hazards keep the content shape. Pages use the latter. */
export function hazardContent(hazard: Hazard): HazardContent {
  return {
    code: hazard.code,
    title: hazard.title,
    family: hazard.family,
    description: hazard.description,
    causes: hazard.causes,
    effects: hazard.effects,
    controls: hazard.controls,
    initialRisk: { severity: hazard.initialSeverity, likelihood: hazard.initialLikelihood, rating: hazard.initialRating },
    residualRisk: { severity: hazard.residualSeverity, likelihood: hazard.residualLikelihood, rating: hazard.residualRating },
    status: hazard.status,
    clauses: hazard.clauseRefs,
  };
}

export function hazardAnchor(code: string): string {
  return code.toLowerCase();
}

function riskCell(risk: RiskContent, labels: HazardLabels): SafeHtml {
  return html`${riskBadge(risk.rating, labels.ratings)}<span class="risk-detail">${labels.severities.get(risk.severity) ?? titleCase(risk.severity)} × ${
    labels.likelihoods.get(risk.likelihood) ?? titleCase(risk.likelihood)
  }</span>`;
}

/** One row per hazard: what it is, its risk before and after controls (colour, number and word), its status. */
export function hazardTable(hazards: HazardContent[], labels: HazardLabels, caption: string): SafeHtml {
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="${caption} (scrolls sideways)">
    <table class="hazard-table">
      <caption>${caption}</caption>
      <thead>
        <tr>
          <th scope="col">Code</th>
          <th scope="col">Hazard</th>
          <th scope="col">Initial risk</th>
          <th scope="col">Residual risk</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        ${hazards.map(
          (h) => html`<tr>
            <td><a href="#${hazardAnchor(h.code)}">${h.code}</a></td>
            <td>${h.title}<span class="risk-detail">${labels.families.get(h.family) ?? h.family}</span></td>
            <td>${riskCell(h.initialRisk, labels)}</td>
            <td>${riskCell(h.residualRisk, labels)}</td>
            <td>${statusTag(h.status)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** How many hazards sit at each residual rating: the shape of the safety position at a glance. */
export function residualProfile(hazards: HazardContent[], labels: HazardLabels): SafeHtml {
  const counts = new Map<number, number>();
  for (const h of hazards) counts.set(h.residualRisk.rating, (counts.get(h.residualRisk.rating) ?? 0) + 1);
  return html`<ul class="tag-list" aria-label="Hazards by residual risk rating">
    ${[5, 4, 3, 2, 1]
      .filter((rating) => counts.has(rating))
      .map((rating) => html`<li>${riskBadge(rating, labels.ratings)} <span class="count">× ${counts.get(rating)}</span></li>`)}
  </ul>`;
}

/** The full record of each hazard, anchored by its code so `paths.hazard` links land on it. */
export function hazardDetails(hazards: HazardContent[], labels: HazardLabels, clauseLink: (ref: string) => string | null, headingLevel: 2 | 3 = 3): SafeHtml {
  return html`${hazards.map((h) => {
    const heading = html`${h.code}: ${h.title}`;
    return html`<section class="hazard" id="${hazardAnchor(h.code)}" aria-labelledby="${hazardAnchor(h.code)}-title">
      ${headingLevel === 2 ? html`<h2 id="${hazardAnchor(h.code)}-title">${heading}</h2>` : html`<h3 id="${hazardAnchor(h.code)}-title">${heading}</h3>`}
      <p>${h.description}</p>
      <dl>
        <dt>Hazard family</dt><dd>${labels.families.get(h.family) ?? h.family}</dd>
        <dt>Causes</dt><dd><ul>${h.causes.map((c) => html`<li>${c}</li>`)}</ul></dd>
        <dt>Effects on patients</dt><dd><ul>${h.effects.map((e) => html`<li>${e}</li>`)}</ul></dd>
        <dt>Controls</dt><dd><ul>${h.controls.map((c) => html`<li><strong>${CONTROL_TYPE_LABELS[c.type] ?? c.type}:</strong> ${c.description}</li>`)}</ul></dd>
        <dt>Initial risk</dt><dd>${riskCell(h.initialRisk, labels)}</dd>
        <dt>Residual risk</dt><dd>${riskCell(h.residualRisk, labels)}</dd>
        <dt>Status</dt><dd>${statusTag(h.status)}</dd>
        ${
          h.clauses && h.clauses.length > 0
            ? html`<dt>Clauses</dt><dd>${h.clauses.map((ref, i) => {
                const href = clauseLink(ref);
                return html`${i > 0 ? ', ' : ''}${href ? html`<a href="${href}">${ref}</a>` : ref}`;
              })}</dd>`
            : ''
        }
      </dl>
    </section>`;
  })}`;
}
