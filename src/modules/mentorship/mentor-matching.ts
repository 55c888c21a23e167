import { levelRank, type CompetencyLevel } from '../competencies/competency-levels.js';
import { icbKey, type Region } from '../register/register-vocabulary.js';
import type { MentoringGap } from './mentorship.entity.js';

/**
 * How mentors are ranked for a mentee, out of 100. Competency fit counts most: a mentor is there to close the
 * mentee's gaps. Being nearby matters next (regional networks meet in person and know the local systems), then
 * having places free.
 */
export const MATCH_WEIGHTS = { COMPETENCY_FIT: 60, REGION: 25, CAPACITY: 15 } as const;
/** Credit for one gap: an expert mentor covers it fully; one at the target level (not expert) covers most of it. */
const GAP_CREDIT = { expert: 1, atTarget: 0.6 } as const;
/** Region points: same ICB, same home region, or a region the mentor offers to mentor in. */
const REGION_SHARE = { sameIcb: 1, sameRegion: 0.8, offersRegion: 0.6 } as const;

export type ScoreComponentName = keyof typeof MATCH_WEIGHTS;

export interface ScoreComponent {
  name: ScoreComponentName;
  points: number;
  maxPoints: number;
  explanation: string;
}

export interface MentorCandidate {
  /** The mentor's home region and ICB, only where the mentor made them public; null otherwise. */
  region: Region | null;
  icb: string | null;
  /** The mentor's level in each competency offered (from the register entry). */
  offered: Map<string, CompetencyLevel>;
  offerRegions: Region[];
  capacity: number;
  placesTaken: number;
}

export interface MatchTarget {
  gaps: MentoringGap[];
  region: Region;
  icb: string | null;
}

export interface MentorScore {
  score: number;
  components: ScoreComponent[];
  /** Gaps the mentor can help with, by competency id. */
  covered: string[];
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Scores one mentor for one request; null when the mentor covers none of the gaps or has no places free, since
 * such a mentor is not a match whatever the region.
 */
export function scoreMentor(candidate: MentorCandidate, target: MatchTarget, describe: { competency(id: string): string; region(region: Region): string }): MentorScore | null {
  const placesFree = candidate.capacity - candidate.placesTaken;
  if (placesFree <= 0 || target.gaps.length === 0) return null;

  const expert: string[] = [];
  const atTarget: string[] = [];
  const uncovered: string[] = [];
  let credit = 0;
  for (const gap of target.gaps) {
    const level = candidate.offered.get(gap.competency);
    if (level === 'EXPERT') {
      credit += GAP_CREDIT.expert;
      expert.push(gap.competency);
    } else if (level && levelRank(level) >= levelRank(gap.targetLevel)) {
      credit += GAP_CREDIT.atTarget;
      atTarget.push(gap.competency);
    } else {
      uncovered.push(gap.competency);
    }
  }
  const covered = [...expert, ...atTarget];
  if (covered.length === 0) return null;
  const names = (ids: string[]) => ids.map(describe.competency).join('; ');
  const fitParts = [
    expert.length ? `expert in ${names(expert)}` : null,
    atTarget.length ? `at your target level in ${names(atTarget)}` : null,
  ].filter(Boolean);
  const fit: ScoreComponent = {
    name: 'COMPETENCY_FIT',
    points: round((MATCH_WEIGHTS.COMPETENCY_FIT * credit) / target.gaps.length),
    maxPoints: MATCH_WEIGHTS.COMPETENCY_FIT,
    explanation: `Covers ${covered.length} of your ${target.gaps.length} gap${target.gaps.length === 1 ? '' : 's'}: ${fitParts.join('; ')}`
      + (uncovered.length ? `. Not covered: ${names(uncovered)}` : ''),
  };

  const mentorIcb = icbKey(candidate.icb);
  let regionShare = 0;
  let regionExplanation = `Based outside ${describe.region(target.region)} and does not offer mentoring there`;
  if (mentorIcb && mentorIcb === icbKey(target.icb)) {
    regionShare = REGION_SHARE.sameIcb;
    regionExplanation = `Works in your integrated care board (${candidate.icb})`;
  } else if (candidate.region === target.region) {
    regionShare = REGION_SHARE.sameRegion;
    regionExplanation = `Based in your region (${describe.region(target.region)})`;
  } else if (candidate.offerRegions.includes(target.region)) {
    regionShare = REGION_SHARE.offersRegion;
    regionExplanation = `Offers mentoring in your region (${describe.region(target.region)})`;
  }
  const region: ScoreComponent = { name: 'REGION', points: round(MATCH_WEIGHTS.REGION * regionShare), maxPoints: MATCH_WEIGHTS.REGION, explanation: regionExplanation };

  const capacity: ScoreComponent = {
    name: 'CAPACITY',
    points: round((MATCH_WEIGHTS.CAPACITY * placesFree) / candidate.capacity),
    maxPoints: MATCH_WEIGHTS.CAPACITY,
    explanation: `${placesFree} of ${candidate.capacity} mentoring place${candidate.capacity === 1 ? '' : 's'} free`,
  };

  const components = [fit, region, capacity];
  return { score: round(components.reduce((sum, c) => sum + c.points, 0)), components, covered };
}
