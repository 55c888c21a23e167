import { Directive, Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { toGlobalId } from '../../graphql/node.js';
import type { Framework } from '../competencies/competency-framework.service.js';
import { CompetencyLevel, CompetencyType } from '../competencies/competency.type.js';
import { Region, RegisterEntryType } from '../register/register.type.js';
import type { MentorMatch } from './mentorship.service.js';
import type { MentorOffer, MentoringRequest, MentorshipPairing } from './mentorship.entity.js';

export enum MentoringRequestStatus {
  OPEN = 'OPEN',
  PAIRED = 'PAIRED',
  CLOSED = 'CLOSED',
}
registerEnumType(MentoringRequestStatus, { name: 'MentoringRequestStatus', description: 'OPEN: looking for a mentor. PAIRED: a pairing is active. CLOSED: the mentoring ended.' });

export enum PairingStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  DECLINED = 'DECLINED',
  ENDED = 'ENDED',
}
registerEnumType(PairingStatus, { name: 'PairingStatus', description: 'PROPOSED until both sides accept; ACTIVE takes one of the mentor\'s places; DECLINED and ENDED are final.' });

export enum MatchScoreComponentName {
  COMPETENCY_FIT = 'COMPETENCY_FIT',
  REGION = 'REGION',
  CAPACITY = 'CAPACITY',
}
registerEnumType(MatchScoreComponentName, {
  name: 'MatchScoreComponentName',
  description: 'COMPETENCY_FIT (up to 60): the mentor\'s level in your gaps. REGION (up to 25): same ICB, same region, or offers your region. CAPACITY (up to 15): places free.',
});

@InputType('MentoringGapInput')
export class MentoringGapInput {
  @Field(() => String, { description: 'A framework competency id.' })
  competency!: string;
  @Field(() => CompetencyLevel, { defaultValue: CompetencyLevel.PRACTITIONER, description: 'The level you want to reach.' })
  targetLevel!: CompetencyLevel;
}

@InputType('MentorMatchInput', { description: 'Gaps and location to match mentors against without storing a request.' })
export class MentorMatchInput {
  @Field(() => [MentoringGapInput], { description: '1 to 10 competency gaps, e.g. from selfAssessment.' })
  gaps!: MentoringGapInput[];
  @Field(() => Region)
  region!: Region;
  @Field(() => String, { nullable: true, description: 'Your integrated care board, for matching mentors in it.' })
  icb?: string | null;
}

@Directive(cacheHint.personal)
@ObjectType('MentorCompetency', { description: 'A competency a mentor offers, at the level their register entry holds it.' })
export class MentorCompetencyType {
  @Field(() => CompetencyType)
  competency!: CompetencyType;
  @Field(() => CompetencyLevel)
  level!: CompetencyLevel;
}

@Directive(cacheHint.personal)
@ObjectType('MentorOffer', { description: 'A registrant\'s offer to mentor.' })
export class MentorOfferType {
  @Field(() => Int)
  capacity!: number;
  @Field(() => Int)
  placesTaken!: number;
  @Field(() => Int)
  placesFree!: number;
  @Field(() => [CompetencyType])
  competencies!: CompetencyType[];
  @Field(() => [Region])
  regions!: Region[];
  @Field(() => Boolean, { description: 'False once withdrawn: no new matches, existing pairings continue.' })
  active!: boolean;

  static from(offer: MentorOffer, framework: Framework | null): MentorOfferType {
    return Object.assign(new MentorOfferType(), {
      capacity: offer.capacity,
      placesTaken: offer.placesTaken,
      placesFree: Math.max(0, offer.capacity - offer.placesTaken),
      competencies: competencyTypes(offer.competencies, framework),
      regions: offer.regions as Region[],
      active: offer.active,
    });
  }
}

@Directive(cacheHint.personal)
@ObjectType('MentoringGap')
export class MentoringGapType {
  @Field(() => CompetencyType)
  competency!: CompetencyType;
  @Field(() => CompetencyLevel)
  targetLevel!: CompetencyLevel;
}

@Directive(cacheHint.personal)
@ObjectType('MentoringRequest', { description: 'A CSO asking for a mentor. Seen by the mentee, admins and mentors it was proposed to.' })
export class MentoringRequestType {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  goals!: string;
  @Field(() => [MentoringGapType])
  gaps!: MentoringGapType[];
  @Field(() => Region)
  region!: Region;
  @Field(() => String, { nullable: true })
  icb!: string | null;
  @Field(() => MentoringRequestStatus)
  status!: MentoringRequestStatus;
  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  menteeEntryId!: number;

