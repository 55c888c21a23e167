/**
 * Who a request acts as. ANONYMOUS is every request without a key: it reads published content and nothing
 * else. The key roles are ordered: each one may do everything the one before it may.
 */
export const KEY_ROLES = ['CONTRIBUTOR', 'EDITOR', 'ADMIN'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];
export type Role = 'ANONYMOUS' | KeyRole;

export function isKeyRole(value: string): value is KeyRole {
  return (KEY_ROLES as readonly string[]).includes(value);
}

/** True when `role` ranks at or above `minimum` (ADMIN > EDITOR > CONTRIBUTOR). */
export function hasRank(role: KeyRole, minimum: KeyRole): boolean {
  return KEY_ROLES.indexOf(role) >= KEY_ROLES.indexOf(minimum);
}
