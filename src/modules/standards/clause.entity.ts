import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { StandardEntity } from './standard.entity.js';

export const OBLIGATIONS = ['SHALL', 'SHOULD', 'MAY'] as const;
export type Obligation = (typeof OBLIGATIONS)[number];
export const PARTIES = ['MANUFACTURER', 'HEALTH_ORGANISATION', 'TOP_MANAGEMENT', 'CSO'] as const;
export type Party = (typeof PARTIES)[number];

/**
 * A numbered clause: a section heading ("2", "2.3") or a requirement ("2.3.1"). Parent and counterpart are
 * plain ids resolved through loaders, because the clause tree is read far more often than it is written.
 */
export const ClauseEntity = defineEntity({
  name: 'Clause',
  tableName: 'clause',
  properties: {
    id: p.integer().primary().autoincrement(),
    standard: p.manyToOne(StandardEntity),
    number: p.string(),
    /** Sortable form of the number ("2.3.10" after "2.3.9"). */
    sortKey: p.string(),
    parentId: p.integer().nullable(),
    counterpartId: p.integer().nullable(),
    title: p.text(),
    summary: p.text(),
    obligation: p.enum([...OBLIGATIONS]).nullable(),
    binds: p.array().default([]),
    contentHash: p.string(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['standard', 'number'] }],
});
export type Clause = InferEntity<typeof ClauseEntity>;

export function clauseSortKey(number: string): string {
  return number.split('.').map((part) => part.padStart(4, '0')).join('.');
}

export function parentNumber(number: string): string | null {
  const cut = number.lastIndexOf('.');
  return cut === -1 ? null : number.slice(0, cut);
}
