import type { Request, RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config.js';
import { ErrorCode } from '../graphql/errors.js';
import type { Logger } from '../logger.js';
import { recordErrorCode } from './metrics.js';

/** What one request's counting decided. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window of this caller starts again. */
  resetSeconds: number;
}

/**
 * Where request counts live. In memory for one process; several instances behind a load balancer share one
 * store (rate-limiter-flexible's RateLimiterRedis plugs into `fromRateLimiter` unchanged).
 */
export interface RateLimitStore {
  consume(key: string): Promise<RateLimitDecision>;
}

export function fromRateLimiter(limiter: RateLimiterAbstract): RateLimitStore {
  const decision = (res: RateLimiterRes, allowed: boolean): RateLimitDecision => ({
    allowed,
    limit: limiter.points,
    remaining: Math.max(0, res.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  });
  return {
    async consume(key) {
      try {
        return decision(await limiter.consume(key), true);
      } catch (rejection) {
        // The library rejects with a RateLimiterRes when the points are used up, with an Error when its store fails.
        if (rejection instanceof RateLimiterRes) return decision(rejection, false);
        throw rejection;
      }
    },
  };
}

export function memoryRateLimitStore(points: number, windowSeconds: number, keyPrefix: string): RateLimitStore {
  return fromRateLimiter(new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix }));
}

/** Who a request is counted against: its API key when it carries a valid one, else its client address. */
export type RateLimitSubject = { kind: 'key'; id: string } | { kind: 'address'; id: string };

/** Resolves an `Authorization` header to the id of a valid API key, or `undefined` (absent or invalid key). */
export type ApiKeyIdResolver = (authorization: string) => Promise<string | undefined>;

/**
 * The one place that decides who a request is. A key must verify before it buys a budget of its own: otherwise
 * made-up keys would each get a fresh one. The address is Express's `req.ip`, which honours X-Forwarded-For
 * only from the trusted proxy (`trust proxy` in app.ts).
 */
export async function rateLimitSubject(req: Request, resolveKeyId?: ApiKeyIdResolver): Promise<RateLimitSubject> {
  const authorization = req.get('authorization');
  if (authorization && resolveKeyId) {
    const keyId = await resolveKeyId(authorization).catch(() => undefined);
    if (keyId !== undefined) return { kind: 'key', id: keyId };
  }
  return { kind: 'address', id: req.ip ?? req.socket.remoteAddress ?? 'unknown' };
}

export interface RateLimitOptions {
  config: RateLimitConfig;
  /** Without one, every request is counted against its address. */
  resolveKeyId?: ApiKeyIdResolver;
  logger: Logger;
  stores?: { address: RateLimitStore; key: RateLimitStore };
}

/**
 * Counts every request that reaches it (health, readiness and metrics are mounted before it) against its
 * subject; over the limit it answers 429 with `Retry-After` and the RATE_LIMITED code. Every counted answer
 * carries RateLimit-Limit / -Remaining / -Reset so well-behaved clients can pace themselves.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const { config, logger } = options;
  const stores = options.stores ?? {
    address: memoryRateLimitStore(Math.max(1, config.perAddress), config.windowSeconds, 'address'),
    key: memoryRateLimitStore(Math.max(1, config.perKey), config.windowSeconds, 'key'),
  };
  return async (req, res, next) => {
    if (config.perAddress === 0 && config.perKey === 0) return next();
    const subject = await rateLimitSubject(req, options.resolveKeyId);
    if ((subject.kind === 'key' ? config.perKey : config.perAddress) === 0) return next();
    let decision: RateLimitDecision;
    try {
      decision = await stores[subject.kind].consume(subject.id);
    } catch (error) {
      // A broken counter store must not take the API down with it: count nothing and answer.
      logger.warn({ err: error }, 'rate limit store failed; request let through uncounted');
      return next();
    }
    res.setHeader('RateLimit-Limit', String(decision.limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    res.setHeader('RateLimit-Reset', String(decision.resetSeconds));
    if (decision.allowed) return next();
    recordErrorCode(ErrorCode.RATE_LIMITED);
    res.setHeader('Retry-After', String(decision.resetSeconds));
    res.status(429).json({
      errors: [
        {
          message: `Too many requests ${subject.kind === 'key' ? 'for this API key' : 'from this address'}: at most ${decision.limit} every ${config.windowSeconds} s; retry after ${decision.resetSeconds} s`,
          extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: decision.resetSeconds },
        },
      ],
    });
  };
}
