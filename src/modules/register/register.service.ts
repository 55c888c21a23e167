import { createHmac, randomBytes } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FilterQuery } from '@mikro-orm/core';
import type { Em } from '../../db/createOrm.js';
import type { PageWindow } from '../../graphql/connection.js';
import { errors, HubError, type FieldProblem } from '../../graphql/errors.js';
import { fromGlobalId, toGlobalId } from '../../graphql/node.js';
import { appendAudit, type AuditActor } from '../audit/audit.service.js';
import { authorize, can } from '../auth/policies.js';
import type { KeyViewer, Viewer } from '../auth/viewer.js';
import { CompetencyFrameworkService, type Framework } from '../competencies/competency-framework.service.js';
import { levelRank, type CompetencyLevel } from '../competencies/competency-levels.js';
import { MentorOfferEntity, MentoringRequestEntity, MentorshipPairingEntity, type MentorOffer } from '../mentorship/mentorship.entity.js';
import { TrainingResourceEntity } from '../training/training-resource.entity.js';
import { RegisterCompetencyEntity, RegisterEntryEntity, type RegisterCompetency, type RegisterEntry } from './register-entry.entity.js';
import { relationTo, visibleFields, type Relation } from './register-visibility.js';
import {
  normaliseRegistrationNumber, registrationNumberProblem, type OrganisationType, type PractisedStandard, type ProfessionalBody, type Region, type RegisterField,
} from './register-vocabulary.js';

export interface RegisterEntryDetails {
  displayName: string;
  registrationBody: ProfessionalBody;
  registrationNumber: string;
  organisationType: OrganisationType;
  region: Region;
  icb?: string | null;
  standards: PractisedStandard[];
  yearsAsCso: number;
  competencies: { competency: string; level: CompetencyLevel }[];
  trainingCompleted: string[];
  otherTraining: string[];
  publicFields: RegisterField[];
}

export type EntryStatusFilter = 'VERIFIED' | 'UNVERIFIED' | 'ANY';

export interface RegisterSearchFilter {
  region?: Region | null;
  standard?: PractisedStandard | null;
  /** A framework competency id, held at `minimumLevel` or above (FOUNDATION when not given). */
  competency?: string | null;
  minimumLevel?: CompetencyLevel | null;
  organisationType?: OrganisationType | null;
  availableForMentoring?: boolean | null;
  /** VERIFIED unless an admin asks for more. */
  status?: EntryStatusFilter | null;
}

/** An entry with what its presenters need, and which of its fields the caller may see. */
export interface EntryView {
  entry: RegisterEntry;
  competencies: RegisterCompetency[];
  offer: MentorOffer | null;
  relation: Relation;
  visible: Set<RegisterField>;
}

/** Register writes and their audit entries never reach the query log: their parameters are personal data. */
export const QUIET = { loggerContext: { enabled: false } } as const;

const MAX_OTHER_TRAINING = 20;

export function registerEntryId(id: string, field = 'id'): number {
  const { type, key } = fromGlobalId(id);
  const numeric = Number(key);
  if (type !== 'RegisterEntry' || !Number.isSafeInteger(numeric)) throw errors.badInput(`"${id.slice(0, 64)}" is not a register entry id`, [{ field, message: 'use the id of a RegisterEntry' }]);
  return numeric;
}

export function registerEntryGlobalId(id: number): string {
  return toGlobalId('RegisterEntry', id);
}

/**
 * Register actions are audited under the key's number, not its name: a key is often named after its holder, and
 * the audit log outlives an erased entry.
 */
export function registerActor(viewer: KeyViewer): AuditActor {
  return { keyId: viewer.keyId, name: `key #${viewer.keyId}`, role: viewer.role };
}

/**
 * An HMAC of an entry's state under the entry's own salt: the audit log can show that an entry changed, and
 * the registrant can check a state against it, but once the entry is erased the hash says nothing about anyone.
 */