  static from(request: MentoringRequest, framework: Framework | null): MentoringRequestType {
    return Object.assign(new MentoringRequestType(), {
      id: toGlobalId('MentoringRequest', request.id),
      goals: request.goals,
      gaps: request.gaps.flatMap((g) => competencyTypes([g.competency], framework).map((competency) => Object.assign(new MentoringGapType(), { competency, targetLevel: g.targetLevel as CompetencyLevel }))),
      region: request.region as Region,
      icb: request.icb ?? null,
      status: request.status as MentoringRequestStatus,
      createdAt: request.createdAt,
      menteeEntryId: request.menteeEntryId,
    });
  }
}

@Directive(cacheHint.personal)
@ObjectType('MentorshipPairing', { description: 'A mentor and a mentoring request. Seen by both sides and admins.' })
export class MentorshipPairingType {
  @Field(() => ID)
  id!: string;
  @Field(() => PairingStatus)
  status!: PairingStatus;
  @Field(() => Boolean)
  mentorAccepted!: boolean;
  @Field(() => Boolean)
  menteeAccepted!: boolean;
  @Field(() => GraphQLISODateTime)
  proposedAt!: Date;

  requestId!: number;
  mentorEntryId!: number;

  static from(pairing: MentorshipPairing): MentorshipPairingType {
    return Object.assign(new MentorshipPairingType(), {
      id: toGlobalId('MentorshipPairing', pairing.id),
      status: pairing.status as PairingStatus,
      mentorAccepted: pairing.mentorAcceptedAt != null,
      menteeAccepted: pairing.menteeAcceptedAt != null,
      proposedAt: pairing.createdAt,
      requestId: pairing.requestId,
      mentorEntryId: pairing.mentorEntryId,
    });
  }
}

@Directive(cacheHint.personal)
@ObjectType('MatchScoreComponent', { description: 'One part of a match score, with why it scored what it did.' })
export class MatchScoreComponentType {
  @Field(() => MatchScoreComponentName)
  name!: MatchScoreComponentName;
  @Field(() => Float)
  points!: number;
  @Field(() => Float)
  maxPoints!: number;
  @Field(() => String)
  explanation!: string;
}

@Directive(cacheHint.personal)
@ObjectType('MentorMatch', { description: 'A mentor ranked for a mentoring request, out of 100, with each part of the score explained.' })
export class MentorMatchType {
  @Field(() => RegisterEntryType, { description: 'The mentor\'s register entry, showing what they made public.' })
  mentor!: RegisterEntryType;
  @Field(() => Float, { description: 'Out of 100: the sum of the components.' })
  score!: number;
  @Field(() => [MatchScoreComponentType])
  components!: MatchScoreComponentType[];
  @Field(() => [CompetencyType], { description: 'Your gaps this mentor can help with.' })
  covers!: CompetencyType[];
  @Field(() => [MentorCompetencyType], { description: 'What the mentor offers, with their level in each.' })
  offered!: MentorCompetencyType[];
  @Field(() => [Region], { description: 'Regions the mentor offers to mentor in.' })
  regions!: Region[];
  @Field(() => Int)
  placesFree!: number;

  static from(match: MentorMatch, framework: Framework | null): MentorMatchType {
    return Object.assign(new MentorMatchType(), {
      mentor: RegisterEntryType.from(match.mentor, framework),
      score: match.result.score,
      components: match.result.components.map((c) => Object.assign(new MatchScoreComponentType(), { ...c, name: c.name as MatchScoreComponentName })),
      covers: competencyTypes(match.result.covered, framework),
      offered: match.offered.flatMap((o) => competencyTypes([o.competency], framework).map((competency) => Object.assign(new MentorCompetencyType(), { competency, level: o.level as CompetencyLevel }))),
      regions: match.offer.regions as Region[],
      placesFree: match.offer.capacity - match.offer.placesTaken,
    });
  }
}

@Directive(cacheHint.personal)
@ObjectType('MyMentoring', { description: 'Your mentoring offer, your requests and your pairings on either side.' })
export class MyMentoringType {
  @Field(() => MentorOfferType, { nullable: true })
  offer!: MentorOfferType | null;
  @Field(() => [MentoringRequestType])
  requests!: MentoringRequestType[];
  @Field(() => [MentorshipPairingType])
  pairings!: MentorshipPairingType[];
}

function competencyTypes(ids: readonly string[], framework: Framework | null): CompetencyType[] {
  return ids.flatMap((id) => {
    const placed = framework?.find(id);
    return placed ? [CompetencyType.from(placed.competency, placed.pillar, placed.position)] : [];
  });
}
