import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { KEY_ROLES } from './roles.js';

/**
 * An API key. The secret is never stored: only its sha256, and a short random prefix (also part of the key)
 * to find the row without scanning. A revoked key keeps its row so the audit log can still name it.
 */
export const ApiKeyEntity = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.integer().primary().autoincrement(),
    prefix: p.string().unique(),
    secretHash: p.string(),
    role: p.enum([...KEY_ROLES]),
    name: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
  },
});
export type ApiKey = InferEntity<typeof ApiKeyEntity>;