export function entryStateHash(entry: RegisterEntry, competencies: readonly Pick<RegisterCompetency, 'competency' | 'level'>[]): string {
  const state = {
    displayName: entry.displayName, registrationBody: entry.registrationBody, registrationNumber: entry.registrationNumber, organisationType: entry.organisationType,
    region: entry.region, icb: entry.icb ?? null, standards: entry.standards, yearsAsCso: entry.yearsAsCso, trainingCompleted: entry.trainingCompleted,
    otherTraining: entry.otherTraining, publicFields: entry.publicFields, verified: entry.verified,
    competencies: [...competencies].map((c) => [c.competency, c.level]).sort(),
  };
  return createHmac('sha256', entry.auditSalt).update(canonicalize(state) ?? '').digest('hex');
}

/**
 * Driver errors can carry the failing row in their detail, which here is personal data. Anything that is not
 * one of the hub's own errors is replaced by one that names only the constraint.
 */
async function withoutRowDetail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HubError) throw error;
    const constraint = (error as { constraint?: string }).constraint;
    throw new Error(`register write failed${constraint ? ` on ${constraint}` : ''}; the database's detail is withheld because it holds personal data`);
  }
}

export class RegisterService {
  constructor(private readonly em: Em, private readonly viewer: Viewer) {}

  async create(input: RegisterEntryDetails): Promise<EntryView> {
    const viewer = this.viewer;
    authorize(viewer, 'register.create');
    const clean = await this.validate(input);
    return withoutRowDetail(() => this.em.transactional(async (em) => {
      if (await em.findOne(RegisterEntryEntity, { ownerKeyId: viewer.keyId })) {
        throw errors.conflict('This API key already has a register entry: update it with updateRegisterEntry, or see it with myRegisterEntry');
      }
      const entry = em.create(RegisterEntryEntity, {
        ownerKeyId: viewer.keyId, ...clean.fields, verified: false, verifiedAt: null, auditSalt: randomBytes(32).toString('hex'), createdAt: new Date(), updatedAt: new Date(),
      });
      await em.persist(entry).flush();
      const competencies = clean.competencies.map((c) => em.create(RegisterCompetencyEntity, { entryId: entry.id, ...c }));
      await em.flush();
      await appendAudit(em, registerActor(viewer), { action: 'REGISTER_ENTRY_CREATED', targetKind: 'REGISTER_ENTRY', targetKey: String(entry.id), afterHash: entryStateHash(entry, competencies), summary: 'entry created, awaiting verification' });
      return this.view(entry, competencies, null, 'FULL');
    }, QUIET));
  }

  /** Replaces the entry's details. A change to the name or registration needs verifying again. */
  async update(id: string, input: RegisterEntryDetails): Promise<EntryView> {
    const viewer = this.viewer;
    const entryId = registerEntryId(id);
    const found = await this.em.findOne(RegisterEntryEntity, { id: entryId });
    if (!found) throw errors.notFound('Register entry', id);
    authorize(viewer, 'register.update', found);
    const clean = await this.validate(input);
    return withoutRowDetail(() => this.em.transactional(async (em) => {
      const entry = await em.findOneOrFail(RegisterEntryEntity, { id: entryId });
      const before = entryStateHash(entry, await em.find(RegisterCompetencyEntity, { entryId }));
      const identityChanged = entry.displayName !== clean.fields.displayName || entry.registrationBody !== clean.fields.registrationBody
        || entry.registrationNumber !== clean.fields.registrationNumber;
      Object.assign(entry, clean.fields, identityChanged ? { verified: false, verifiedAt: null } : {});
      await em.nativeDelete(RegisterCompetencyEntity, { entryId });
      const competencies = clean.competencies.map((c) => em.create(RegisterCompetencyEntity, { entryId, ...c }));
      await em.flush();
      await appendAudit(em, registerActor(viewer), {
        action: 'REGISTER_ENTRY_UPDATED', targetKind: 'REGISTER_ENTRY', targetKey: String(entryId), beforeHash: before, afterHash: entryStateHash(entry, competencies),
        summary: identityChanged && found.verified ? 'entry updated; name or registration changed, so verification was withdrawn' : 'entry updated',
      });
      return this.view(entry, competencies, await em.findOne(MentorOfferEntity, { entryId }), 'FULL');
    }, QUIET));
  }

