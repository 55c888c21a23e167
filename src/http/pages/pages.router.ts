import { errors } from '../../graphql/errors.js';
import { Router } from 'express';
import { printHubSchema } from '../../graphql/schema.js';
import type { HubServices } from '../../hub.js';
import { etagPublicGetResponses } from '../conditional-get.js';
import { stylesheet } from './assets.js';
import { blueprintPage, blueprintsIndexPage } from './blueprints.page.js';
import { guidanceIndexPage, guidancePage } from './guidance.page.js';
import { homePage } from './home.page.js';
import { evidenceIndexPage, evidencePage, learningIndexPage, learningPage } from './learning.page.js';
import { notFoundHandler, page, PAGE_CACHE_CONTROL, pageErrorHandler } from './page-handler.js';
import { riskMatrixPage } from './risk-matrix.page.js';
import { searchPage } from './search.page.js';
import { safetyCasePage, safetyCasesIndexPage } from './safety-cases.page.js';
import { clausePage, standardPage, standardsIndexPage } from './standards.page.js';
import { competencyFrameworkPage, trainingIndexPage, trainingPage } from './training.page.js';

/**
 * The hub's own HTML pages, at the canonical paths of src/graphql/urls.ts. Mount it after the API, embed and
 * download routes: it ends with the site-wide 404 page. Paths with a file extension under /blueprints/{slug}/
 * belong to the download route; no pattern here matches them.
 */
export function createPagesRouter(hub: HubServices): Router {
  const router = Router();
  // The same strong, body-derived ETags as the read API, so If-None-Match revalidation answers 304.
  router.use(etagPublicGetResponses());

  router.get(stylesheet.path, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type('text/css').send(stylesheet.body);
  });
  router.get('/schema.graphql', async (_req, res, next) => {
    try {
      res.setHeader('Cache-Control', PAGE_CACHE_CONTROL);
      res.type('text/plain; charset=utf-8').send(await printHubSchema());
    } catch (error) {
      next(error);
    }
  });

  // No document key holds a control character, and PostgreSQL cannot even receive a NUL byte: such an address
  // names nothing, so it is a 404 before any service sees it.
  for (const name of ['slug', 'code', 'number']) {
    router.param(name, (_req, _res, next, value: string) => next(/[\u0000-\u001f\u007f]/.test(value) ? errors.notFound('Page', value.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 64)) : undefined));
  }
  router.get('/', page(hub, homePage));
  router.get('/standards', page(hub, standardsIndexPage));
  router.get('/standards/:code', page(hub, standardPage));
  router.get('/standards/:code/:number', page(hub, clausePage));
  router.get('/guidance', page(hub, guidanceIndexPage));
  router.get('/guidance/:slug', page(hub, guidancePage));
  router.get('/blueprints', page(hub, blueprintsIndexPage));
  router.get('/blueprints/:slug', page(hub, blueprintPage));
  router.get('/safety-cases', page(hub, safetyCasesIndexPage));
  router.get('/safety-cases/:slug', page(hub, safetyCasePage));
  router.get('/learning', page(hub, learningIndexPage));
  router.get('/learning/:slug', page(hub, learningPage));
  router.get('/evidence', page(hub, evidenceIndexPage));
  router.get('/evidence/:slug', page(hub, evidencePage));
  router.get('/risk-matrix', page(hub, riskMatrixPage));
  router.get('/search', page(hub, searchPage));
  router.get('/competencies', page(hub, competencyFrameworkPage));
  router.get('/training', page(hub, trainingIndexPage));
  router.get('/training/:slug', page(hub, trainingPage));

  router.use(notFoundHandler(hub));
  router.use(pageErrorHandler(hub));
  return router;
}
