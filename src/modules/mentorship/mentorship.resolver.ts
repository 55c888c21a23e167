import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context.js';
import { errors } from '../../graphql/errors.js';
import { RegisterEntryEntity } from '../register/register-entry.entity.js';
import { RegisterService } from '../register/register.service.js';
import { Region, RegisterEntryType } from '../register/register.type.js';
import { MentorshipService } from './mentorship.service.js';
import { MentoringRequestEntity } from './mentorship.entity.js';
import {
  MentoringGapInput, MentoringRequestType, MentorMatchInput, MentorMatchType, MentorOfferType, MentorshipPairingType, MyMentoringType,
} from './mentorship.type.js';

/** Loads an entry as the caller may see it (with the name, for the other side of a pairing). */
async function entryAsSeen(entryId: number, ctx: HubContext): Promise<RegisterEntryType | null> {
  const entry = await ctx.em.findOne(RegisterEntryEntity, { id: entryId });
  if (!entry) return null;
  const [view] = await new RegisterService(ctx.em, ctx.viewer).views([entry]);
  return view ? RegisterEntryType.from(view, await ctx.loaders.competencyFramework.load(1)) : null;
}

@Resolver(() => MentorMatchType)
export class MentorshipResolver {
  @Query(() => [MentorMatchType], {
    description: 'Mentors ranked for your stored request (`requestId`) or for gaps given inline (`input`), best first, each score explained. '
      + 'Only verified mentors with places free are listed; `regionOnly` keeps those in, or offering to mentor in, your region.',
  })
  async mentorMatches(
    @Arg('requestId', () => ID, { nullable: true }) requestId: string | undefined,
    @Arg('input', () => MentorMatchInput, { nullable: true }) input: MentorMatchInput | undefined,
    @Arg('regionOnly', () => Boolean, { defaultValue: false }) regionOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 10, description: 'How many mentors, 1 to 50.' }) first: number,
    @Ctx() ctx: HubContext,
  ): Promise<MentorMatchType[]> {
    if ((requestId == null) === (input == null)) {
      throw errors.badInput('Give either requestId or input', [{ field: requestId == null ? 'requestId' : 'input', message: 'exactly one of requestId and input is required' }]);
    }
    if (!Number.isInteger(first) || first < 1 || first > 50) throw errors.badInput('"first" must be between 1 and 50', [{ field: 'first', message: 'between 1 and 50' }]);
    const service = new MentorshipService(ctx.em, ctx.viewer);
    const matches = await service.matches(requestId != null ? { requestId } : { input: input! }, { regionOnly, first });
    const framework = await ctx.loaders.competencyFramework.load(1);
    return matches.map((m) => MentorMatchType.from(m, framework));
  }

  @Query(() => MyMentoringType, { description: 'Your mentoring offer, your requests and your pairings on either side (accept proposals from here).' })
  async myMentoring(@Ctx() ctx: HubContext): Promise<MyMentoringType> {
    const mine = await new MentorshipService(ctx.em, ctx.viewer).mine();
    const framework = await ctx.loaders.competencyFramework.load(1);
    return Object.assign(new MyMentoringType(), {
      offer: mine.offer ? MentorOfferType.from(mine.offer, framework) : null,
      requests: mine.requests.map((r) => MentoringRequestType.from(r, framework)),
      pairings: mine.pairings.map((p) => MentorshipPairingType.from(p)),
    });
  }

  @Query(() => MentoringRequestType, { description: 'A mentoring request: for the mentee, admins and mentors it was proposed to.' })
  async mentoringRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<MentoringRequestType> {
    const request = await new MentorshipService(ctx.em, ctx.viewer).readRequest(id);
    return MentoringRequestType.from(request, await ctx.loaders.competencyFramework.load(1));
  }

  @Query(() => MentorshipPairingType, { description: 'A pairing: for its mentor, its mentee and admins.' })
  async mentorshipPairing(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<MentorshipPairingType> {
    return MentorshipPairingType.from(await new MentorshipService(ctx.em, ctx.viewer).pairing(id));
  }

  @Mutation(() => MentorOfferType, { description: 'Offer to mentor (or change your offer): capacity, the competencies you mentor in, and the regions you will mentor in.' })
  async offerMentoring(
    @Arg('capacity', () => Int) capacity: number,
    @Arg('competencies', () => [String]) competencies: string[],
    @Arg('regions', () => [Region], { defaultValue: [], description: 'Your own region when empty.' }) regions: Region[],
    @Ctx() ctx: HubContext,
  ): Promise<MentorOfferType> {
    const offer = await new MentorshipService(ctx.em, ctx.viewer).offer({ capacity, competencies, regions });
    return MentorOfferType.from(offer, await ctx.loaders.competencyFramework.load(1));
  }

  @Mutation(() => MentorOfferType, { description: 'Stop being matched with new mentees; current pairings continue.' })
  async withdrawMentoringOffer(@Ctx() ctx: HubContext): Promise<MentorOfferType> {
    const offer = await new MentorshipService(ctx.em, ctx.viewer).withdrawOffer();
    return MentorOfferType.from(offer, await ctx.loaders.competencyFramework.load(1));
  }

  @Mutation(() => MentoringRequestType, { description: 'Ask for a mentor, from your register entry: your goals, your competency gaps and where you are.' })
  async requestMentoring(
    @Arg('goals', () => String) goals: string,
    @Arg('gaps', () => [MentoringGapInput]) gaps: MentoringGapInput[],
    @Arg('region', () => Region) region: Region,
    @Arg('icb', () => String, { nullable: true }) icb: string | undefined,
    @Ctx() ctx: HubContext,
  ): Promise<MentoringRequestType> {
    const request = await new MentorshipService(ctx.em, ctx.viewer).request({ goals, gaps, region, icb });
    return MentoringRequestType.from(request, await ctx.loaders.competencyFramework.load(1));
  }

  @Mutation(() => Boolean, { description: 'Delete your mentoring request and its pairings; a place it held with a mentor is freed.' })
  async withdrawMentoringRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<boolean> {
    await new MentorshipService(ctx.em, ctx.viewer).withdrawRequest(id);
    return true;
  }

  @Mutation(() => MentorshipPairingType, { description: 'Propose a mentor for a request (the mentee, which counts as the mentee\'s acceptance, or an admin).' })
  async proposePairing(@Arg('requestId', () => ID) requestId: string, @Arg('mentorEntryId', () => ID) mentorEntryId: string, @Ctx() ctx: HubContext): Promise<MentorshipPairingType> {
    return MentorshipPairingType.from(await new MentorshipService(ctx.em, ctx.viewer).propose(requestId, mentorEntryId));
  }

  @Mutation(() => MentorshipPairingType, { description: 'Accept a proposed pairing, as its mentor or its mentee. Once both have, it is ACTIVE and takes one of the mentor\'s places.' })
  async acceptPairing(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<MentorshipPairingType> {
    return MentorshipPairingType.from(await new MentorshipService(ctx.em, ctx.viewer).accept(id));
  }

  @Mutation(() => MentorshipPairingType, { description: 'Decline a proposed pairing, or end an active one (the mentor\'s place is freed).' })
  async closePairing(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<MentorshipPairingType> {
    return MentorshipPairingType.from(await new MentorshipService(ctx.em, ctx.viewer).close(id));
  }
}

@Resolver(() => MentorshipPairingType)
export class MentorshipPairingResolver {
  @FieldResolver(() => RegisterEntryType, { nullable: true, description: 'The mentor\'s entry; the mentee also sees the mentor\'s name.' })
  async mentor(@Root() pairing: MentorshipPairingType, @Ctx() ctx: HubContext): Promise<RegisterEntryType | null> {
    return entryAsSeen(pairing.mentorEntryId, ctx);
  }

  @FieldResolver(() => MentoringRequestType, { nullable: true })
  async request(@Root() pairing: MentorshipPairingType, @Ctx() ctx: HubContext): Promise<MentoringRequestType | null> {
    const request = await ctx.em.findOne(MentoringRequestEntity, { id: pairing.requestId });
    return request ? MentoringRequestType.from(request, await ctx.loaders.competencyFramework.load(1)) : null;
  }
}

@Resolver(() => MentoringRequestType)
export class MentoringRequestResolver {
  @FieldResolver(() => RegisterEntryType, { nullable: true, description: 'The mentee\'s entry; a proposed or active mentor also sees the mentee\'s name.' })
  async mentee(@Root() request: MentoringRequestType, @Ctx() ctx: HubContext): Promise<RegisterEntryType | null> {
    return entryAsSeen(request.menteeEntryId, ctx);
  }
}