  /** An admin's statement that the name and registration were checked against the professional register. */
  async verify(id: string, verified: boolean): Promise<EntryView> {
    const viewer = this.viewer;
    const entryId = registerEntryId(id);
    const found = await this.em.findOne(RegisterEntryEntity, { id: entryId });
    if (!found) throw errors.notFound('Register entry', id);
    authorize(viewer, 'register.verify', found);
    return withoutRowDetail(() => this.em.transactional(async (em) => {
      const entry = await em.findOneOrFail(RegisterEntryEntity, { id: entryId });
      const competencies = await em.find(RegisterCompetencyEntity, { entryId });
      const before = entryStateHash(entry, competencies);
      entry.verified = verified;
      entry.verifiedAt = verified ? new Date() : null;
      await em.flush();
      await appendAudit(em, registerActor(viewer), {
        action: verified ? 'REGISTER_ENTRY_VERIFIED' : 'REGISTER_ENTRY_UNVERIFIED', targetKind: 'REGISTER_ENTRY', targetKey: String(entryId), beforeHash: before,
        afterHash: entryStateHash(entry, competencies), summary: verified ? 'registration checked; entry public' : 'verification withdrawn; entry hidden',
      });
      return this.view(entry, competencies, await em.findOne(MentorOfferEntity, { entryId }), 'FULL');
    }, QUIET));
  }

  /**
   * Deletes the entry and everything hanging off it: competencies, mentoring offer, the registrant's mentoring
   * requests and every pairing either side of them. Places a departing mentee held with other mentors are freed.
   * What remains is one audit entry that names the entry's number and nothing else.
   */
  async erase(id: string): Promise<{ erasedAt: Date; auditSequence: number }> {
    const viewer = this.viewer;
    const entryId = registerEntryId(id);
    const found = await this.em.findOne(RegisterEntryEntity, { id: entryId });
    if (!found) throw errors.notFound('Register entry', id);
    authorize(viewer, 'register.erase', found);
    return withoutRowDetail(() => this.em.transactional(async (em) => {
      const requests = await em.find(MentoringRequestEntity, { menteeEntryId: entryId });
      const activeAsMentee = requests.length ? await em.find(MentorshipPairingEntity, { requestId: { $in: requests.map((r) => r.id) }, status: 'ACTIVE' }) : [];
      for (const pairing of activeAsMentee) {
        await em.execute('update mentor_offer set places_taken = places_taken - 1 where entry_id = ? and places_taken > 0', [pairing.mentorEntryId]);
      }
      const activeAsMentor = await em.find(MentorshipPairingEntity, { mentorEntryId: entryId, status: 'ACTIVE' });
      if (activeAsMentor.length) await em.nativeUpdate(MentoringRequestEntity, { id: { $in: activeAsMentor.map((p) => p.requestId) } }, { status: 'OPEN' });
      // Children first, so nothing relies on the order cascades fire in.
      if (requests.length) await em.nativeDelete(MentorshipPairingEntity, { requestId: { $in: requests.map((r) => r.id) } });
      await em.nativeDelete(MentorshipPairingEntity, { mentorEntryId: entryId });
      await em.nativeDelete(MentoringRequestEntity, { menteeEntryId: entryId });
      await em.nativeDelete(MentorOfferEntity, { entryId });
      await em.nativeDelete(RegisterCompetencyEntity, { entryId });
      await em.nativeDelete(RegisterEntryEntity, { id: entryId });
      const erasedBy = viewer.keyId === found.ownerKeyId ? 'the registrant' : 'an admin';
      const audit = await appendAudit(em, registerActor(viewer), { action: 'REGISTER_ENTRY_ERASED', targetKind: 'REGISTER_ENTRY', targetKey: String(entryId), summary: `entry erased at the request of ${erasedBy}` });
      return { erasedAt: audit.at, auditSequence: audit.id };
    }, QUIET));
  }

