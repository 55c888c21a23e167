import { diffArrays, structuredPatch } from 'diff';
import type { Em } from '../../db/createOrm.js';
import { errors } from '../../graphql/errors.js';
import type { BlueprintVariable, BlueprintVersion } from './blueprint-version.entity.js';
import { BlueprintsService } from './blueprints.service.js';
import { parseMarkdown, plainText } from './render-markdown.js';
import { compareSemver } from './semver.js';

export type SectionStatus = 'ADDED' | 'REMOVED' | 'CHANGED' | 'MOVED' | 'UNCHANGED';

export interface SectionDiff {
  /** The heading as the newer side writes it ("(before the first heading)" for the opening text). */
  heading: string;
  level: number;
  status: SectionStatus;
  /** The section sits in a different order among the sections both versions share. */
  moved: boolean;
  /** Position among each version's sections, from 0; null on the side that lacks the section. */
  fromIndex: number | null;
  toIndex: number | null;
  linesAdded: number;
  linesRemoved: number;
  /** Unified diff of the section's Markdown (empty when unchanged). */
  unifiedDiff: string;
}

export interface ChangelogEntry {
  version: string;
  publishedOn: string;
  changelog: string;
}

export interface BlueprintVersionDiff {
  from: string;
  to: string;
  summary: string;
  sections: SectionDiff[];
  variablesAdded: string[];
  variablesRemoved: string[];
  variablesChanged: string[];
  clausesAdded: string[];
  clausesRemoved: string[];
  hazardsAdded: string[];
  hazardsRemoved: string[];
  hazardsChanged: string[];
  /** The changelogs of the versions after the older one, up to and including the newer one, oldest first. */
  changelog: ChangelogEntry[];
  /** Every changed section's diff, one after another. */
  unifiedDiff: string;
}

interface Section {
  key: string;
  heading: string;
  level: number;
  text: string;
}

const PREAMBLE = '(before the first heading)';

/** Compares two published versions of a blueprint section by section, matching sections by their headings. */
export class BlueprintDiffService {
  constructor(private readonly em: Em) {}

  async diff(slug: string, fromVersion: string, toVersion: string): Promise<BlueprintVersionDiff> {
    const blueprints = new BlueprintsService(this.em);
    const blueprint = await blueprints.findBySlug(slug);
    if (!blueprint) throw errors.notFound('Blueprint', slug);
    const [from, to] = [await blueprints.version(blueprint, fromVersion), await blueprints.version(blueprint, toVersion)];
    const all = await blueprints.versions(blueprint);
    return diffVersions(slug, from, to, all);
  }
}

export function diffVersions(slug: string, from: BlueprintVersion, to: BlueprintVersion, all: readonly BlueprintVersion[]): BlueprintVersionDiff {
  const sections = diffSections(splitSections(from.template), splitSections(to.template), `${slug} ${from.version}`, `${slug} ${to.version}`);
  const variables = diffVariables(from.variables, to.variables);
  const clausesAdded = to.clauseRefs.filter((ref) => !from.clauseRefs.includes(ref));
  const clausesRemoved = from.clauseRefs.filter((ref) => !to.clauseRefs.includes(ref));
  const hazards = diffByKey(from.hazards, to.hazards, (h) => h.code);
  const [older, newer] = compareSemver(from, to) <= 0 ? [from, to] : [to, from];
  const changelog = [...all]
    .filter((v) => compareSemver(v, older) > 0 && compareSemver(v, newer) <= 0)
    .sort(compareSemver)
    .map((v) => ({ version: v.version, publishedOn: v.publishedOn, changelog: v.changelog }));

  const count = (status: SectionStatus) => sections.filter((s) => s.status === status).length;
  const extras = [
    listed('variables', variables.added, variables.removed, variables.changed),
    listed('clauses', clausesAdded, clausesRemoved, []),
    listed('starter hazards', hazards.added, hazards.removed, hazards.changed),
  ].filter(Boolean);
  const summary = `${slug} ${from.version} -> ${to.version}: ${count('ADDED')} sections added, ${count('REMOVED')} removed, ${count('CHANGED')} changed, ${sections.filter((s) => s.moved).length} moved, ${count('UNCHANGED')} unchanged${extras.length ? `; ${extras.join('; ')}` : ''}`;
  const unifiedDiff = sections
    .filter((s) => s.unifiedDiff)
    .map((s) => `${s.unifiedDiff}`)
    .join('\n');
  return {
    from: from.version, to: to.version, summary, sections,
    variablesAdded: variables.added, variablesRemoved: variables.removed, variablesChanged: variables.changed,
    clausesAdded, clausesRemoved,
    hazardsAdded: hazards.added, hazardsRemoved: hazards.removed, hazardsChanged: hazards.changed,
    changelog, unifiedDiff,
  };
}

