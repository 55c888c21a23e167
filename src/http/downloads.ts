import { Router, type Request, type Response } from 'express';
import { ErrorCode, HubError } from '../graphql/errors.js';
import type { HubServices } from '../hub.js';
import { variablesFromQuery } from '../modules/blueprints/blueprint-variables.js';
import { BlueprintsService } from '../modules/blueprints/blueprints.service.js';
import { BlueprintRenderService, FORMATS, formatForExtension, type BlueprintFormatId } from '../modules/blueprints/render.service.js';

/** A version's file never changes, so caches may keep it for a year without asking again. */
const VERSIONED_CACHE = 'public, max-age=31536000, immutable';
/** `latest` moves when a version is published; five minutes bounds how long a cache may serve the old one. */
const LATEST_CACHE = 'public, max-age=300';
const FILE = /^(.+)\.([A-Za-z]+)$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * Stable download URLs for scripts and intranets: `GET /blueprints/{slug}/{version|latest}.{md|html|docx|csv|xlsx}`
 * with the variables as query parameters. Only paths ending in a format extension are answered here; anything
 * else under /blueprints (the HTML pages) passes on.
 */
export function blueprintDownloads(hub: HubServices): Router {
  const router = Router();
  router.get('/blueprints/:slug/:file', async (req, res, next) => {
    const file = FILE.exec(req.params.file);
    const format = file ? formatForExtension(file[2]) : null;
    if (!file || !format) {
      next();
      return;
    }
    const version = file[1];
    try {
      // No blueprint slug holds a control character, and PostgreSQL cannot receive a NUL byte at all.
      if (/[\u0000-\u001f\u007f]/.test(req.params.slug)) throw new HubError(ErrorCode.NOT_FOUND, 'Blueprint was not found');
      if (version !== 'latest' && !SEMVER.test(version)) {
        throw new HubError(ErrorCode.NOT_FOUND, `Version "${version}" of blueprint ${req.params.slug} was not found: use an exact version such as 1.1.0, or latest`);
      }
      await answer(hub, req, res, req.params.slug, version, format);
    } catch (error) {
      if (error instanceof HubError) {
        sendError(res, error);
        return;
      }
      next(error);
    }
  });
  return router;
}

async function answer(hub: HubServices, req: Request, res: Response, slug: string, version: string, format: BlueprintFormatId): Promise<void> {
  const em = hub.db.orm.em.fork();
  const blueprints = new BlueprintsService(em);
  const blueprint = await blueprints.findBySlug(slug);
  if (!blueprint) throw new HubError(ErrorCode.NOT_FOUND, `Blueprint "${slug}" was not found`);
  const declared = (await blueprints.version(blueprint, version)).variables;
  const renderer = new BlueprintRenderService(em, hub.stores.renders);
  const prepared = await renderer.prepare({
    slug, version, format,
    variables: variablesFromQuery(declared, req.query as Record<string, unknown>),
    baseUrl: hub.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`,
  });

  res.setHeader('ETag', prepared.etag);
  res.setHeader('Cache-Control', prepared.latest ? LATEST_CACHE : VERSIONED_CACHE);
  if (prepared.latest) {
    // Where the same file lives under its permanent, long-cached URL.
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    res.setHeader('Content-Location', `${req.baseUrl}/blueprints/${encodeURIComponent(slug)}/${prepared.version.version}.${FORMATS[format].extension}${search}`);
  }
  // The ETag is known before any file is built, so a revalidation costs no rendering.
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const artefact = await renderer.produce(prepared);
  res.attachment(artefact.fileName);
  res.setHeader('Content-Type', artefact.mediaType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.status(200).send(artefact.bytes);
}

/** Errors in the same shape as GraphQL's: the stable code, the message and the problems naming each variable. */
function sendError(res: Response, error: HubError): void {
  const code = error.extensions.code as string;
  const status = code === ErrorCode.NOT_FOUND ? 404 : code === ErrorCode.BAD_USER_INPUT ? 400 : 500;
  res.status(status).setHeader('Cache-Control', 'no-store').json({
    error: { code, message: error.message, ...(error.extensions.problems ? { problems: error.extensions.problems } : {}) },
  });
}
