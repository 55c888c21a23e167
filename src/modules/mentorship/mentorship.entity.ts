import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CompetencyLevel } from '../competencies/competency-levels.js';
import { REGIONS } from '../register/register-vocabulary.js';

/** A registrant's offer to mentor: one per register entry, deleted with it. */
export const MentorOfferEntity = defineEntity({
  name: 'MentorOffer',
  tableName: 'mentor_offer',
  properties: {
    entryId: p.integer().primary(),
    capacity: p.integer(),
    /** Mentees currently paired: raised when a pairing becomes active, lowered when one ends. */
    placesTaken: p.integer().default(0),
    /** Competency ids offered; the level in each comes from the register entry. */
    competencies: p.array().default([]),
    regions: p.array().default([]),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type MentorOffer = InferEntity<typeof MentorOfferEntity>;

export interface MentoringGap {
  competency: string;
  targetLevel: CompetencyLevel;
}

export const REQUEST_STATUSES = ['OPEN', 'PAIRED', 'CLOSED'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A CSO asking for a mentor, with their goals and gaps. Deleted when withdrawn or when its owner's entry is erased. */
export const MentoringRequestEntity = defineEntity({
  name: 'MentoringRequest',
  tableName: 'mentoring_request',
  properties: {
    id: p.integer().primary().autoincrement(),
    menteeKeyId: p.integer(),
    menteeEntryId: p.integer(),
    goals: p.text(),
    gaps: p.json<MentoringGap[]>(),
    region: p.enum([...REGIONS]),
    icb: p.string().nullable(),
    status: p.enum([...REQUEST_STATUSES]),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type MentoringRequest = InferEntity<typeof MentoringRequestEntity>;

/** PROPOSED until both sides accept; ACTIVE counts against the mentor's capacity; DECLINED and ENDED are final. */
export const PAIRING_STATUSES = ['PROPOSED', 'ACTIVE', 'DECLINED', 'ENDED'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];

export const MentorshipPairingEntity = defineEntity({
  name: 'MentorshipPairing',
  tableName: 'mentorship_pairing',
  properties: {
    id: p.integer().primary().autoincrement(),
    requestId: p.integer(),
    mentorEntryId: p.integer(),
    status: p.enum([...PAIRING_STATUSES]),
    mentorAcceptedAt: p.datetime().nullable(),
    menteeAcceptedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type MentorshipPairing = InferEntity<typeof MentorshipPairingEntity>;
