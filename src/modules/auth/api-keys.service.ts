import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Em } from '../../db/createOrm.js';
import { ErrorCode, errors, HubError } from '../../graphql/errors.js';
import { contentHash } from '../audit/audit-chain.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { ApiKeyEntity, type ApiKey } from './api-key.entity.js';
import type { KeyRole } from './roles.js';
import { ANONYMOUS, type Viewer } from './viewer.js';

/** `dcs_<prefix>_<secret>`: the prefix finds the row, the secret (256 random bits) proves possession. */
const KEY_PATTERN = /^dcs_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * A plain sha256 is the right hash here: the secret is 256 random bits, so there is nothing for a slow hash
 * (scrypt, bcrypt) to protect against, and a fast one keeps checking the key on every request cheap.
 */
function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What the audit log records about a key: never the secret or its hash. */
function keyState(key: ApiKey): string {
  return contentHash({ id: key.id, prefix: key.prefix, role: key.role, name: key.name, revokedAt: key.revokedAt?.toISOString() ?? null });
}

/** A bad key fails the whole request with HTTP 401, before any resolver runs: nothing is answered on a bad key. */
function rejectedKey(message: string): HubError {
  return new HubError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } });
}

export class ApiKeysService {
  constructor(private readonly em: Em) {}

  /** Creates a key and returns its only plain-text copy; the database keeps just the hash. */
  async create(actor: AuditActor, input: { role: KeyRole; name: string }): Promise<{ key: string; record: ApiKey }> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw errors.badInput('A key needs a name of 1 to 200 characters', [{ field: 'name', message: 'must be 1 to 200 characters' }]);
    return this.em.transactional(async (em) => {
      const prefix = randomBytes(6).toString('hex');
      const key = `dcs_${prefix}_${randomBytes(32).toString('base64url')}`;
      const record = em.create(ApiKeyEntity, { prefix, secretHash: hashKey(key), role: input.role, name, createdAt: new Date(), revokedAt: null });
      await em.persist(record).flush();
      await appendAudit(em, actor, { action: 'API_KEY_CREATED', targetKind: 'API_KEY', targetKey: prefix, afterHash: keyState(record), summary: `${input.role} key "${name}"` });
      return { key, record };
    });
  }

  list(): Promise<ApiKey[]> {
    return this.em.find(ApiKeyEntity, {}, { orderBy: { id: 'asc' } });
  }

  /** Revokes by prefix (as `keys list` shows it) or by the whole key. Takes effect on the next request. */
  async revoke(actor: AuditActor, prefixOrKey: string): Promise<ApiKey> {
    const prefix = KEY_PATTERN.exec(prefixOrKey)?.[1] ?? prefixOrKey.replace(/^dcs_/, '');
    return this.em.transactional(async (em) => {
      const record = await em.findOne(ApiKeyEntity, { prefix });
      if (!record) throw errors.notFound('API key', prefixOrKey.slice(0, 20));
      if (record.revokedAt) return record;
      const before = keyState(record);
      record.revokedAt = new Date();
      await em.flush();
      await appendAudit(em, actor, { action: 'API_KEY_REVOKED', targetKind: 'API_KEY', targetKey: prefix, beforeHash: before, afterHash: keyState(record), summary: `${record.role} key "${record.name}"` });
      return record;
    });
  }

  /**
   * Resolves an `Authorization` header to the caller. No header is an anonymous reader; anything else must be
   * a live key. Checked against the database on every request, so a revocation applies at once.
   */
  async viewerFor(authorization: string | undefined): Promise<Viewer> {
    if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw rejectedKey('The Authorization header must be "Bearer <API key>"');
    const key = match[1];
    const parts = KEY_PATTERN.exec(key);
    const record = parts ? await this.em.findOne(ApiKeyEntity, { prefix: parts[1] }) : null;
    const expected = Buffer.from(record?.secretHash ?? '0'.repeat(64), 'hex');
    const matches = timingSafeEqual(Buffer.from(hashKey(key), 'hex'), expected) && record !== null;
    if (!matches) throw rejectedKey('The API key is not valid');
    if (record.revokedAt) throw rejectedKey('The API key has been revoked');
    return { authenticated: true, role: record.role, keyId: record.id, name: record.name };
  }
}
