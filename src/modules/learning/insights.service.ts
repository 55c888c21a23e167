import type { Em } from '../../db/createOrm.js';
import { PHYSICAL_HARM_LABELS, PSYCHOLOGICAL_HARM_LABELS, harmScoreSql } from './harm.js';
import { checkLearningFilter, monthRange, type LearningFilter } from './learning.service.js';
import { EVENT_TYPES, PHYSICAL_HARM_LEVELS, PSYCHOLOGICAL_HARM_LEVELS } from './safety-learning.entity.js';
import { loadVocabularies } from './vocabulary.js';

export type InsightsFilter = Pick<LearningFilter, 'systemType' | 'setting' | 'hazardFamily' | 'eventType' | 'from' | 'to'>;
export type PeriodUnit = 'MONTH' | 'QUARTER';
export type TrendDirection = 'RISING' | 'FALLING' | 'STEADY';

export interface Trend {
  latestPeriod: string | null;
  previousPeriod: string | null;
  latestCount: number;
  previousCount: number;
  change: number;
  direction: TrendDirection;
}

export interface InsightGroup {
  key: string;
  label: string;
  count: number;
  /** Learnings in the group with any physical or psychological harm. */
  harmedCount: number;
  harmScore: number;
  /** Fraction of all matching learnings in this group (a learning with several hazard families is in several). */
  share: number;
  trend: Trend;
}

export interface PeriodCount {
  period: string;
  start: string;
  count: number;
  harmedCount: number;
  harmScore: number;
}

export interface LearningInsights {
  unit: PeriodUnit;
  totalCount: number;
  harmedCount: number;
  harmScore: number;
  periods: PeriodCount[];
  trend: Trend;
  byHazardFamily: InsightGroup[];
  bySystemType: InsightGroup[];
  bySetting: InsightGroup[];
  byEventType: InsightGroup[];
  byPhysicalHarm: InsightGroup[];
  byPsychologicalHarm: InsightGroup[];
}

interface Row {
  key: string;
  period: string;
  count: number;
  harmed: number;
  score: number;
}

const EVENT_TYPE_LABELS: Record<string, string> = { INCIDENT: 'Patient safety incident', RISK: 'Patient safety risk', OUTCOME: 'Poor outcome', GOOD_CARE: 'Good care' };

/**
 * Aggregates published learnings by hazard family, system type, setting, event type and harm level, per month or
 * quarter, in SQL. Groups that describe *what* went wrong are ranked by harm (score, then count), so the first
 * hazard family is the one that caused the most harm; the event-type and harm-level groups keep their scale order.
 * Trends compare the two most recent periods: the period holding `to` (else the latest event) and the one before.
 */
export class LearningInsightsService {
  constructor(private readonly em: Em) {}

