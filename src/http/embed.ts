import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Router, type Response } from 'express';
import type { HubServices } from '../hub.js';
import { etagPublicGetResponses } from './conditional-get.js';
import { html, trustedHtml } from './pages/html.js';

/** Built by scripts/build-assets.mjs; src/http and dist/http are both two levels below the repository root. */
export const assetsDir = fileURLToPath(new URL('../../dist/assets/', import.meta.url));
const embedBundle = `${assetsDir}dcs-hub.js`;

/**
 * The script's URL carries no version, so caches keep it for five minutes and may serve a stale copy for a day
 * while they fetch the new one in the background: a release reaches every intranet page within minutes.
 */
const SCRIPT_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';
const DEMO_CACHE_CONTROL = 'public, max-age=300';

/**
 * The embeddable web components (`GET /embed/dcs-hub.js`) and a page showing them as a trust intranet would
 * (`GET /embed/demo`). Mount before the pages router, which ends in the site-wide 404.
 */
export function createEmbedRouter(hub: HubServices): Router {
  const router = Router();

  router.get('/embed/dcs-hub.js', (_req, res, next) => {
    if (!existsSync(embedBundle)) {
      missingAsset(res, 'dcs-hub.js');
      return;
    }
    res.sendFile(
      embedBundle,
      {
        cacheControl: false,
        headers: {
          'Content-Type': 'text/javascript; charset=utf-8',
          'Cache-Control': SCRIPT_CACHE_CONTROL,
          // Loaded by pages on other origins, including ones that isolate themselves (COEP).
          'Cross-Origin-Resource-Policy': 'cross-origin',
          'X-Content-Type-Options': 'nosniff',
        },
      },
      (error) => {
        if (error && !res.headersSent) next(error);
      },
    );
  });

  router.get('/embed/demo', etagPublicGetResponses(), (req, res) => {
    const hubUrl = hub.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    res.setHeader('Cache-Control', DEMO_CACHE_CONTROL);
    res.setHeader('Content-Security-Policy', demoContentSecurityPolicy(hubUrl));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.type('html').send(demoPage(hubUrl));
  });

  return router;
}

export function missingAsset(res: Response, name: string): void {
  res.status(503).type('text/plain').send(`${name} has not been built: run \`npm run build\` (scripts/build-assets.mjs).\n`);
}

/** The snippet a trust copies into its intranet page. */
export function embedSnippet(hubUrl: string): string {
  return `<script src="${hubUrl}/embed/dcs-hub.js" defer></script>\n<dcs-search></dcs-search>`;
}

/** The look of a made-up trust intranet: the widgets must fit in with a page they do not control. */
const DEMO_STYLES = `
:root { --intranet-ink: #1d1d1b; --intranet-brand: #330072; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 Georgia, "Times New Roman", serif; color: var(--intranet-ink); background: #f4f1ec; }
a { color: var(--intranet-brand); }
.bar { display: flex; gap: 1rem; align-items: baseline; padding: 0.75rem 1.5rem; background: var(--intranet-brand); color: #fff; }
.bar strong { font-size: 1.25rem; }
.layout { display: grid; grid-template-columns: 14rem 1fr; gap: 2rem; max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
.side ul { list-style: none; margin: 0; padding: 0; }
.side li { padding: 0.35rem 0; border-bottom: 1px solid #d8d2c8; }
.side [aria-current] { font-weight: bold; }
main { background: #fff; padding: 1.5rem 2rem; border-radius: 4px; min-width: 0; }
h1 { margin-top: 0; }
.notice { padding: 0.75rem 1rem; background: #eef3f8; border-left: 4px solid #005eb8; }
/* How a page themes the widgets: custom properties, inherited into their shadow roots. */
dcs-search { --dcs-accent: var(--intranet-brand); --dcs-font: Georgia, "Times New Roman", serif; max-width: 46rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.cards .plum { --dcs-accent: #7c2855; }
pre { overflow-x: auto; padding: 1rem; background: #1d1d1b; color: #f4f1ec; border-radius: 4px; font-size: 0.9rem; }
@media (max-width: 48rem) { .layout { grid-template-columns: 1fr; } }
`;

const DEMO_STYLES_HASH = `'sha256-${createHash('sha256').update(DEMO_STYLES).digest('base64')}'`;

function demoContentSecurityPolicy(hubUrl: string): string {
  const hubOrigin = new URL(hubUrl).origin;
  return [
    "default-src 'self'",
    `script-src 'self' ${hubOrigin}`,
    `style-src 'self' ${DEMO_STYLES_HASH}`,
    `connect-src 'self' ${hubOrigin}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

function demoPage(hubUrl: string): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clinical safety - Anytown NHS Trust intranet (DCS Hub embedding demo)</title>
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<style>${trustedHtml(DEMO_STYLES)}</style>
<script src="${hubUrl}/embed/dcs-hub.js" defer></script>
</head>
<body>
<header class="bar"><strong>Anytown NHS Trust</strong><span>Staff intranet</span></header>
<div class="layout">
  <nav class="side" aria-label="Intranet">
    <ul>
      <li><a href="#">Home</a></li>
      <li><a href="#">Policies and procedures</a></li>
      <li><a href="#" aria-current="page">Clinical safety</a></li>
      <li><a href="#">Digital services</a></li>
      <li><a href="#">Training</a></li>
    </ul>
  </nav>
  <main id="main">
    <p class="notice">A demonstration of DCS Hub on a fictional trust intranet page. Everything below the heading
      comes live from <a href="${hubUrl}/">DCS Hub</a> through two lines of HTML.</p>
    <h1>Clinical safety</h1>
    <p>Our Clinical Safety Officers work to DCB0129 and DCB0160. Search the standards, guidance, templates and
      shared safety cases without leaving the intranet.</p>

    <section aria-labelledby="search-heading">
      <h2 id="search-heading">Search clinical safety knowledge</h2>
      <dcs-search placeholder="Try “hazard log”, “DCB0129 2.3” or “CSCR”"></dcs-search>
    </section>

    <section aria-labelledby="clauses-heading">
      <h2 id="clauses-heading">The Clinical Safety Officer in both standards</h2>
      <div class="cards">
        <dcs-clause standard="DCB0129" number="2.3.1"></dcs-clause>
        <dcs-clause class="plum" standard="DCB0160" number="2.3.1"></dcs-clause>
      </div>
    </section>

    <section aria-labelledby="snippet-heading">
      <h2 id="snippet-heading">Put this on your own page</h2>
      <p>Copy these two lines into any intranet page:</p>
      <pre><code>${embedSnippet(hubUrl)}</code></pre>
      <p>Add a clause card with <code>&lt;dcs-clause standard="DCB0129" number="2.3"&gt;&lt;/dcs-clause&gt;</code>.
        Colours and fonts follow CSS custom properties such as <code>--dcs-accent</code> and <code>--dcs-font</code>.
        Write your own queries in the <a href="${hubUrl}/graphiql">GraphQL explorer</a> against the
        <a href="${hubUrl}/schema.graphql">schema</a>.</p>
    </section>
  </main>
</div>
</body>
</html>
`.toString();
}
