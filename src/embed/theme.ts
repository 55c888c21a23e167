import { linkFor } from './hub-client.js';

/**
 * Styles shared by the components. Pages theme them with CSS custom properties set on the element or any
 * ancestor (custom properties inherit into shadow roots); `::part()` names reach individual pieces.
 */
export const themeStyles = `
:host {
  --_accent: var(--dcs-accent, #005eb8);
  --_accent-text: var(--dcs-accent-text, #ffffff);
  --_text: var(--dcs-text, #212b32);
  --_muted: var(--dcs-muted, #4c6272);
  --_background: var(--dcs-background, #ffffff);
  --_surface: var(--dcs-surface, #f0f4f5);
  --_border: var(--dcs-border, #aeb7bd);
  --_mark: var(--dcs-mark, #fff3a8);
  --_focus: var(--dcs-focus, #ffb81c);
  --_radius: var(--dcs-radius, 6px);
  display: block;
  color: var(--_text);
  font-family: var(--dcs-font, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif);
  font-size: var(--dcs-font-size, 1rem);
  line-height: 1.5;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
a { color: var(--_accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
mark { background: var(--_mark); color: inherit; padding: 0 0.1em; border-radius: 2px; }
.muted { color: var(--_muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

const sheets = new Map<string, CSSStyleSheet>();

/**
 * Gives a shadow root its styles as a constructed stylesheet, shared by every instance and, unlike a <style>
 * element, allowed by a page's Content-Security-Policy without 'unsafe-inline'. Older browsers get a <style>.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  if (!('adoptedStyleSheets' in root) || !('replaceSync' in CSSStyleSheet.prototype)) {
    root.append(element('style', { text: css }));
    return;
  }
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  root.adoptedStyleSheets = [sheet];
}

/** Human labels for the API's DocumentKind values. */
export const KIND_LABELS: Record<string, string> = {
  STANDARD: 'Standard',
  CLAUSE: 'Clause',
  GUIDANCE: 'Guidance',
  BLUEPRINT: 'Blueprint',
  SAFETY_CASE: 'Safety case',
  HAZARD: 'Hazard',
  LEARNING: 'Safety learning',
  EVIDENCE: 'Evidence',
  TRAINING: 'Training',
};

/**
 * A link to a hub page as the widget `host` is configured to show it: moved under its `link-base` if set, and
 * opened in its `link-target` if set (a new tab gets no handle on the page that opened it).
 */
export function hubLink(host: HTMLElement, url: string, options: { text: string; part: string; className?: string }): HTMLAnchorElement {
  const link = element('a', { ...options, attributes: { href: linkFor(url, host.getAttribute('link-base')) } });
  const target = host.getAttribute('link-target');
  if (target) {
    link.target = target;
    if (target === '_blank') link.rel = 'noopener';
  }
  return link;
}

/** `<tag part="..." class="...">text</tag>` without innerHTML, so no content is ever parsed as markup. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, options: { part?: string; className?: string; text?: string; attributes?: Record<string, string> } = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.part) node.setAttribute('part', options.part);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  return node;
}
