import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createSharedStores, StoreUnavailableError, type SharedStores } from '../../src/cache/store.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

const logger = createLogger({ logLevel: 'silent' });
const redisUrl = process.env.REDIS_URL;

describe('in-memory stores (no REDIS_URL)', () => {
  it('keeps the first rendered file under a key and hands it back to later builds', async () => {
    const stores = await createSharedStores({ redisKeyPrefix: 'unused:' }, logger);
    expect(stores.kind).toBe('memory');
    const first = Buffer.from('first build');
    expect(await stores.renders.keep('etag-1', first, 60)).toBe(first);
    expect((await stores.renders.keep('etag-1', Buffer.from('second build'), 60)).toString()).toBe('first build');
    expect((await stores.renders.get('etag-1'))?.toString()).toBe('first build');
    expect(await stores.renders.get('etag-2')).toBeUndefined();
    await stores.close();
  });
});

describe.skipIf(!redisUrl)(redisUrl ? 'Redis stores shared by two instances' : 'Redis stores (skipped: set REDIS_URL to a Redis server)', () => {
  const prefix = `dcs-hub-test:${randomBytes(5).toString('hex')}:`;
  const opened: SharedStores[] = [];
  const open = async () => {
    const stores = await createSharedStores({ redisUrl, redisKeyPrefix: prefix }, logger);
    opened.push(stores);
    return stores;
  };

  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length > 0) await redis.del(keys);
    await redis.close();
  });

  it('shares Apollo cache entries, first-kept renders and rate-limit counters between instances', async () => {
    const [a, b] = [await open(), await open()];
    expect(a.kind).toBe('redis');

    await a.apollo.set('apq:abc', 'query { x }', { ttl: 60 });
    expect(await b.apollo.get('apq:abc')).toBe('query { x }');

    const bytes = Buffer.from([0, 255, 1, 2, 254]);
    expect((await a.renders.keep('etag', bytes, 60)).equals(bytes)).toBe(true);
    expect((await b.renders.keep('etag', Buffer.from('another build'), 60)).equals(bytes)).toBe(true);
    expect((await b.renders.get('etag'))?.equals(bytes)).toBe(true);

    const limitA = a.rateLimiter({ keyPrefix: 'key', points: 3, windowSeconds: 60 });
    const limitB = b.rateLimiter({ keyPrefix: 'key', points: 3, windowSeconds: 60 });
    expect((await limitA.consume('client')).remainingPoints).toBe(2);
    expect((await limitB.consume('client')).remainingPoints).toBe(1);
    expect((await limitA.consume('client')).remainingPoints).toBe(0);
    await expect(limitB.consume('client')).rejects.toMatchObject({ remainingPoints: 0 });
  });

  it('answers misses, never errors, once its connection is closed, and does not reopen it', async () => {
    const stores = await open();
    await stores.apollo.set('apq:gone', 'query { y }', { ttl: 60 });
    await stores.close();
    expect(await stores.apollo.get('apq:gone')).toBeUndefined();
    expect(await stores.renders.get('etag')).toBeUndefined();
    const bytes = Buffer.from('rebuilt');
    expect(await stores.renders.keep('etag-gone', bytes, 60)).toBe(bytes);
    expect((await stores.health()).ok).toBe(false);
  });

  it('refuses to start against a Redis it cannot reach, naming REDIS_URL', async () => {
    const refused = await createSharedStores({ redisUrl: 'redis://127.0.0.1:1', redisKeyPrefix: prefix }, logger).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreUnavailableError);
    expect((refused as Error).message).toMatch(/^Cannot connect to Redis at redis:\/\/127\.0\.0\.1:1 \(REDIS_URL\)/);
  }, 30_000);
});

describe('configuration for several instances', () => {
  it('reads the Redis key prefix and the trusted proxies, and names a bad proxy entry', () => {
    const config = loadConfig({ REDIS_KEY_PREFIX: 'staging:', TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.0.2.7' });
    expect(config.redisKeyPrefix).toBe('staging:');
    expect(config.trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.7']);
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY entry "10.0.0.0\/33"/);
  });
});
