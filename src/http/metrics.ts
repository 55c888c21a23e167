import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { IngestReport } from '../modules/ingest/ingest.service.js';

/**
 * Prometheus metrics of one hub process, served at /metrics. One registry per process: the counters are about
 * the process (and the CLI's ingest), not about one HTTP app, and a scrape sees them all.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'dcs_hub_' });

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const httpRequests = new Counter({
  name: 'dcs_hub_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});
const httpDuration = new Histogram({
  name: 'dcs_hub_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: SECONDS_BUCKETS,
  registers: [metricsRegistry],
});
const errorCodes = new Counter({
  name: 'dcs_hub_errors_total',
  help: 'Errors answered to clients, by stable error code (GraphQL errors, rate limits, timeouts, bad requests)',
  labelNames: ['code'] as const,
  registers: [metricsRegistry],
});
const searchDuration = new Histogram({
  name: 'dcs_hub_search_duration_seconds',
  help: 'Time to answer a search, by backend',
  labelNames: ['backend'] as const,
  buckets: SECONDS_BUCKETS,
  registers: [metricsRegistry],
});
const ingests = new Counter({
  name: 'dcs_hub_ingests_total',
  help: 'Content ingests that finished, by outcome (applied or dry_run)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});
const ingestDocuments = new Counter({
  name: 'dcs_hub_ingest_documents_total',
  help: 'Documents seen by finished ingests, by what happened to them',
  labelNames: ['change'] as const,
  registers: [metricsRegistry],
});

/** Methods outside this list are counted as OTHER, so made-up methods cannot create label values. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The route *pattern* (`/graphql`, `/guidance/:slug`), never the raw path: raw paths would let any client grow
 * the label set without bound. Requests no route matched share one label.
 */
function routeOf(req: Request): string {
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  return req.baseUrl || 'unmatched';
}

export function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const stopTimer = httpDuration.startTimer();
    res.once('finish', () => {
      const labels = { method: METHODS.has(req.method) ? req.method : 'OTHER', route: routeOf(req), status: String(res.statusCode) };
      httpRequests.inc(labels);
      stopTimer(labels);
    });
    next();
  };
}

export function recordErrorCode(code: string): void {
  errorCodes.inc({ code });
}

/** Counts a GraphQL error by the code the client sees; used at the end of the server's formatError. */
export function recordGraphqlError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  recordErrorCode(typeof code === 'string' ? code : 'UNKNOWN');
  return formatted;
}

/** Called by the search module with the time one search took. */
export function observeSearch(ms: number, backend = 'postgres'): void {
  searchDuration.observe({ backend }, ms / 1000);
}

/** Called where an ingest finishes. */
export function recordIngest(report: Pick<IngestReport, 'added' | 'updated' | 'unchanged' | 'unpublished' | 'dryRun'>): void {
  ingests.inc({ outcome: report.dryRun ? 'dry_run' : 'applied' });
  if (report.dryRun) return;
  for (const change of ['added', 'updated', 'unchanged', 'unpublished'] as const) ingestDocuments.inc({ change }, report[change]);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** GET /metrics in Prometheus text format; with METRICS_TOKEN set it needs `Authorization: Bearer <token>`. */
export function metricsHandler(token: string | undefined): RequestHandler {
  return async (req, res) => {
    if (token) {
      const presented = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(presented), digest(token))) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(401).type('text/plain').send('metrics need the METRICS_TOKEN bearer token\n');
        return;
      }
    }
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  };
}