  /** An entry as this caller may see it; null when it does not exist or the caller may see none of it. */
  async find(id: string): Promise<EntryView | null> {
    const entry = await this.em.findOne(RegisterEntryEntity, { id: registerEntryId(id) });
    if (!entry) return null;
    const [view] = await this.views([entry]);
    return view ?? null;
  }

  /** The caller's own entry, whole; null when the key has none. */
  async mine(): Promise<EntryView | null> {
    const viewer = this.viewer;
    if (!viewer.authenticated) throw errors.unauthenticated();
    const entry = await this.em.findOne(RegisterEntryEntity, { ownerKeyId: viewer.keyId });
    if (!entry) return null;
    authorize(viewer, 'register.export', entry);
    const [view] = await this.views([entry]);
    return view;
  }

  /**
   * Everything the register and mentorship hold about the caller, as JSON: the entry, its competencies, the
   * mentoring offer, the caller's mentoring requests and every pairing either side.
   */
  async export(view: EntryView): Promise<string> {
    const { entry } = view;
    const requests = await this.em.find(MentoringRequestEntity, { menteeEntryId: entry.id }, { orderBy: { id: 'asc' } });
    const pairings = await this.em.find(MentorshipPairingEntity, { $or: [{ mentorEntryId: entry.id }, ...(requests.length ? [{ requestId: { $in: requests.map((r) => r.id) } }] : [])] }, { orderBy: { id: 'asc' } });
    const exported = {
      format: 'dcs-hub-register-export/1',
      exportedAt: new Date().toISOString(),
      entry: {
        id: registerEntryGlobalId(entry.id), displayName: entry.displayName, registrationBody: entry.registrationBody, registrationNumber: entry.registrationNumber,
        organisationType: entry.organisationType, region: entry.region, icb: entry.icb ?? null, standards: entry.standards, yearsAsCso: entry.yearsAsCso,
        competencies: view.competencies.map((c) => ({ competency: c.competency, level: c.level })), trainingCompleted: entry.trainingCompleted, otherTraining: entry.otherTraining,
        publicFields: entry.publicFields, verified: entry.verified, verifiedAt: entry.verifiedAt?.toISOString() ?? null,
        createdAt: entry.createdAt.toISOString(), updatedAt: entry.updatedAt.toISOString(),
      },
      mentorOffer: view.offer && {
        capacity: view.offer.capacity, placesTaken: view.offer.placesTaken, competencies: view.offer.competencies, regions: view.offer.regions, active: view.offer.active,
        createdAt: view.offer.createdAt.toISOString(), updatedAt: view.offer.updatedAt.toISOString(),
      },
      mentoringRequests: requests.map((r) => ({
        id: toGlobalId('MentoringRequest', r.id), goals: r.goals, gaps: r.gaps, region: r.region, icb: r.icb ?? null, status: r.status, createdAt: r.createdAt.toISOString(),
      })),
      pairings: pairings.map((p) => ({
        id: toGlobalId('MentorshipPairing', p.id), role: p.mentorEntryId === entry.id ? 'MENTOR' : 'MENTEE', status: p.status,
        request: toGlobalId('MentoringRequest', p.requestId), mentorAcceptedAt: p.mentorAcceptedAt?.toISOString() ?? null,
        menteeAcceptedAt: p.menteeAcceptedAt?.toISOString() ?? null, createdAt: p.createdAt.toISOString(),
      })),
    };
    return JSON.stringify(exported, null, 2);
  }

