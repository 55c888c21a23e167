import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Em } from '../../db/createOrm.js';
import { ErrorCode, errors, HubError, type FieldProblem } from '../../graphql/errors.js';
import type { HubServices } from '../../hub.js';
import { html } from './html.js';
import { renderPage, searchForm, type PageView } from './layout.js';

export interface PageRequest {
  em: Em;
  hub: HubServices;
  params: Record<string, string>;
  query: Request['query'];
  /** The request path and query, for links back to this page. */
  originalUrl: string;
}

export type PageResult = { view: PageView } | { redirect: string };
export type PageHandler = (req: PageRequest) => Promise<PageResult>;

/** Pages change only when content is ingested, so shared caches may keep them briefly (as the API does). */
export const PAGE_CACHE_CONTROL = 'public, max-age=300';

/** Pages load no third-party resources and run only the hub's own scripts. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'self'",
].join('; ');

export function baseUrlOf(req: Request, hub: HubServices): string {
  return hub.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function setPageHeaders(res: Response): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
}

/**
 * Adapts a page to Express: a fresh EntityManager per request, caching headers, and Express's own ETag and
 * If-None-Match handling (res.send answers 304 when the page is unchanged). Errors become error pages.
 */
export function page(hub: HubServices, handler: PageHandler): RequestHandler {
  return async (req, res, next) => {
    try {
      const result = await handler({ em: hub.db.orm.em.fork(), hub, params: req.params as Record<string, string>, query: req.query, originalUrl: req.originalUrl });
      if ('redirect' in result) {
        res.setHeader('Cache-Control', PAGE_CACHE_CONTROL);
        res.redirect(301, result.redirect);
        return;
      }
      setPageHeaders(res);
      res.setHeader('Cache-Control', PAGE_CACHE_CONTROL);
      res.status(200).send(renderPage(result.view, baseUrlOf(req, hub)));
    } catch (error) {
      next(error);
    }
  };
}

/** Parses a query string with a zod schema; anything it rejects is a 400 that names the parameter. */
export function parseQuery<T extends z.ZodTypeAny>(schema: T, query: Request['query']): z.infer<T> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const problems: FieldProblem[] = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'query', message: issue.message }));
  throw errors.badInput('The address has a query parameter this page cannot use', problems);
}

/** A single query value: repeated parameters (`?q=a&q=b`) and nested ones are refused rather than guessed at. */
export const queryText = (max: number) => z.string({ invalid_type_error: 'give this parameter once, as text' }).max(max, `at most ${max} characters`);
export const pageNumber = z
  .string({ invalid_type_error: 'give this parameter once, as a number' })
  .regex(/^[1-9]\d{0,3}$/, 'a page number from 1 to 9999')
  .transform(Number);

export function notFoundView(path: string, what?: string): PageView {
  return {
    title: 'Page not found',
    description: 'There is no page at this address on the DCS Hub.',
    canonicalPath: path,
    breadcrumbs: [],
    section: 'search',
    noindex: true,
    body: html`<h1>Page not found</h1>
      <p class="lead">${what ?? 'There is no page at this address.'}</p>
      <p>If you typed the address, check it is correct. If you followed a link, the document may have been renamed or withdrawn.</p>
      <h2>Search the hub</h2>
      ${searchForm('page')}
      <p>Or browse <a href="/standards">the standards</a>, <a href="/guidance">guidance</a>, <a href="/blueprints">blueprints</a> and <a href="/safety-cases">safety cases</a>.</p>`,
  };
}

function badRequestView(path: string, message: string, problems: FieldProblem[]): PageView {
  return {
    title: 'There is a problem with this address',
    description: 'The address has a query parameter the page cannot use.',
    canonicalPath: path,
    breadcrumbs: [],
    section: 'search',
    noindex: true,
    body: html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">There is a problem</h2>
        <p>${message}</p>
        ${problems.length > 0 ? html`<ul>${problems.map((p) => html`<li><code>${p.field}</code>: ${p.message}</li>`)}</ul>` : ''}
      </div>
      <h1>There is a problem with this address</h1>
      <p>Go back and try again, or start from the <a href="/">home page</a>.</p>`,
  };
}

function serverErrorView(path: string, requestId: string): PageView {
  return {
    title: 'Sorry, there is a problem with the service',
    description: 'The hub could not show this page.',
    canonicalPath: path,
    breadcrumbs: [],
    section: 'search',
    noindex: true,
    body: html`<h1>Sorry, there is a problem with the service</h1>
      <p class="lead">The hub could not show this page. Try again later.</p>
      <p>If you report this, quote reference <code>${requestId}</code>.</p>`,
  };
}

function sendError(req: Request, res: Response, hub: HubServices, status: number, view: PageView): void {
  setPageHeaders(res);
  res.setHeader('Cache-Control', 'no-store');
  res.status(status);
  // HEAD gets the headers only; Express strips the body itself.
  res.send(renderPage(view, baseUrlOf(req, hub)));
}

/** The last stop for GET and HEAD requests no earlier route answered: a real 404 page. */
export function notFoundHandler(hub: HubServices): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    sendError(req, res, hub, 404, notFoundView(req.path));
  };
}

/**
 * Turns errors on page requests into pages: missing documents are 404s, bad query strings (and addresses
 * Express cannot decode) are 400s, anything else is logged and shown as a 500 without internals.
 */
export function pageErrorHandler(hub: HubServices) {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent || (req.method !== 'GET' && req.method !== 'HEAD')) return next(error);
    if (error instanceof HubError) {
      const code = error.extensions.code;
      if (code === ErrorCode.NOT_FOUND) return sendError(req, res, hub, 404, notFoundView(req.path, error.message));
      if (code === ErrorCode.BAD_USER_INPUT) {
        const problems = (error.extensions.problems as FieldProblem[] | undefined) ?? [];
        return sendError(req, res, hub, 400, badRequestView(req.path, error.message, problems));
      }
    }
    const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendError(req, res, hub, status === 404 ? 404 : 400, status === 404 ? notFoundView(req.path) : badRequestView(req.path, 'The address could not be read.', []));
    }
    const requestId = String(res.locals.requestId ?? '');
    hub.logger.error({ err: error, requestId, path: req.path }, 'page failed');
    sendError(req, res, hub, 500, serverErrorView(req.path, requestId));
  };
}
