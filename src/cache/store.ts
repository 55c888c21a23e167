import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createClient, RESP_TYPES } from 'redis';
import { redactUrl } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * Bytes under a key where the first value kept wins. Rendered DOCX and XLSX files differ byte for byte between
 * two builds of the same document (timestamps, random part ids), so every instance must serve the first build
 * kept under an ETag, or one strong ETag would name two different files.
 */
export interface FirstWriteCache {
  get(key: string): Promise<Buffer | undefined>;
  /** Keeps `value` unless the key already holds bytes, and returns whichever bytes are kept. */
  keep(key: string, value: Buffer, ttlSeconds: number): Promise<Buffer>;
}

export interface RateLimiterOptions {
  /** Separates the counters of different limits (per address, per key). */
  keyPrefix: string;
  points: number;
  windowSeconds: number;
}

/**
 * Everything one hub process would otherwise keep to itself but several instances behind a load balancer must
 * share: Apollo's cache (automatic persisted queries), rate-limit counters and rendered blueprint files. With
 * REDIS_URL set they live in Redis; without it in this process's memory, so the embedded default needs nothing.
 * A Redis outage degrades to cache misses and per-instance rate counting; it never fails a request.
 */
export interface SharedStores {
  readonly kind: 'memory' | 'redis';
  /** Apollo's key-value cache: persisted query texts by hash, and whatever else Apollo caches. */
  readonly apollo: KeyValueCache<string>;
  /** Rendered blueprint files by ETag. */
  readonly renders: FirstWriteCache;
  rateLimiter(options: RateLimiterOptions): RateLimiterAbstract;
  health(): Promise<{ ok: boolean; detail: string }>;
  close(): Promise<void>;
}

export interface SharedStoreConfig {
  redisUrl?: string;
  /** Prefix of every Redis key, so hubs (or test runs) sharing one Redis never read each other's entries. */
  redisKeyPrefix: string;
}

/** Renders larger than this are rebuilt on demand rather than kept. */
const MAX_KEPT_RENDER_BYTES = 8 * 1024 * 1024;
const MEMORY_RENDER_BYTES = 32 * 1024 * 1024;
/** Attempts at the first connection before start-up gives up (the process manager restarts the instance). */
const STARTUP_CONNECT_ATTEMPTS = 6;

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

export async function createSharedStores(config: SharedStoreConfig, logger: Logger): Promise<SharedStores> {
  return config.redisUrl ? connectRedisStores(config.redisUrl, config.redisKeyPrefix, logger) : memoryStores();
}

function memoryStores(): SharedStores {
  const renders = new LRUCache<string, Buffer>({
    maxSize: MEMORY_RENDER_BYTES,
    maxEntrySize: MAX_KEPT_RENDER_BYTES,
    sizeCalculation: (bytes) => bytes.byteLength,
  });
  return {
    kind: 'memory',
    apollo: new InMemoryLRUCache<string>(),
    renders: {
      get: async (key) => renders.get(key),
      keep: async (key, value, ttlSeconds) => {
        const kept = renders.get(key);
        if (kept) return kept;
        renders.set(key, value, { ttl: ttlSeconds * 1000 });
        return value;
      },
    },
    rateLimiter: ({ keyPrefix, points, windowSeconds }) => new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds }),
    health: async () => ({ ok: true, detail: 'in-process memory' }),
    close: async () => {},
  };
}

async function connectRedisStores(redisUrl: string, keyPrefix: string, logger: Logger): Promise<SharedStores> {
  let connectedOnce = false;
  let healthy = false;
  const client = createClient({
    url: redisUrl,
    // While Redis is away, commands fail at once (and callers fall back) instead of queueing behind a reconnect.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 3000,
      reconnectStrategy: (retries, cause) => {
        if (!connectedOnce && retries >= STARTUP_CONNECT_ATTEMPTS) return cause;
        return Math.min(100 * 2 ** retries, 5000);
      },
    },
  });
  client.on('error', (error: Error) => {
    if (healthy) logger.warn({ err: error }, 'Redis connection lost: shared caches miss and rate limits count per instance until it returns');
    healthy = false;
  });
  client.on('ready', () => {
    if (connectedOnce && !healthy) logger.info('Redis connection restored');
    connectedOnce = true;
    healthy = true;
  });
  try {
    await client.connect();
  } catch (error) {
    throw new StoreUnavailableError(`Cannot connect to Redis at ${redactUrl(redisUrl)} (REDIS_URL): ${(error as Error).message}`, { cause: error });
  }

  const apolloKeyv = new Keyv<string>({ store: new KeyvRedis(client), namespace: `${keyPrefix}apollo`, useKeyPrefix: false });
  // Keyv reports store failures as events and answers a miss; one log line per outage comes from the client.
  apolloKeyv.on('error', (error: unknown) => logger.debug({ err: error }, 'Apollo cache could not reach Redis'));
  // The adapter's typings name keyv's CommonJS declarations and ours its ES module ones: one class, two names.
  const apolloCache = new KeyvAdapter(apolloKeyv as unknown as ConstructorParameters<typeof KeyvAdapter<string>>[0]);
  // Keyv's Redis store reopens a closed client on its next use; after close() a late request must not.
  let closed = false;
  const binary = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  const renderKey = (key: string) => `${keyPrefix}render:${key}`;

  return {
    kind: 'redis',
    apollo: {
      get: async (key) => (closed ? undefined : apolloCache.get(key)),
      set: async (key, value, options) => {
        if (!closed) await apolloCache.set(key, value, options);
      },
      delete: async (key) => !closed && apolloCache.delete(key),
    },
    renders: {
      get: async (key) => {
        try {
          return (await binary.get(renderKey(key))) ?? undefined;
        } catch (error) {
          logger.debug({ err: error }, 'render cache read failed');
          return undefined;
        }
      },
      keep: async (key, value, ttlSeconds) => {
        if (value.byteLength > MAX_KEPT_RENDER_BYTES) return value;
        try {
          const stored = await binary.set(renderKey(key), value, { condition: 'NX', expiration: { type: 'EX', value: ttlSeconds } });
          if (stored === 'OK') return value;
          // Another instance kept its build first: serve that one, so the ETag names one file everywhere.
          return (await binary.get(renderKey(key))) ?? value;
        } catch (error) {
          logger.debug({ err: error }, 'render cache write failed');
          return value;
        }
      },
    },
    rateLimiter: ({ keyPrefix: limit, points, windowSeconds }) =>
      new RateLimiterRedis({
        storeClient: client,
        useRedisPackage: true,
        keyPrefix: `${keyPrefix}rate:${limit}`,
        points,
        duration: windowSeconds,
        rejectIfRedisNotReady: true,
        // While Redis is away each instance counts on its own rather than letting every request through.
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: limit, points, duration: windowSeconds }),
      }),
    health: async () => {
      try {
        await client.ping();
        return { ok: true, detail: 'Redis' };
      } catch (error) {
        return { ok: false, detail: `Redis unreachable: ${(error as Error).message}` };
      }
    },
    close: async () => {
      closed = true;
      if (client.isOpen) await client.close();
    },
  };
}