  /**
   * Searches the register. Everyone but an admin sees verified entries only, and a filter on a field matches
   * only entries that made that field public: otherwise the search itself would reveal a hidden field.
   */
  async search(filter: RegisterSearchFilter, window: PageWindow): Promise<[EntryView[], number]> {
    const status = filter.status ?? 'VERIFIED';
    if (status !== 'VERIFIED') authorize(this.viewer, 'register.review');
    const privileged = can(this.viewer, 'register.review');
    const where: FilterQuery<RegisterEntry> = {};
    const mustBePublic: RegisterField[] = [];
    if (status !== 'ANY') where.verified = status === 'VERIFIED';
    if (filter.region) {
      where.region = filter.region;
      mustBePublic.push('REGION');
    }
    if (filter.organisationType) {
      where.organisationType = filter.organisationType;
      mustBePublic.push('ORGANISATION_TYPE');
    }
    if (filter.standard) {
      where.standards = { $contains: [filter.standard] };
      mustBePublic.push('STANDARDS');
    }
    const ids: number[][] = [];
    if (filter.competency) {
      (await new CompetencyFrameworkService(this.em).require()).assertKnown([filter.competency], () => 'filter.competency');
      const minimum = levelRank(filter.minimumLevel ?? 'FOUNDATION');
      const held = await this.em.find(RegisterCompetencyEntity, { competency: filter.competency });
      ids.push(held.filter((c) => levelRank(c.level) >= minimum).map((c) => c.entryId));
      mustBePublic.push('COMPETENCIES');
    }
    if (filter.availableForMentoring != null) {
      const offers = await this.em.find(MentorOfferEntity, { active: true });
      const open = offers.filter((o) => o.placesTaken < o.capacity).map((o) => o.entryId);
      if (filter.availableForMentoring) ids.push(open);
      else where.id = { $nin: open };
      mustBePublic.push('MENTORING');
    }
    if (ids.length) where.id = { ...(where.id as object), $in: ids.reduce((a, b) => a.filter((id) => b.includes(id))) };
    if (!privileged && mustBePublic.length) where.publicFields = { $contains: mustBePublic };
    const [entries, total] = await this.em.findAndCount(RegisterEntryEntity, where, { orderBy: { id: 'asc' }, offset: window.offset, limit: window.limit });
    const views = await this.views(entries);
    return [views, total - (entries.length - views.length)];
  }

  /** Entries with their competencies and offers, as this caller may see them; entries it may not see are left out. */
  async views(entries: RegisterEntry[]): Promise<EntryView[]> {
    if (entries.length === 0) return [];
    const ids = entries.map((e) => e.id);
    const [competencies, offers, partners] = await Promise.all([
      this.em.find(RegisterCompetencyEntity, { entryId: { $in: ids } }, { orderBy: { id: 'asc' } }),
      this.em.find(MentorOfferEntity, { entryId: { $in: ids } }),
      this.partnersOf(entries),
    ]);
    return entries.flatMap((entry) => {
      const relation = relationTo(this.viewer, entry, partners.get(entry.id));
      const visible = visibleFields(entry, relation);
      if (!visible) return [];
      return [{ entry, competencies: competencies.filter((c) => c.entryId === entry.id), offer: offers.find((o) => o.entryId === entry.id) ?? null, relation, visible }];
    });
  }

  private view(entry: RegisterEntry, competencies: RegisterCompetency[], offer: MentorOffer | null, relation: Relation): EntryView {
    return { entry, competencies, offer, relation, visible: visibleFields(entry, relation)! };
  }

