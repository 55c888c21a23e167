import { can } from '../auth/policies.js';
import type { Viewer } from '../auth/viewer.js';
import { REGISTER_FIELDS, type RegisterField } from './register-vocabulary.js';

/**
 * How a caller stands to an entry. FULL: the registrant or an admin. PARTNER: the other side of a mentoring
 * pairing, who also sees the name. PUBLIC: everyone else, who sees only the fields the registrant made public,
 * and only once an admin has verified the entry.
 */
export type Relation = 'FULL' | 'PARTNER' | 'PUBLIC';

export interface VisibleEntry {
  ownerKeyId: number;
  verified: boolean;
  publicFields: string[];
}

export function relationTo(viewer: Viewer, entry: VisibleEntry, partnerKeyIds: ReadonlySet<number> = new Set()): Relation {
  if (can(viewer, 'register.readPrivate', entry)) return 'FULL';
  if (viewer.authenticated && partnerKeyIds.has(viewer.keyId)) return 'PARTNER';
  return 'PUBLIC';
}

/** The fields this relation sees; null when the entry is not visible to it at all. */
export function visibleFields(entry: VisibleEntry, relation: Relation): Set<RegisterField> | null {
  if (relation === 'FULL') return new Set(REGISTER_FIELDS);
  const published = REGISTER_FIELDS.filter((f) => entry.publicFields.includes(f));
  if (relation === 'PARTNER') return new Set<RegisterField>(['NAME', ...published]);
  return entry.verified ? new Set(published) : null;
}
