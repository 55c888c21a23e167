/**
 * DCS Hub's embeddable web components. One script tag on any page defines them:
 *   <script src="https://hub.example.nhs.uk/embed/dcs-hub.js" defer></script>
 *   <dcs-search></dcs-search>
 * No runtime dependencies; built by scripts/build-assets.mjs into dist/assets/dcs-hub.js.
 */
import { DcsClauseElement } from './dcs-clause.js';
import { DcsSearchElement } from './dcs-search.js';

// A page may include the script twice (two widgets, two snippets); the first definition wins.
if (!customElements.get('dcs-search')) customElements.define('dcs-search', DcsSearchElement);
if (!customElements.get('dcs-clause')) customElements.define('dcs-clause', DcsClauseElement);
