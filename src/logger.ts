import { pino, type DestinationStream, type Logger } from 'pino';
import type { HubConfig } from './config.js';

export type { Logger };

/** Logs to stdout; `destination` redirects the same logger elsewhere (tests read what the hub logged). */
export function createLogger(config: Pick<HubConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'dcs-hub' },
    // Identifiers must never reach logs; these fields are where request bodies could leak them.
    redact: { paths: ['req.headers.authorization', 'variables', 'query'], censor: '[redacted]' },
  }, destination);
}