  async insights(filter: InsightsFilter, unit: PeriodUnit = 'QUARTER'): Promise<LearningInsights> {
    await checkLearningFilter(this.em, filter);
    const { where, params } = whereClause(filter);
    const harmed = `(l.physical_harm <> 'NONE' or l.psychological_harm <> 'NONE')`;
    const trunc = unit === 'MONTH' ? 'month' : 'quarter';
    const aggregate = async (keySql: string, from = 'safety_learning l'): Promise<Row[]> => {
      const rows = await this.em.execute<{ key: string; period: string; count: string | number; harmed: string | number; score: string | number }[]>(
        `select ${keySql} as key, to_char(date_trunc('${trunc}', l.occurred_on), 'YYYY-MM-DD') as period,
                count(*) as count, count(*) filter (where ${harmed}) as harmed, coalesce(sum(${harmScoreSql('l')}), 0) as score
           from ${from}
          where ${where}
          group by 1, 2`,
        params,
      );
      return rows.map((r) => ({ key: r.key, period: r.period, count: Number(r.count), harmed: Number(r.harmed), score: Number(r.score) }));
    };

    const totals = await aggregate(`'all'`);
    const families = await aggregate('family', 'safety_learning l cross join lateral unnest(l.hazard_families) as family');
    const systemTypes = await aggregate('l.system_type');
    const settings = await aggregate('l.setting');
    const eventTypes = await aggregate('l.event_type');
    const physical = await aggregate('l.physical_harm');
    const psychological = await aggregate('l.psychological_harm');
    const vocab = await loadVocabularies(this.em, ['SYSTEM_TYPE', 'SETTING', 'HAZARD_FAMILY']);

    const range = monthRange(filter);
    const starts = totals.map((r) => r.period).sort();
    const lastStart = range.to ? truncate(range.to, unit) : starts.at(-1);
    const firstStart = range.from ? truncate(range.from, unit) : starts[0];
    const series = firstStart && lastStart ? periodStarts(firstStart, lastStart, unit) : [];
    const latest = series.at(-1) ?? null;
    const previous = series.length > 1 ? series.at(-2)! : null;

    const totalCount = sum(totals, 'count');
    const group = (rows: Row[], labelOf: (key: string) => string, order?: readonly string[]): InsightGroup[] => {
      const byKey = new Map<string, Row[]>();
      for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
      const groups = [...byKey].map(([key, keyRows]) => ({
        key,
        label: labelOf(key),
        count: sum(keyRows, 'count'),
        harmedCount: sum(keyRows, 'harmed'),
        harmScore: sum(keyRows, 'score'),
        share: totalCount ? sum(keyRows, 'count') / totalCount : 0,
        trend: trendOf(keyRows, latest, previous, unit),
      }));
      if (order) return groups.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
      return groups.sort((a, b) => b.harmScore - a.harmScore || b.count - a.count || a.key.localeCompare(b.key));
    };

    return {
      unit,
      totalCount,
      harmedCount: sum(totals, 'harmed'),
      harmScore: sum(totals, 'score'),
      periods: series.map((start) => {
        const row = totals.find((r) => r.period === start);
        return { period: periodLabel(start, unit), start, count: row?.count ?? 0, harmedCount: row?.harmed ?? 0, harmScore: row?.score ?? 0 };
      }),
      trend: trendOf(totals, latest, previous, unit),
      byHazardFamily: group(families, (key) => vocab.HAZARD_FAMILY.get(key) ?? key),
      bySystemType: group(systemTypes, (key) => vocab.SYSTEM_TYPE.get(key) ?? key),
      bySetting: group(settings, (key) => vocab.SETTING.get(key) ?? key),
      byEventType: group(eventTypes, (key) => EVENT_TYPE_LABELS[key] ?? key, EVENT_TYPES),
      byPhysicalHarm: group(physical, (key) => PHYSICAL_HARM_LABELS[key as keyof typeof PHYSICAL_HARM_LABELS] ?? key, PHYSICAL_HARM_LEVELS),
      byPsychologicalHarm: group(psychological, (key) => PSYCHOLOGICAL_HARM_LABELS[key as keyof typeof PSYCHOLOGICAL_HARM_LABELS] ?? key, PSYCHOLOGICAL_HARM_LEVELS),
    };
  }
}

function whereClause(filter: InsightsFilter): { where: string; params: unknown[] } {
  const conditions = ['l.published'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    conditions.push(sql);
    params.push(value);
  };
  if (filter.systemType) add('l.system_type = ?', filter.systemType);
  if (filter.setting) add('l.setting = ?', filter.setting);
  if (filter.eventType) add('l.event_type = ?', filter.eventType);
  if (filter.hazardFamily) add('? = any(l.hazard_families)', filter.hazardFamily);
  const range = monthRange(filter);
  if (range.from) add('l.occurred_on >= ?::date', range.from);
  if (range.to) add('l.occurred_on <= ?::date', range.to);
  return { where: conditions.join(' and '), params };
}

function sum(rows: Row[], field: 'count' | 'harmed' | 'score'): number {
  return rows.reduce((total, row) => total + row[field], 0);
}

function trendOf(rows: Row[], latest: string | null, previous: string | null, unit: PeriodUnit): Trend {
  const countIn = (start: string | null) => (start ? rows.filter((r) => r.period === start).reduce((t, r) => t + r.count, 0) : 0);
  const latestCount = countIn(latest);
  const previousCount = countIn(previous);
  const change = latestCount - previousCount;
  return {
    latestPeriod: latest ? periodLabel(latest, unit) : null,
    previousPeriod: previous ? periodLabel(previous, unit) : null,
    latestCount,
    previousCount,
    change,
    direction: change > 0 ? 'RISING' : change < 0 ? 'FALLING' : 'STEADY',
  };
}

/** `YYYY-MM-DD` of the first day of the month or quarter holding `date` (`YYYY-MM-DD`). */
function truncate(date: string, unit: PeriodUnit): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const first = unit === 'MONTH' ? month : Math.floor((month - 1) / 3) * 3 + 1;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

function periodStarts(first: string, last: string, unit: PeriodUnit): string[] {
  const step = unit === 'MONTH' ? 1 : 3;
  const starts: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (let current = first; current <= last; ) {
    starts.push(current);
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
    current = `${year}-${String(month).padStart(2, '0')}-01`;
  }
  return starts;
}

/** "2025-03" for a month, "2025-Q1" for a quarter. */
export function periodLabel(start: string, unit: PeriodUnit): string {
  return unit === 'MONTH' ? start.slice(0, 7) : `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
}
