import { errors } from '../../graphql/errors.js';
import { hasRank } from './roles.js';
import type { KeyViewer, Viewer } from './viewer.js';

/**
 * The one place that says who may do what. Reading published content needs no key and is not listed here;
 * every action below needs one, so an anonymous caller is always UNAUTHENTICATED and a key whose role or
 * relation to the subject does not allow it is FORBIDDEN. Resolvers and services ask, they never decide.
 */
interface OwnedSubject {
  authorKeyId: number;
}

type Rule<S> = (viewer: KeyViewer, subject: S) => true | string;

/** A CSO register entry, or anything owned through one (a mentor offer, a mentoring request). */
interface RegistrantSubject {
  ownerKeyId: number;
}

/** The two sides of a mentoring pairing. */
interface PairingSubject {
  menteeKeyId: number;
  mentorKeyId: number;
}

const ownerOrAdmin = (viewer: KeyViewer, subject: RegistrantSubject) => viewer.keyId === subject.ownerKeyId || hasRank(viewer.role, 'ADMIN');
const eitherSide = (viewer: KeyViewer, pairing: PairingSubject) => viewer.keyId === pairing.menteeKeyId || viewer.keyId === pairing.mentorKeyId;

const rules = {
  'submission.submit': ((viewer) => hasRank(viewer.role, 'CONTRIBUTOR') || 'contributors, editors and admins may submit') as Rule<void>,
  'submission.revise': ((viewer, submission) => viewer.keyId === submission.authorKeyId || 'only the author of a submission may revise it') as Rule<OwnedSubject>,
  'submission.read': ((viewer, submission) =>
    viewer.keyId === submission.authorKeyId || hasRank(viewer.role, 'EDITOR') || 'only its author and editors may read a submission') as Rule<OwnedSubject>,
  'submission.listOwn': ((viewer) => hasRank(viewer.role, 'CONTRIBUTOR') || 'contributors may list their submissions') as Rule<void>,
  'submission.listForReview': ((viewer) => hasRank(viewer.role, 'EDITOR') || 'only editors may see the review queue') as Rule<void>,
  // Four eyes: whoever wrote a submission cannot also be the one who publishes it, whatever their role.
  'submission.review': ((viewer, submission) => {
    if (!hasRank(viewer.role, 'EDITOR')) return 'only editors may review and publish submissions';
    return viewer.keyId !== submission.authorKeyId || 'a submission must be reviewed by someone other than its author';
  }) as Rule<OwnedSubject>,
  'audit.read': ((viewer) => hasRank(viewer.role, 'ADMIN') || 'only admins may read the audit log') as Rule<void>,
  // The CSO register holds personal data: only the registrant and admins see or change more than the fields the
  // registrant made public, and verification is an admin's check of someone else's registration.
  'register.create': ((viewer) => hasRank(viewer.role, 'CONTRIBUTOR') || 'any API key may create its own register entry') as Rule<void>,
  'register.readPrivate': ((viewer, entry) => ownerOrAdmin(viewer, entry) || 'only the registrant and admins see fields the registrant has not made public') as Rule<RegistrantSubject>,
  'register.update': ((viewer, entry) => ownerOrAdmin(viewer, entry) || 'only the registrant and admins may change a register entry') as Rule<RegistrantSubject>,
  'register.erase': ((viewer, entry) => ownerOrAdmin(viewer, entry) || 'only the registrant and admins may erase a register entry') as Rule<RegistrantSubject>,
  'register.export': ((viewer, entry) => viewer.keyId === entry.ownerKeyId || 'only the registrant may export their entry') as Rule<RegistrantSubject>,
  'register.review': ((viewer) => hasRank(viewer.role, 'ADMIN') || 'only admins may see entries waiting for verification') as Rule<void>,
  'register.verify': ((viewer, entry) => {
    if (!hasRank(viewer.role, 'ADMIN')) return 'only admins verify register entries';
    return viewer.keyId !== entry.ownerKeyId || 'an entry must be verified by an admin other than its registrant';
  }) as Rule<RegistrantSubject>,
  'mentoring.offer': ((viewer, entry) => viewer.keyId === entry.ownerKeyId || 'only the registrant may offer mentoring from their entry') as Rule<RegistrantSubject>,
  'mentoring.request': ((viewer, entry) => viewer.keyId === entry.ownerKeyId || 'only the registrant may ask for mentoring from their entry') as Rule<RegistrantSubject>,
  'mentoring.readRequest': ((viewer, request) =>
    ownerOrAdmin(viewer, request) || request.proposedMentorKeyIds.includes(viewer.keyId) || 'only the mentee, mentors it was proposed to and admins may read a mentoring request') as Rule<
    RegistrantSubject & { proposedMentorKeyIds: number[] }
  >,
  'mentoring.match': ((viewer) => hasRank(viewer.role, 'CONTRIBUTOR') || 'an API key is needed to look for mentors') as Rule<void>,
  'mentoring.matchRequest': ((viewer, request) => ownerOrAdmin(viewer, request) || 'only the mentee and admins may match a mentoring request') as Rule<RegistrantSubject>,
  'mentoring.withdrawRequest': ((viewer, request) => ownerOrAdmin(viewer, request) || 'only the mentee and admins may withdraw a mentoring request') as Rule<RegistrantSubject>,
  'mentoring.propose': ((viewer, request) => ownerOrAdmin(viewer, request) || 'only the mentee and admins may propose a pairing') as Rule<RegistrantSubject>,
  'mentoring.readPairing': ((viewer, pairing) => eitherSide(viewer, pairing) || hasRank(viewer.role, 'ADMIN') || 'only the mentor, the mentee and admins may see a pairing') as Rule<PairingSubject>,
  // Acceptance is personal: an admin may propose a pairing but never accept it for someone.
  'mentoring.accept': ((viewer, pairing) => eitherSide(viewer, pairing) || 'only the mentor and the mentee may accept a pairing') as Rule<PairingSubject>,
  'mentoring.close': ((viewer, pairing) => eitherSide(viewer, pairing) || hasRank(viewer.role, 'ADMIN') || 'only the mentor, the mentee and admins may close a pairing') as Rule<PairingSubject>,
};

export type Action = keyof typeof rules;
type SubjectOf<A extends Action> = (typeof rules)[A] extends Rule<infer S> ? S : never;
type SubjectArgs<A extends Action> = SubjectOf<A> extends void ? [] : [subject: SubjectOf<A>];

function decide<A extends Action>(viewer: Viewer, action: A, subject: SubjectOf<A> | undefined): true | string {
  if (!viewer.authenticated) return 'an API key is required';
  return (rules[action] as Rule<SubjectOf<A> | undefined>)(viewer, subject);
}

export function can<A extends Action>(viewer: Viewer, action: A, ...subject: SubjectArgs<A>): boolean {
  return decide(viewer, action, subject[0]) === true;
}

/** Throws UNAUTHENTICATED for a caller without a key, FORBIDDEN when the key may not do this; else narrows. */
export function authorize<A extends Action>(viewer: Viewer, action: A, ...subject: SubjectArgs<A>): asserts viewer is KeyViewer {
  if (!viewer.authenticated) throw errors.unauthenticated();
  const verdict = decide(viewer, action, subject[0]);
  if (verdict !== true) throw errors.forbidden(`Not allowed: ${verdict}`);
}