/** Splits a template at every heading (any level); text before the first heading is a section of its own. */
export function splitSections(markdown: string): Section[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  // Headings come from the Markdown parser, so a "#" inside a code block does not start a section.
  const headings = parseMarkdown(markdown).children
    .filter((node) => node.type === 'heading' && node.position)
    .map((node) => ({ line: node.position!.start.line - 1, level: (node as { depth: number }).depth, title: plainText(node).trim() }));
  const sections: Section[] = [];
  const firstLine = headings[0]?.line ?? lines.length;
  const preamble = lines.slice(0, firstLine).join('\n').trim();
  if (preamble) sections.push({ key: PREAMBLE, heading: PREAMBLE, level: 0, text: `${preamble}\n` });
  const seen = new Map<string, number>();
  headings.forEach((heading, i) => {
    const end = headings[i + 1]?.line ?? lines.length;
    const base = normaliseHeading(heading.title);
    const occurrence = (seen.get(base) ?? 0) + 1;
    seen.set(base, occurrence);
    sections.push({
      key: occurrence === 1 ? base : `${base}#${occurrence}`,
      heading: heading.title,
      level: heading.level,
      text: `${lines.slice(heading.line, end).join('\n').trimEnd()}\n`,
    });
  });
  return sections;
}

/** Section numbers are dropped from the match, so renumbering shows as a change of the section, not a swap. */
function normaliseHeading(title: string): string {
  return title.replace(/^\d+(\.\d+)*\.?\s+/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function diffSections(from: Section[], to: Section[], fromLabel: string, toLabel: string): SectionDiff[] {
  const fromByKey = new Map(from.map((s, i) => [s.key, { section: s, index: i }]));
  const toByKey = new Map(to.map((s, i) => [s.key, { section: s, index: i }]));
  const sharedInFromOrder = from.filter((s) => toByKey.has(s.key)).map((s) => s.key);
  const sharedInToOrder = to.filter((s) => fromByKey.has(s.key)).map((s) => s.key);
  // The longest run of shared sections kept in order stays put; every other shared section moved.
  const moved = new Set(diffArrays(sharedInFromOrder, sharedInToOrder).filter((part) => part.added).flatMap((part) => part.value));

  const entry = (older: Section | undefined, newer: Section | undefined, fromIndex: number | null, toIndex: number | null): SectionDiff => {
    const section = (newer ?? older)!;
    const changed = older?.text !== newer?.text;
    const isMoved = Boolean(older && newer && moved.has(section.key));
    const status: SectionStatus = !older ? 'ADDED' : !newer ? 'REMOVED' : changed ? 'CHANGED' : isMoved ? 'MOVED' : 'UNCHANGED';
    const patch = changed ? sectionPatch(older?.text ?? '', newer?.text ?? '', `${fromLabel} § ${older?.heading ?? section.heading}`, `${toLabel} § ${newer?.heading ?? section.heading}`) : { text: '', added: 0, removed: 0 };
    return { heading: section.heading, level: section.level, status, moved: isMoved, fromIndex, toIndex, linesAdded: patch.added, linesRemoved: patch.removed, unifiedDiff: patch.text };
  };

  // Removed sections are listed after the section that preceded them in the older version, so the list reads in document order.
  const removedAfter = new Map<string | null, SectionDiff[]>();
  let anchor: string | null = null;
  from.forEach((section, index) => {
    if (toByKey.has(section.key)) {
      anchor = section.key;
      return;
    }
    removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), entry(section, undefined, index, null)]);
  });
  const result: SectionDiff[] = [...(removedAfter.get(null) ?? [])];
  to.forEach((section, index) => {
    const older = fromByKey.get(section.key);
    result.push(entry(older?.section, section, older?.index ?? null, index));
    result.push(...(removedAfter.get(section.key) ?? []));
  });
  return result;
}

function sectionPatch(oldText: string, newText: string, oldName: string, newName: string): { text: string; added: number; removed: number } {
  const patch = structuredPatch(oldName, newName, oldText, newText, undefined, undefined, { context: 3 });
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((hunk) => {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added += 1;
      else if (line.startsWith('-')) removed += 1;
    }
    return [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines].join('\n');
  });
  return { text: [`--- ${oldName}`, `+++ ${newName}`, ...hunks].join('\n') + '\n', added, removed };
}

function diffVariables(from: readonly BlueprintVariable[], to: readonly BlueprintVariable[]): { added: string[]; removed: string[]; changed: string[] } {
  return diffByKey(from, to, (v) => v.name);
}

function diffByKey<T>(from: readonly T[], to: readonly T[], key: (item: T) => string): { added: string[]; removed: string[]; changed: string[] } {
  const fromByKey = new Map(from.map((item) => [key(item), item]));
  const toKeys = new Set(to.map(key));
  return {
    added: to.map(key).filter((k) => !fromByKey.has(k)),
    removed: from.map(key).filter((k) => !toKeys.has(k)),
    changed: to.filter((item) => fromByKey.has(key(item)) && JSON.stringify(fromByKey.get(key(item))) !== JSON.stringify(item)).map(key),
  };
}

function listed(what: string, added: string[], removed: string[], changed: string[]): string {
  const parts = [...added.map((x) => `+${x}`), ...removed.map((x) => `-${x}`), ...changed.map((x) => `~${x}`)];
  return parts.length ? `${what} ${parts.join(', ')}` : '';
}

