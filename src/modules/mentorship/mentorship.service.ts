import { LockMode } from '@mikro-orm/core';
import type { Em } from '../../db/createOrm.js';
import { errors, type FieldProblem } from '../../graphql/errors.js';
import { fromGlobalId } from '../../graphql/node.js';
import { appendAudit } from '../audit/audit.service.js';
import { authorize } from '../auth/policies.js';
import type { KeyViewer, Viewer } from '../auth/viewer.js';
import { CompetencyFrameworkService } from '../competencies/competency-framework.service.js';
import { levelRank, type CompetencyLevel } from '../competencies/competency-levels.js';
import { RegisterCompetencyEntity, RegisterEntryEntity, type RegisterEntry } from '../register/register-entry.entity.js';
import { QUIET, registerActor, registerEntryId, RegisterService, type EntryView } from '../register/register.service.js';
import type { Region } from '../register/register-vocabulary.js';
import { scoreMentor, type MentorScore } from './mentor-matching.js';
import {
  MentorOfferEntity, MentoringRequestEntity, MentorshipPairingEntity, type MentorOffer, type MentoringGap, type MentoringRequest, type MentorshipPairing,
} from './mentorship.entity.js';

export interface OfferInput {
  capacity: number;
  competencies: string[];
  /** Regions the mentor will mentor in; their own region when empty. */
  regions: Region[];
}

export interface RequestInput {
  goals: string;
  gaps: MentoringGap[];
  region: Region;
  icb?: string | null;
}

/** What matching needs: the gaps and where the mentee is. */
export type MatchInput = Omit<RequestInput, 'goals'>;

export interface MentorMatch {
  mentor: EntryView;
  offer: MentorOffer;
  /** The mentor's level in each competency offered. */
  offered: { competency: string; level: CompetencyLevel }[];
  result: MentorScore;
}

export interface MatchOptions {
  /** Only mentors who are in, or offer to mentor in, the mentee's region. */
  regionOnly?: boolean;
  first?: number;
}

export interface MyMentoring {
  offer: MentorOffer | null;
  requests: MentoringRequest[];
  pairings: MentorshipPairing[];
}

const MAX_GAPS = 10;
const MAX_MATCHES = 50;
/** Mentoring a competency needs practitioner level or above in it. */
const MENTOR_MINIMUM: CompetencyLevel = 'PRACTITIONER';

export function mentoringRequestId(id: string, field = 'requestId'): number {
  return typedId(id, 'MentoringRequest', field);
}

export function pairingId(id: string, field = 'id'): number {
  return typedId(id, 'MentorshipPairing', field);
}

function typedId(id: string, type: string, field: string): number {
  const decoded = fromGlobalId(id);
  const numeric = Number(decoded.key);
  if (decoded.type !== type || !Number.isSafeInteger(numeric)) throw errors.badInput(`"${id.slice(0, 64)}" is not a ${type} id`, [{ field, message: `use the id of a ${type}` }]);
  return numeric;
}

/** A pairing's two sides, as policies need them. */
interface PairingParties {
  pairing: MentorshipPairing;
  request: MentoringRequest;
  mentor: RegisterEntry;
  menteeKeyId: number;
  mentorKeyId: number;
}

/**
 * Mentors offer places, mentees ask with goals and gaps, the hub ranks mentors for a request, and a pairing
 * both sides accept takes one of the mentor's places. Every write is one transaction with its audit entry;
 * audit summaries carry counts and statuses, never goals or names.
 */
export class MentorshipService {
  constructor(private readonly em: Em, private readonly viewer: Viewer) {}

