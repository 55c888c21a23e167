import { existsSync } from 'node:fs';
import express, { Router } from 'express';
import { assetsDir, missingAsset } from './embed.js';
import { html } from './pages/html.js';

const graphiqlDir = `${assetsDir}graphiql/`;

/**
 * GraphiQL served by the hub itself: the page at `GET /graphiql` and its bundle (built from src/graphiql by
 * scripts/build-assets.mjs) under /graphiql/assets/. Nothing is loaded from a CDN, so it works offline.
 */
export function createGraphiqlRouter(): Router {
  const router = Router();

  router.get('/graphiql', (_req, res) => {
    if (!existsSync(`${graphiqlDir}graphiql.js`)) {
      missingAsset(res, 'GraphiQL');
      return;
    }
    res.setHeader('Cache-Control', 'public, max-age=300');
    // Monaco, the editor inside GraphiQL, styles itself with inline styles and runs its language services in workers.
    res.setHeader(
      'Content-Security-Policy',
      ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "worker-src 'self'", "font-src 'self' data:", "img-src 'self' data:", "connect-src 'self'", "base-uri 'none'", "object-src 'none'", "frame-ancestors 'self'"].join('; '),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('html').send(
      html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphQL explorer - DCS Hub</title>
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/graphiql/assets/graphiql.css">
<script type="module" src="/graphiql/assets/graphiql.js"></script>
</head>
<body>
<div id="graphiql"><p>Loading the GraphQL explorer…</p></div>
</body>
</html>
`.toString(),
    );
  });

  router.use('/graphiql/assets', express.static(graphiqlDir, { maxAge: '1h', immutable: false, fallthrough: false, index: false }));
  return router;
}
