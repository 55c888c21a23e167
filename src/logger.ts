import { pino, type Logger } from 'pino';
import type { HubConfig } from './config.js';

export type { Logger };

export function createLogger(config: Pick<HubConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'dcs-hub' },
    // Identifiers must never reach logs; these fields are where request bodies could leak them.
    redact: { paths: ['req.headers.authorization', 'variables', 'query'], censor: '[redacted]' },
  });
}
