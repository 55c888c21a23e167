import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Express, type Request } from 'express';
import type { Server } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import { cacheControlPlugins } from '../graphql/cache-control.js';
import { persistedQueryOptions } from '../graphql/cache.js';
import { responseCachePlugins } from '../graphql/response-cache.js';
import { createContext, type HubContext } from '../graphql/context.js';
import { ErrorCode } from '../graphql/errors.js';
import { getSchema } from '../graphql/schema.js';
import { formatLimitError, limitOptions } from '../graphql/limits.js';
import type { HubServices } from '../hub.js';
import { httpMetrics, metricsHandler, recordGraphqlError } from './metrics.js';
import { fromRateLimiter, rateLimit } from './rate-limit.js';
import { jsonErrorHandler, requestTimeout, requireJsonBody } from './request-guards.js';
import { ApiKeysService } from '../modules/auth/api-keys.service.js';
import { etagPublicGetResponses } from './conditional-get.js';
import { createEmbedRouter } from './embed.js';
import { createGraphiqlRouter } from './graphiql.js';
import { blueprintDownloads } from './downloads.js';
import { createPagesRouter } from './pages/pages.router.js';

export interface HubApp {
  app: Express;
  apollo: ApolloServer<HubContext>;
}

/**
 * The HTTP surface: GraphQL at /graphql, health at /healthz and /readyz. The read API is public and
 * cookie-less, so any origin may call it unless CORS_ORIGINS narrows that.
 */
export async function createApp(hub: HubServices, httpServer?: Server): Promise<HubApp> {
  const { config, logger } = hub;
  const schema = await getSchema();
  const production = config.nodeEnv === 'production';
  const { plugins: limitPlugins, ...limitSettings } = limitOptions<HubContext>(config.graphqlLimits, config);
  const apollo = new ApolloServer<HubContext>({
    schema,
    ...limitSettings,
    includeStacktraceInErrorResponses: !production,
    plugins: [...limitPlugins, ...cacheControlPlugins<HubContext>(), ...responseCachePlugins(config.responseCacheMb), ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : [])],
    // Queries may come over GET (cacheable) and as hashes of queries sent before (short, cacheable URLs).
    persistedQueries: persistedQueryOptions(hub.stores),
    // Apollo's own cache is the shared one too, so nothing Apollo keeps differs between instances.
    cache: hub.stores.apollo,
    // A GET, or a POST with a form-like content type, needs a header that forces a CORS preflight.
    csrfPrevention: true,
    formatError: (formatted, error) => recordGraphqlError(maskError(formatLimitError(formatted, error), error, production, logger)),
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(httpMetrics());
  app.use((req, res, next) => {
    const requestId = (req.get('x-request-id') ?? '').slice(0, 64) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    res.on('finish', () => {
      logger.info({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
    next();
  });
  // `*` rather than echoing the origin: one cached answer then serves every origin (no `Vary: Origin`).
  app.use(cors({ origin: config.corsOrigins ?? '*', credentials: false, maxAge: 86400 }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const database = await hub.db.orm.isConnected().catch(() => false);
    const search = await hub.search.status();
    const ready = database && hub.readiness.migrated && hub.readiness.contentLoaded;
    // Meilisearch being down is degraded service, not unreadiness: PostgreSQL search still answers.
    res.status(ready ? 200 : 503).json({
      status: !ready ? 'not ready' : search.state === 'degraded' ? 'degraded' : 'ready',
      checks: {
        database: database ? 'ok' : 'unreachable', migrations: hub.readiness.migrated ? 'applied' : 'pending', content: hub.readiness.contentLoaded ? 'loaded' : 'missing',
        search: search.state,
      },
      search,
    });
  });

  // Static, cacheable browser assets (embed script, demo, GraphiQL): served before rate limiting.
  app.use(createEmbedRouter(hub));
  app.use(createGraphiqlRouter());

  app.get('/metrics', metricsHandler(config.metricsToken));
  // Everything after this point is counted per API key or client address.
  app.use(
    rateLimit({
      config: config.rateLimit,
      logger,
      // Counted in the shared store, so a limit holds across every instance behind the load balancer.
      stores: {
        address: fromRateLimiter(hub.stores.rateLimiter({ keyPrefix: 'address', points: Math.max(1, config.rateLimit.perAddress), windowSeconds: config.rateLimit.windowSeconds })),
        key: fromRateLimiter(hub.stores.rateLimiter({ keyPrefix: 'key', points: Math.max(1, config.rateLimit.perKey), windowSeconds: config.rateLimit.windowSeconds })),
      },
      resolveKeyId: async (authorization) => {
        const viewer = await new ApiKeysService(hub.db.orm.em.fork()).viewerFor(authorization);
        return viewer.authenticated ? String(viewer.keyId) : undefined;
      },
    }),
  );

  app.use(blueprintDownloads(hub));
  app.use(
    '/graphql',
    requestTimeout(config.graphqlLimits.timeoutMs),
    etagPublicGetResponses(),
    requireJsonBody(),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const em = hub.db.orm.em.fork();
        return createContext({
          em,
          logger: logger.child({ requestId: res.locals.requestId }),
          requestId: res.locals.requestId as string,
          baseUrl: config.publicUrl ?? originOf(req),
          hub,
          viewer: await new ApiKeysService(em).viewerFor(req.get('authorization')),
        });
      },
    }),
  );
  // Last: the HTML pages end with the site-wide 404 page.
  app.use(createPagesRouter(hub));
  app.use(jsonErrorHandler(logger));
  return { app, apollo };
}

function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** Known errors keep their message and code; anything else is logged and answered without internals. */
function maskError(formatted: GraphQLFormattedError, error: unknown, production: boolean, logger: HubServices['logger']): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const known = code && code !== ErrorCode.INTERNAL_SERVER_ERROR;
  if (known) return formatted;
  logger.error({ err: error }, 'unexpected error while answering a request');
  if (!production) return formatted;
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
