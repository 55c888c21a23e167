import type { Em } from '../../db/createOrm.js';
import { errors, type FieldProblem } from '../../graphql/errors.js';
import { CompetencyFrameworkEntity, type CompetencyContent, type CompetencyFrameworkContent, type PillarContent } from './competency-framework.entity.js';

/** A competency with the pillar it belongs to and its place in the framework's reading order. */
export interface PlacedCompetency {
  competency: CompetencyContent;
  pillar: PillarContent;
  position: number;
}

/** The framework with lookups by competency id. */
export class Framework {
  readonly competencies: PlacedCompetency[];
  private readonly byId: Map<string, PlacedCompetency>;

  constructor(readonly content: CompetencyFrameworkContent) {
    this.competencies = content.pillars.flatMap((pillar) => pillar.competencies.map((competency) => ({ competency, pillar }))).map((c, position) => ({ ...c, position }));
    this.byId = new Map(this.competencies.map((c) => [c.competency.id, c]));
  }

  find(id: string): PlacedCompetency | undefined {
    return this.byId.get(id);
  }

  /**
   * Rejects ids that are not in the framework (and repeats), naming the argument path of each, e.g.
   * `input.ratings[2].competency`. Every caller that stores or compares competency ids goes through here.
   */
  assertKnown(ids: readonly string[], pathOf: (index: number) => string): void {
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    ids.forEach((id, index) => {
      if (!this.byId.has(id)) problems.push({ field: pathOf(index), message: `"${id.slice(0, 80)}" is not a competency of the framework (see the competencyFramework query)` });
      else if (seen.has(id)) problems.push({ field: pathOf(index), message: `competency "${id}" is given twice` });
      seen.add(id);
    });
    if (problems.length > 0) throw errors.badInput(`${problems.length} competency reference${problems.length === 1 ? ' is' : 's are'} not valid`, problems);
  }
}

export class CompetencyFrameworkService {
  constructor(private readonly em: Em) {}

  /** The published framework, or null before content/competencies.md has been ingested. */
  async load(): Promise<Framework | null> {
    const row = await this.em.findOne(CompetencyFrameworkEntity, { id: 1 });
    return row ? new Framework(row.content) : null;
  }

  /** For operations that cannot work without a framework (self-assessment, the register, mentoring). */
  async require(): Promise<Framework> {
    const framework = await this.load();
    if (!framework) throw errors.unavailable('The competency framework has not been loaded: ingest content/competencies.md');
    return framework;
  }
}
