import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ErrorCode } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { recordErrorCode } from './metrics.js';

function errorBody(message: string, code: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

/**
 * Answers 503 TIMEOUT once a request has run for `timeoutMs` without an answer, so a client never waits on a
 * stuck request; the GraphQL timeout plugin (src/graphql/limits.ts) then stops the resolvers still pending.
 */
export function requestTimeout(timeoutMs: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.locals.timedOut = true;
      recordErrorCode(ErrorCode.TIMEOUT);
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(timeoutMs / 1000))));
      res.status(503).json(errorBody(`The request was not answered within ${timeoutMs} ms; ask for less, or try again later`, ErrorCode.TIMEOUT, { timeoutMs }));
    }, timeoutMs);
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

/**
 * GraphQL's request body must be JSON (GraphQL over HTTP). Without this, a POST with another content type
 * reaches Apollo with no parsed body, which it reports as a server fault (500).
 */
export function requireJsonBody(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST' || req.is('application/json')) return next();
    recordErrorCode(ErrorCode.BAD_REQUEST);
    res.setHeader('Accept', 'application/json');
    res.status(415).json(errorBody('A GraphQL POST must have Content-Type: application/json', ErrorCode.BAD_REQUEST));
  };
}

/**
 * The last handler: errors no route answered (an unparsable or oversized body, an unexpected fault) get a JSON
 * body with a stable code and never a stack trace, SQL or file path; Express's own handler would print them.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const status = httpStatusOf(error);
    if (res.headersSent) {
      // The timeout already answered; what the late handler tried to write has nowhere to go.
      if (!res.locals.timedOut) logger.error({ err: error }, 'error after the response had started');
      if (!res.writableEnded) res.end();
      return;
    }
    if (status >= 500) {
      logger.error({ err: error }, 'unexpected error while answering a request');
      recordErrorCode(ErrorCode.INTERNAL_SERVER_ERROR);
      res.status(500).json(errorBody('Internal server error', ErrorCode.INTERNAL_SERVER_ERROR));
      return;
    }
    recordErrorCode(ErrorCode.BAD_REQUEST);
    res.status(status).json(errorBody(clientMessage(error, status), ErrorCode.BAD_REQUEST));
  };
}

function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** body-parser's `type` tells what went wrong without echoing its message, which quotes the body back. */
function clientMessage(error: unknown, status: number): string {
  const { type, limit } = error as { type?: unknown; limit?: unknown };
  switch (type) {
    case 'entity.parse.failed':
      return 'The request body is not valid JSON';
    case 'entity.too.large':
      return typeof limit === 'number' ? `The request body is too large (at most ${limit} bytes)` : 'The request body is too large';
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return 'The request body must be UTF-8 JSON';
    default:
      return status === 413 ? 'The request body is too large' : 'The request could not be read';
  }
}