  /** Keys on the other side of a live or proposed pairing with each entry: they may see its name. */
  private async partnersOf(entries: RegisterEntry[]): Promise<Map<number, Set<number>>> {
    const partners = new Map<number, Set<number>>();
    if (!this.viewer.authenticated) return partners;
    const ids = entries.map((e) => e.id);
    const requests = await this.em.find(MentoringRequestEntity, { menteeEntryId: { $in: ids } });
    const pairings = await this.em.find(MentorshipPairingEntity, {
      status: { $in: ['PROPOSED', 'ACTIVE'] },
      $or: [{ mentorEntryId: { $in: ids } }, ...(requests.length ? [{ requestId: { $in: requests.map((r) => r.id) } }] : [])],
    });
    if (pairings.length === 0) return partners;
    const allRequests = await this.em.find(MentoringRequestEntity, { id: { $in: pairings.map((p) => p.requestId) } });
    const mentorEntries = await this.em.find(RegisterEntryEntity, { id: { $in: pairings.map((p) => p.mentorEntryId) } });
    const add = (entryId: number, keyId: number) => partners.set(entryId, (partners.get(entryId) ?? new Set()).add(keyId));
    for (const pairing of pairings) {
      const request = allRequests.find((r) => r.id === pairing.requestId);
      const mentor = mentorEntries.find((e) => e.id === pairing.mentorEntryId);
      if (!request || !mentor) continue;
      add(mentor.id, request.menteeKeyId);
      add(request.menteeEntryId, mentor.ownerKeyId);
    }
    return partners;
  }

  private async validate(input: RegisterEntryDetails): Promise<{ fields: Omit<RegisterEntryDetails, 'competencies'>; competencies: { competency: string; level: CompetencyLevel }[] }> {
    const problems: FieldProblem[] = [];
    const displayName = input.displayName.trim().replace(/\s+/g, ' ');
    if (displayName.length < 2 || displayName.length > 200) problems.push({ field: 'input.displayName', message: 'must be 2 to 200 characters' });
    const registrationNumber = normaliseRegistrationNumber(input.registrationNumber);
    const numberProblem = registrationNumberProblem(input.registrationBody, registrationNumber);
    if (numberProblem) problems.push({ field: 'input.registrationNumber', message: numberProblem });
    const icb = input.icb?.trim().replace(/\s+/g, ' ') || null;
    if (icb && icb.length > 120) problems.push({ field: 'input.icb', message: 'must be at most 120 characters' });
    if (!Number.isInteger(input.yearsAsCso) || input.yearsAsCso < 0 || input.yearsAsCso > 60) problems.push({ field: 'input.yearsAsCso', message: 'must be a whole number from 0 to 60' });
    const standards = [...new Set(input.standards)];
    const publicFields = [...new Set(input.publicFields)];
    const otherTraining = input.otherTraining.map((t) => t.trim()).filter(Boolean);
    if (otherTraining.length > MAX_OTHER_TRAINING) problems.push({ field: 'input.otherTraining', message: `at most ${MAX_OTHER_TRAINING}` });
    otherTraining.forEach((t, i) => {
      if (t.length > 200) problems.push({ field: `input.otherTraining[${i}]`, message: 'must be at most 200 characters' });
    });
    const framework: Framework = await new CompetencyFrameworkService(this.em).require();
    try {
      framework.assertKnown(input.competencies.map((c) => c.competency), (i) => `input.competencies[${i}].competency`);
    } catch (error) {
      problems.push(...((error as HubError).extensions.problems as FieldProblem[]));
    }
    const trainingCompleted = [...new Set(input.trainingCompleted)];
    if (trainingCompleted.length > 0) {
      const known = new Set((await this.em.find(TrainingResourceEntity, { slug: { $in: trainingCompleted }, published: true })).map((t) => t.slug));
      input.trainingCompleted.forEach((slug, i) => {
        if (!known.has(slug)) problems.push({ field: `input.trainingCompleted[${i}]`, message: `"${slug.slice(0, 80)}" is not in the training catalogue; list it under otherTraining instead` });
      });
    }
    if (problems.length > 0) throw errors.badInput(`The register entry has ${problems.length} problem${problems.length === 1 ? '' : 's'}`, problems);
    return {
      fields: {
        displayName, registrationBody: input.registrationBody, registrationNumber, organisationType: input.organisationType, region: input.region, icb, standards,
        yearsAsCso: input.yearsAsCso, trainingCompleted, otherTraining, publicFields,
      },
      competencies: input.competencies.map((c) => ({ competency: c.competency, level: c.level })),
    };
  }
}