  async offer(input: OfferInput): Promise<MentorOffer> {
    const { viewer, entry } = await this.ownEntry();
    authorize(viewer, 'mentoring.offer', entry);
    const problems: FieldProblem[] = [];
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 20) problems.push({ field: 'capacity', message: 'must be a whole number from 1 to 20' });
    const framework = await new CompetencyFrameworkService(this.em).require();
    framework.assertKnown(input.competencies, (i) => `competencies[${i}]`);
    if (input.competencies.length === 0) problems.push({ field: 'competencies', message: 'offer at least one competency' });
    const held = new Map((await this.em.find(RegisterCompetencyEntity, { entryId: entry.id })).map((c) => [c.competency, c.level]));
    input.competencies.forEach((id, i) => {
      if (levelRank(held.get(id)) < levelRank(MENTOR_MINIMUM)) {
        problems.push({ field: `competencies[${i}]`, message: `your register entry must hold "${id}" at ${MENTOR_MINIMUM} level or above to mentor in it` });
      }
    });
    const regions = input.regions.length ? [...new Set(input.regions)] : [entry.region as Region];
    return this.em.transactional(async (em) => {
      const existing = await em.findOne(MentorOfferEntity, { entryId: entry.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (existing && input.capacity < existing.placesTaken) {
        problems.push({ field: 'capacity', message: `you are mentoring ${existing.placesTaken} people now: capacity cannot go below that` });
      }
      if (problems.length) throw errors.badInput(`The mentoring offer has ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems);
      const fields = { capacity: input.capacity, competencies: [...new Set(input.competencies)], regions, active: true };
      const offer = existing ? Object.assign(existing, fields) : em.create(MentorOfferEntity, { entryId: entry.id, placesTaken: 0, ...fields, createdAt: new Date(), updatedAt: new Date() });
      await em.persist(offer).flush();
      await appendAudit(em, registerActor(viewer), {
        action: 'MENTOR_OFFER_SAVED', targetKind: 'REGISTER_ENTRY', targetKey: String(entry.id),
        summary: `capacity ${offer.capacity}, ${offer.competencies.length} competencies, ${offer.regions.length} regions`,
      });
      return offer;
    }, QUIET);
  }

  /** Stops new matches; mentees already paired keep their places. */
  async withdrawOffer(): Promise<MentorOffer> {
    const { viewer, entry } = await this.ownEntry();
    authorize(viewer, 'mentoring.offer', entry);
    return this.em.transactional(async (em) => {
      const offer = await em.findOne(MentorOfferEntity, { entryId: entry.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!offer) throw errors.notFound('Mentoring offer', 'of your register entry');
      offer.active = false;
      await em.flush();
      await appendAudit(em, registerActor(viewer), { action: 'MENTOR_OFFER_WITHDRAWN', targetKind: 'REGISTER_ENTRY', targetKey: String(entry.id), summary: `${offer.placesTaken} pairings continue` });
      return offer;
    }, QUIET);
  }

  async request(input: RequestInput): Promise<MentoringRequest> {
    const { viewer, entry } = await this.ownEntry();
    authorize(viewer, 'mentoring.request', entry);
    const target = await this.checkTarget(input, null);
    return this.em.transactional(async (em) => {
      const request = em.create(MentoringRequestEntity, {
        menteeKeyId: viewer.keyId, menteeEntryId: entry.id, goals: target.goals, gaps: target.gaps, region: target.region, icb: target.icb, status: 'OPEN',
        createdAt: new Date(), updatedAt: new Date(),
      });
      await em.persist(request).flush();
      await appendAudit(em, registerActor(viewer), {
        action: 'MENTORING_REQUESTED', targetKind: 'MENTORING_REQUEST', targetKey: String(request.id), summary: `${request.gaps.length} gaps, region ${request.region}`,
      });
      return request;
    }, QUIET);
  }

  /** Deletes the request and its pairings; a place it held with a mentor is freed. */
  async withdrawRequest(id: string): Promise<void> {
    const viewer = this.viewer;
    const request = await this.findRequest(mentoringRequestId(id, 'id'));
    authorize(viewer, 'mentoring.withdrawRequest', { ownerKeyId: request.menteeKeyId });
    await this.em.transactional(async (em) => {
      const active = await em.findOne(MentorshipPairingEntity, { requestId: request.id, status: 'ACTIVE' });
      if (active) await this.releasePlace(em, active.mentorEntryId);
      await em.nativeDelete(MentorshipPairingEntity, { requestId: request.id });
      await em.nativeDelete(MentoringRequestEntity, { id: request.id });
      await appendAudit(em, registerActor(viewer as KeyViewer), { action: 'MENTORING_REQUEST_WITHDRAWN', targetKind: 'MENTORING_REQUEST', targetKey: String(request.id), summary: 'request and its pairings deleted' });
    }, QUIET);
  }

  /** A request as the caller may see it: the mentee, an admin, or a mentor it was proposed to. */
  async readRequest(id: string): Promise<MentoringRequest> {
    const request = await this.findRequest(mentoringRequestId(id, 'id'));
    const pairings = await this.em.find(MentorshipPairingEntity, { requestId: request.id });
    const mentors = pairings.length ? await this.em.find(RegisterEntryEntity, { id: { $in: pairings.map((p) => p.mentorEntryId) } }) : [];
    authorize(this.viewer, 'mentoring.readRequest', { ownerKeyId: request.menteeKeyId, proposedMentorKeyIds: mentors.map((m) => m.ownerKeyId) });
    return request;
  }

  /**
   * Mentors for a stored request (the mentee or an admin) or for goals given inline (any key), best first, each
   * with its score explained. Only verified mentors with an active offer and a place free are considered.
   */
  async matches(source: { requestId: string } | { input: MatchInput }, options: MatchOptions = {}): Promise<MentorMatch[]> {
    const viewer = this.viewer;
    authorize(viewer, 'mentoring.match');
    let target: { gaps: MentoringGap[]; region: Region; icb: string | null };
    let excludeEntryIds: number[] = [];
    if ('requestId' in source) {
      const request = await this.findRequest(mentoringRequestId(source.requestId));
      authorize(viewer, 'mentoring.matchRequest', { ownerKeyId: request.menteeKeyId });
      target = { gaps: request.gaps, region: request.region as Region, icb: request.icb ?? null };
      const pairings = await this.em.find(MentorshipPairingEntity, { requestId: request.id, status: { $in: ['PROPOSED', 'ACTIVE'] } });
      excludeEntryIds = [request.menteeEntryId, ...pairings.map((p) => p.mentorEntryId)];
    } else {
      target = await this.checkTarget(source.input, 'input');
    }
    const own = await this.em.findOne(RegisterEntryEntity, { ownerKeyId: viewer.keyId });
    if (own) excludeEntryIds.push(own.id);

    const framework = await new CompetencyFrameworkService(this.em).require();
    const offers = await this.em.find(MentorOfferEntity, { active: true, competencies: { $overlap: target.gaps.map((g) => g.competency) }, entryId: { $nin: excludeEntryIds } });
    const entries = offers.length ? await this.em.find(RegisterEntryEntity, { id: { $in: offers.map((o) => o.entryId) }, verified: true }) : [];
    const held = entries.length ? await this.em.find(RegisterCompetencyEntity, { entryId: { $in: entries.map((e) => e.id) } }) : [];
    const views = new Map((await new RegisterService(this.em, viewer).views(entries)).map((v) => [v.entry.id, v]));
    const describe = {
      competency: (id: string) => framework.find(id)?.competency.title.toLowerCase() ?? id,
      region: (region: Region) => region.toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()),
    };

    const matches: MentorMatch[] = [];
    for (const offer of offers) {
      const view = views.get(offer.entryId);
      if (!view) continue;
      const levels = new Map(held.filter((c) => c.entryId === offer.entryId && offer.competencies.includes(c.competency)).map((c) => [c.competency, c.level]));
      const result = scoreMentor({
        region: view.visible.has('REGION') ? (view.entry.region as Region) : null,
        icb: view.visible.has('ICB') ? view.entry.icb ?? null : null,
        offered: levels,
        offerRegions: offer.regions as Region[],
        capacity: offer.capacity,
        placesTaken: offer.placesTaken,
      }, target, describe);
      if (!result) continue;
      if (options.regionOnly && result.components.find((c) => c.name === 'REGION')!.points === 0) continue;
      matches.push({ mentor: view, offer, offered: [...levels].map(([competency, level]) => ({ competency, level })), result });
    }
    const fitOf = (m: MentorMatch) => m.result.components.find((c) => c.name === 'COMPETENCY_FIT')!.points;
    matches.sort((a, b) => b.result.score - a.result.score || fitOf(b) - fitOf(a) || a.mentor.entry.id - b.mentor.entry.id);
    return matches.slice(0, Math.min(options.first ?? 10, MAX_MATCHES));
  }

  /** The mentee (or an admin on their behalf) proposes a mentor; the mentee's proposal counts as their acceptance. */
  async propose(requestId: string, mentorEntryId: string): Promise<MentorshipPairing> {
    const viewer = this.viewer;
    const request = await this.findRequest(mentoringRequestId(requestId));
    authorize(viewer, 'mentoring.propose', { ownerKeyId: request.menteeKeyId });
    const mentorId = registerEntryId(mentorEntryId, 'mentorEntryId');
    return this.em.transactional(async (em) => {
      const mentor = await em.findOne(RegisterEntryEntity, { id: mentorId });
      const offer = await em.findOne(MentorOfferEntity, { entryId: mentorId });
      if (!mentor || !mentor.verified || !offer?.active) throw errors.notFound('Mentor with an open offer', mentorEntryId);
      if (mentor.id === request.menteeEntryId) throw errors.badInput('A CSO cannot mentor themselves', [{ field: 'mentorEntryId', message: 'is the mentee\'s own entry' }]);
      if (request.status !== 'OPEN') throw errors.conflict(`The request is ${request.status}: only an open request can be paired`);
      if (offer.placesTaken >= offer.capacity) throw errors.conflict('The mentor has no mentoring places free');
      if (await em.findOne(MentorshipPairingEntity, { requestId: request.id, mentorEntryId: mentorId })) throw errors.conflict('This mentor has already been proposed for this request');
      const byMentee = (viewer as KeyViewer).keyId === request.menteeKeyId;
      const pairing = em.create(MentorshipPairingEntity, {
        requestId: request.id, mentorEntryId: mentorId, status: 'PROPOSED', mentorAcceptedAt: null, menteeAcceptedAt: byMentee ? new Date() : null,
        createdAt: new Date(), updatedAt: new Date(),
      });
      await em.persist(pairing).flush();
      await appendAudit(em, registerActor(viewer as KeyViewer), {
        action: 'PAIRING_PROPOSED', targetKind: 'MENTORSHIP_PAIRING', targetKey: String(pairing.id),
        summary: `request ${request.id} with mentor entry ${mentorId}, proposed by ${byMentee ? 'the mentee' : 'an admin'}`,
      });
      return pairing;
    }, QUIET);
  }

  /**
   * Records one side's acceptance. When both sides have accepted the pairing becomes ACTIVE and takes one of the
   * mentor's places, under a lock on the offer so two acceptances can never overfill it.
   */
  async accept(id: string): Promise<MentorshipPairing> {
    const viewer = this.viewer;
    const parties = await this.parties(pairingId(id));
    authorize(viewer, 'mentoring.accept', parties);
    return this.em.transactional(async (em) => {
      const pairing = await em.findOneOrFail(MentorshipPairingEntity, { id: parties.pairing.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (pairing.status !== 'PROPOSED') throw errors.conflict(`The pairing is ${pairing.status}: only a proposed pairing can be accepted`);
      const side = (viewer as KeyViewer).keyId === parties.mentorKeyId ? 'mentor' : 'mentee';
      if (side === 'mentor') pairing.mentorAcceptedAt ??= new Date();
      else pairing.menteeAcceptedAt ??= new Date();
      let summary = `accepted by the ${side}`;
      if (pairing.mentorAcceptedAt && pairing.menteeAcceptedAt) {
        const offer = await em.findOne(MentorOfferEntity, { entryId: pairing.mentorEntryId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!offer?.active) throw errors.conflict('The mentor has withdrawn their mentoring offer');
        if (offer.placesTaken >= offer.capacity) throw errors.conflict('The mentor has no mentoring places free');
        const request = await em.findOneOrFail(MentoringRequestEntity, { id: pairing.requestId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (request.status !== 'OPEN') throw errors.conflict(`The request is ${request.status}: it already has a mentor or was closed`);
        offer.placesTaken += 1;
        pairing.status = 'ACTIVE';
        request.status = 'PAIRED';
        await em.nativeUpdate(MentorshipPairingEntity, { requestId: request.id, status: 'PROPOSED', id: { $ne: pairing.id } }, { status: 'DECLINED', updatedAt: new Date() });
        summary = `accepted by both sides; active, mentor has ${offer.capacity - offer.placesTaken} of ${offer.capacity} places left`;
      }
      await em.flush();
      await appendAudit(em, registerActor(viewer as KeyViewer), { action: pairing.status === 'ACTIVE' ? 'PAIRING_ACTIVATED' : 'PAIRING_ACCEPTED', targetKind: 'MENTORSHIP_PAIRING', targetKey: String(pairing.id), summary });
      return pairing;
    }, QUIET);
  }

  /** Declines a proposed pairing, or ends an active one (freeing the mentor's place and closing the request). */
  async close(id: string): Promise<MentorshipPairing> {
    const viewer = this.viewer;
    const parties = await this.parties(pairingId(id));
    authorize(viewer, 'mentoring.close', parties);
    return this.em.transactional(async (em) => {
      const pairing = await em.findOneOrFail(MentorshipPairingEntity, { id: parties.pairing.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (pairing.status === 'DECLINED' || pairing.status === 'ENDED') throw errors.conflict(`The pairing is already ${pairing.status}`);
      const wasActive = pairing.status === 'ACTIVE';
      pairing.status = wasActive ? 'ENDED' : 'DECLINED';
      if (wasActive) {
        await this.releasePlace(em, pairing.mentorEntryId);
        await em.nativeUpdate(MentoringRequestEntity, { id: pairing.requestId }, { status: 'CLOSED', updatedAt: new Date() });
      }
      await em.flush();
      await appendAudit(em, registerActor(viewer as KeyViewer), { action: 'PAIRING_CLOSED', targetKind: 'MENTORSHIP_PAIRING', targetKey: String(pairing.id), summary: wasActive ? 'ended; place freed' : 'declined' });
      return pairing;
    }, QUIET);
  }

  async pairing(id: string): Promise<MentorshipPairing> {
    const parties = await this.parties(pairingId(id));
    authorize(this.viewer, 'mentoring.readPairing', parties);
    return parties.pairing;
  }

  /** The caller's offer, requests and pairings either side; empty for a key without a register entry. */
  async mine(): Promise<MyMentoring> {
    const viewer = this.viewer;
    if (!viewer.authenticated) throw errors.unauthenticated();
    const entry = await this.em.findOne(RegisterEntryEntity, { ownerKeyId: viewer.keyId });
    if (!entry) return { offer: null, requests: [], pairings: [] };
    const requests = await this.em.find(MentoringRequestEntity, { menteeEntryId: entry.id }, { orderBy: { id: 'asc' } });
    const pairings = await this.em.find(MentorshipPairingEntity, { $or: [{ mentorEntryId: entry.id }, ...(requests.length ? [{ requestId: { $in: requests.map((r) => r.id) } }] : [])] }, { orderBy: { id: 'asc' } });
    return { offer: await this.em.findOne(MentorOfferEntity, { entryId: entry.id }), requests, pairings };
  }

  private async releasePlace(em: Em, mentorEntryId: number): Promise<void> {
    const offer = await em.findOne(MentorOfferEntity, { entryId: mentorEntryId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (offer && offer.placesTaken > 0) offer.placesTaken -= 1;
  }

  private async ownEntry(): Promise<{ viewer: KeyViewer; entry: RegisterEntry }> {
    const viewer = this.viewer;
    if (!viewer.authenticated) throw errors.unauthenticated();
    const entry = await this.em.findOne(RegisterEntryEntity, { ownerKeyId: viewer.keyId });
    if (!entry) throw errors.notFound('Register entry', 'for your API key: create one with createRegisterEntry first');
    return { viewer, entry };
  }

  private async findRequest(id: number): Promise<MentoringRequest> {
    if (!this.viewer.authenticated) throw errors.unauthenticated();
    const request = await this.em.findOne(MentoringRequestEntity, { id });
    if (!request) throw errors.notFound('Mentoring request', String(id));
    return request;
  }

  private async parties(id: number): Promise<PairingParties> {
    if (!this.viewer.authenticated) throw errors.unauthenticated();
    const pairing = await this.em.findOne(MentorshipPairingEntity, { id });
    if (!pairing) throw errors.notFound('Mentorship pairing', String(id));
    const request = await this.em.findOneOrFail(MentoringRequestEntity, { id: pairing.requestId });
    const mentor = await this.em.findOneOrFail(RegisterEntryEntity, { id: pairing.mentorEntryId });
    return { pairing, request, mentor, menteeKeyId: request.menteeKeyId, mentorKeyId: mentor.ownerKeyId };
  }

  /** `at` is the argument holding the request (`input` for mentorMatches), or null when its fields are arguments themselves. */
  private async checkTarget<I extends MatchInput & { goals?: string }>(input: I, at: string | null): Promise<{ goals: string; gaps: MentoringGap[]; region: Region; icb: string | null }> {
    const problems: FieldProblem[] = [];
    const path = (field: string) => (at ? `${at}.${field}` : field);
    const goals = input.goals?.trim() ?? '';
    if (input.goals !== undefined && (goals.length < 10 || goals.length > 2000)) problems.push({ field: path('goals'), message: 'say what you want from mentoring in 10 to 2000 characters' });
    if (input.gaps.length === 0 || input.gaps.length > MAX_GAPS) problems.push({ field: path('gaps'), message: `list 1 to ${MAX_GAPS} competency gaps` });
    const icb = input.icb?.trim().replace(/\s+/g, ' ') || null;
    if (icb && icb.length > 120) problems.push({ field: path('icb'), message: 'must be at most 120 characters' });
    const framework = await new CompetencyFrameworkService(this.em).require();
    framework.assertKnown(input.gaps.map((g) => g.competency), (i) => path(`gaps[${i}].competency`));
    if (problems.length) throw errors.badInput(`The mentoring request has ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems);
    return { goals, gaps: input.gaps.map((g) => ({ competency: g.competency, targetLevel: g.targetLevel })), region: input.region, icb };
  }
}
