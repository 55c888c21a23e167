import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import { DateScalar } from '../../graphql/scalars.js';
import type { BlueprintVersionDiff } from './diff.service.js';

export enum SectionChange {
  ADDED = 'ADDED',
  REMOVED = 'REMOVED',
  CHANGED = 'CHANGED',
  MOVED = 'MOVED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(SectionChange, {
  name: 'SectionChange',
  description: 'What happened to a section between two versions. A changed section that also moved is CHANGED with `moved: true`.',
});

@Directive(cacheHint.content)
@ObjectType('BlueprintSectionDiff', { description: 'One section (a heading and the text under it) compared across two versions.' })
export class BlueprintSectionDiffType {
  @Field(() => String)
  heading!: string;
  @Field(() => Int, { description: 'Heading level, 1-6; 0 for the text before the first heading.' })
  level!: number;
  @Field(() => SectionChange)
  status!: SectionChange;
  @Field(() => Boolean, { description: 'The section changed place among the sections both versions have.' })
  moved!: boolean;
  @Field(() => Int, { nullable: true, description: 'Position among the older version\'s sections, from 0.' })
  fromIndex!: number | null;
  @Field(() => Int, { nullable: true, description: 'Position among the newer version\'s sections, from 0.' })
  toIndex!: number | null;
  @Field(() => Int)
  linesAdded!: number;
  @Field(() => Int)
  linesRemoved!: number;
  @Field(() => String, { description: 'Unified line diff of the section\'s Markdown; empty when its text is unchanged.' })
  unifiedDiff!: string;
}

@Directive(cacheHint.content)
@ObjectType('BlueprintChangelogEntry')
export class BlueprintChangelogEntryType {
  @Field(() => String)
  version!: string;
  @Field(() => DateScalar)
  publishedOn!: string;
  @Field(() => String)
  changelog!: string;
}

@Directive(cacheHint.content)
@ObjectType('BlueprintDiff', { description: 'A section-level comparison of two published versions of a blueprint.' })
export class BlueprintDiffType {
  @Field(() => String)
  from!: string;
  @Field(() => String)
  to!: string;
  @Field(() => String, { description: 'One line: sections added, removed, changed and moved; variables, clauses and starter hazards changed.' })
  summary!: string;
  @Field(() => [BlueprintSectionDiffType], { description: 'Every section in document order, removed ones where they used to be.' })
  sections!: BlueprintSectionDiffType[];
  @Field(() => [String])
  variablesAdded!: string[];
  @Field(() => [String])
  variablesRemoved!: string[];
  @Field(() => [String], { description: 'Variables whose type, default, options, description or requiredness changed.' })
  variablesChanged!: string[];
  @Field(() => [String])
  clausesAdded!: string[];
  @Field(() => [String])
  clausesRemoved!: string[];
  @Field(() => [String], { description: 'Starter hazard codes (hazard log blueprints).' })
  hazardsAdded!: string[];
  @Field(() => [String])
  hazardsRemoved!: string[];
  @Field(() => [String])
  hazardsChanged!: string[];
  @Field(() => [BlueprintChangelogEntryType], { description: 'Changelogs of the versions between the two, oldest first.' })
  changelog!: BlueprintChangelogEntryType[];
  @Field(() => String, { description: 'Every changed section\'s unified diff, in document order.' })
  unifiedDiff!: string;

  static from(diff: BlueprintVersionDiff): BlueprintDiffType {
    return Object.assign(new BlueprintDiffType(), {
      ...diff,
      sections: diff.sections.map((s) => Object.assign(new BlueprintSectionDiffType(), { ...s, status: s.status as SectionChange })),
      changelog: diff.changelog.map((c) => Object.assign(new BlueprintChangelogEntryType(), c)),
    });
  }
}
