import { isIP } from 'node:net';

/**
 * Configuration comes only from environment variables and is validated once at start-up, so a bad value
 * stops the process with a message that names the variable instead of failing later somewhere obscure.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export interface HubConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; absent means the embedded PGlite database. */
  databaseUrl?: string;
  /** PGlite data directory, or `memory://` for a throw-away database. */
  dataDir: string;
  meiliHost?: string;
  meiliApiKey?: string;
  meiliIndexPrefix: string;
  /** Allowed CORS origins; `undefined` means any origin (the read API is public and cookie-less). */
  corsOrigins?: string[];
  logLevel: LogLevel;
  nodeEnv: NodeEnv;
  contentDir: string;
  /** Public base URL used in canonical links; defaults to the request's own origin. */
  publicUrl?: string;
  redisUrl?: string;
  /** Prefix of every key the hub writes to Redis, so deployments (or test runs) sharing one Redis stay apart. */
  redisKeyPrefix: string;
  /** Per-operation limits of the public GraphQL API (src/graphql/limits.ts). */
  graphqlLimits: GraphqlLimits;
  /** Schema introspection; off by default in production. */
  introspection: boolean;
  /** "Did you mean ...?" in validation errors; off by default in production, where they map the schema. */
  fieldSuggestions: boolean;
  rateLimit: RateLimitConfig;
  /** Search answers kept per process (0 = none); an entry is used only while the content it came from is current. */
  searchCacheEntries: number;
  /** Megabytes of whole anonymous GraphQL answers kept per process (0 = off). */
  responseCacheMb: number;
  /** Bearer token that /metrics requires; absent means /metrics is open (keep it off the public proxy). */
  metricsToken?: string;
  /**
   * Proxies whose X-Forwarded-For the hub believes (Express `trust proxy`): addresses, CIDR ranges or loopback,
   * linklocal, uniquelocal. Behind a load balancer this must name it, or every client shares its address.
   */
  trustProxy: string[];
}

export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  timeoutMs: number;
}

export interface RateLimitConfig {
  windowSeconds: number;
  /** Requests per window from one client address without an API key; 0 turns the limit off. */
  perAddress: number;
  /** Requests per window for one API key; 0 turns the limit off. */
  perKey: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): HubConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const port = parsePort(read('PORT') ?? '4000', 'PORT', problems);
  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql:// (got "${redactUrl(databaseUrl)}")`);
  }
  const dataDir = read('DATA_DIR') ?? './data';
  const meiliHost = read('MEILI_HOST');
  if (meiliHost && !isHttpUrl(meiliHost)) problems.push(`MEILI_HOST must be an http(s) URL (got "${meiliHost}")`);
  const corsRaw = read('CORS_ORIGINS');
  let corsOrigins: string[] | undefined;
  if (corsRaw && corsRaw !== '*') {
    corsOrigins = corsRaw.split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of corsOrigins) {
      if (!isHttpUrl(origin)) problems.push(`CORS_ORIGINS entry "${origin}" is not an http(s) origin such as https://intranet.example.nhs.uk`);
    }
  }
  const nodeEnv = (read('NODE_ENV') ?? 'development') as NodeEnv;
  if (!NODE_ENVS.includes(nodeEnv)) problems.push(`NODE_ENV must be one of ${NODE_ENVS.join(', ')} (got "${nodeEnv}")`);
  const logLevel = (read('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const publicUrl = read('PUBLIC_URL');
  if (publicUrl && !isHttpUrl(publicUrl)) problems.push(`PUBLIC_URL must be an http(s) URL (got "${publicUrl}")`);
  const redisUrl = read('REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push(`REDIS_URL must start with redis:// or rediss://`);
  const trustProxy = (read('TRUST_PROXY') ?? 'loopback').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of trustProxy) {
    if (!isProxyAddress(entry)) problems.push(`TRUST_PROXY entry "${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`);
  }

  const production = nodeEnv === 'production';
  const count = (name: string, fallback: number, min: number) => parseWhole(read(name), name, fallback, min, problems);
  const graphqlLimits: GraphqlLimits = {
    maxDepth: count('GRAPHQL_MAX_DEPTH', 12, 1),
    maxAliases: count('GRAPHQL_MAX_ALIASES', 30, 0),
    maxDirectives: count('GRAPHQL_MAX_DIRECTIVES', 50, 0),
    maxTokens: count('GRAPHQL_MAX_TOKENS', 5000, 1),
    maxCost: count('GRAPHQL_MAX_COST', 20000, 1),
    timeoutMs: count('GRAPHQL_TIMEOUT_MS', 10000, 1),
  };
  const introspection = parseBoolean(read('GRAPHQL_INTROSPECTION'), 'GRAPHQL_INTROSPECTION', !production, problems);
  const fieldSuggestions = parseBoolean(read('GRAPHQL_FIELD_SUGGESTIONS'), 'GRAPHQL_FIELD_SUGGESTIONS', !production, problems);
  const rateLimit: RateLimitConfig = {
    windowSeconds: count('RATE_LIMIT_WINDOW_SECONDS', 60, 1),
    perAddress: count('RATE_LIMIT_PER_ADDRESS', 600, 0),
    perKey: count('RATE_LIMIT_PER_KEY', 3000, 0),
  };

  const searchCacheEntries = count('SEARCH_CACHE_ENTRIES', 1000, 0);
  const responseCacheMb = count('RESPONSE_CACHE_MB', 32, 0);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: read('HOST') ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    meiliHost,
    meiliApiKey: read('MEILI_API_KEY'),
    meiliIndexPrefix: read('MEILI_INDEX_PREFIX') ?? 'dcs_hub',
    corsOrigins,
    logLevel,
    nodeEnv,
    contentDir: read('CONTENT_DIR') ?? 'content',
    publicUrl: publicUrl?.replace(/\/$/, ''),
    redisUrl,
    redisKeyPrefix: read('REDIS_KEY_PREFIX') ?? 'dcs-hub:',
    graphqlLimits,
    introspection,
    fieldSuggestions,
    rateLimit,
    searchCacheEntries,
    responseCacheMb,
    metricsToken: read('METRICS_TOKEN'),
    trustProxy,
  };
}

function parseWhole(raw: string | undefined, name: string, fallback: number, min: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
    problems.push(`${name} must be a whole number of at least ${min} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function parseBoolean(raw: string | undefined, name: string, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function parsePort(raw: string, name: string, problems: string[]): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} must be a whole number from 0 to 65535 (got "${raw}")`);
    return 0;
  }
  return port;
}

function isProxyAddress(value: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [address, bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Connection strings may hold passwords: never echo them back whole. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
