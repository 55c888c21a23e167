import { stylesheet } from './assets.js';
import { html, type SafeHtml } from './html.js';

export interface Breadcrumb {
  label: string;
  href: string;
}

export type Section = 'home' | 'standards' | 'guidance' | 'blueprints' | 'safety-cases' | 'risk-matrix' | 'search';

export interface PageView {
  /** The page's subject; the `<title>` adds the hub's name. */
  title: string;
  /** One or two sentences for `<meta name="description">` and link previews. */
  description: string;
  /** Path (and query, where it selects content) of the canonical URL. */
  canonicalPath: string;
  /** Ancestors of this page after Home; the page itself is appended from `title`. */
  breadcrumbs: Breadcrumb[];
  section: Section;
  body: SafeHtml;
  /** Full-width content above the breadcrumbs (the home page's search banner). */
  hero?: SafeHtml;
  /** Short form of the title for the last breadcrumb. */
  breadcrumbLabel?: string;
  /** Error pages and result lists ask search engines not to index them. */
  noindex?: boolean;
  /** Scripts that enhance the page; every page works without them. */
  scripts?: string[];
}

const NAV: { section: Section; label: string; href: string }[] = [
  { section: 'standards', label: 'Standards', href: '/standards' },
  { section: 'guidance', label: 'Guidance', href: '/guidance' },
  { section: 'blueprints', label: 'Blueprints', href: '/blueprints' },
  { section: 'safety-cases', label: 'Safety cases', href: '/safety-cases' },
  { section: 'risk-matrix', label: 'Risk matrix', href: '/risk-matrix' },
];

export const HUB_NAME = 'DCS Hub';

export function renderPage(view: PageView, baseUrl: string): string {
  const canonical = baseUrl + view.canonicalPath;
  const fullTitle = view.section === 'home' ? `${HUB_NAME}: ${view.title}` : `${view.title} - ${HUB_NAME}`;
  const crumbs = view.section === 'home' ? [] : [{ label: 'Home', href: '/' }, ...view.breadcrumbs];
  const showHeaderSearch = view.section !== 'home' && view.section !== 'search';
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${view.description}">
<link rel="canonical" href="${canonical}">
${view.noindex ? html`<meta name="robots" content="noindex">` : ''}
<meta property="og:site_name" content="${HUB_NAME}">
<meta property="og:title" content="${view.title}">
<meta property="og:description" content="${view.description}">
<meta property="og:url" content="${canonical}">
<meta name="theme-color" content="#005eb8">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${stylesheet.path}">
${(view.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="hub-header">
  <div class="container hub-header__top">
    <a class="hub-brand" href="/">
      <span class="hub-brand__mark" aria-hidden="true">DCS</span>
      <span class="hub-brand__name">Digital Clinical Safety Hub<small>DCB0129 and DCB0160 in one place</small></span>
    </a>
    ${showHeaderSearch ? searchForm('header') : ''}
  </div>
  <nav class="hub-nav" aria-label="Main">
    <div class="container">
      <ul>
        ${NAV.map((item) => html`<li><a href="${item.href}"${item.section === view.section ? html` aria-current="page"` : ''}>${item.label}</a></li>`)}
      </ul>
    </div>
  </nav>
</header>
${view.hero ?? ''}
<div class="container page-body">
  ${crumbs.length > 0 ? breadcrumbTrail(crumbs, view.breadcrumbLabel ?? view.title) : ''}
  <main id="main-content" tabindex="-1">
${view.body}
  </main>
</div>
<footer class="hub-footer">
  <div class="container">
    <h2 class="visually-hidden">About this site</h2>
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/search">Search</a></li>
      <li><a href="/learning">Learning from events</a></li>
      <li><a href="/evidence">Evidence</a></li>
      <li><a href="/schema.graphql">GraphQL schema</a></li>
      <li><a href="/graphiql">GraphQL explorer</a></li>
      <li><a href="/embed/demo">Embed the hub in your intranet</a></li>
    </ul>
    <p>${HUB_NAME} explains DCB0129 and DCB0160 in plain English. The standards themselves are the authority. Safety cases are fictional and anonymised. Page: <span class="print-url">${canonical}</span></p>
  </div>
</footer>
</body>
</html>
`.value;
}

function breadcrumbTrail(crumbs: Breadcrumb[], current: string): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb">
    <ol>
      ${crumbs.map((crumb) => html`<li><a href="${crumb.href}">${crumb.label}</a></li>`)}
      <li><span aria-current="page">${current}</span></li>
    </ol>
  </nav>`;
}

/** The search form: plain GET to /search, so it works without JavaScript. */
export function searchForm(place: 'header' | 'page' | 'hero', query = ''): SafeHtml {
  const id = `search-${place}`;
  const formClass = place === 'header' ? 'hub-header__search' : place === 'page' ? 'search-form-page' : '';
  return html`<form class="${formClass}" action="/search" method="get" role="search" aria-label="Search the hub">
    <label class="visually-hidden" for="${id}">Search standards, guidance, blueprints and safety cases</label>
    <div class="search-box${place === 'page' ? ' search-box--page' : ''}">
      <input type="search" id="${id}" name="q" value="${query}" autocomplete="off" placeholder="${place === 'header' ? 'Search the hub' : 'e.g. hazard log, CSO, DCB0160 3.5.1'}">
      <button type="submit">Search</button>
    </div>
  </form>`;
}
