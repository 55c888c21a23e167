/**
 * A learning's narrative is four fixed sections. Content files write them as `##` sections of the Markdown body,
 * a CSV export as four columns; both become the same four fields, and the body is always rendered from them.
 */
export const NARRATIVE_SECTIONS = [
  { field: 'whatHappened', heading: 'What happened', column: 'what_happened' },
  { field: 'whyItHappened', heading: 'Why it happened', column: 'why_it_happened' },
  { field: 'whatWasLearned', heading: 'What was learned', column: 'what_was_learned' },
  { field: 'whatChanged', heading: 'What changed', column: 'what_changed' },
] as const;

export type NarrativeField = (typeof NARRATIVE_SECTIONS)[number]['field'];
export type Narrative = Record<NarrativeField, string>;

export interface NarrativeProblem {
  /** 1-based line within the body. */
  line: number;
  message: string;
}

export interface NarrativeSection {
  field: NarrativeField;
  text: string;
  /** 1-based body line of the section's first text line (the line after its heading). */
  line: number;
}

const HEADING = /^##(?!#)\s*(.*?)\s*#*\s*$/;

export function parseNarrative(body: string): { narrative?: Narrative; sections: NarrativeSection[]; problems: NarrativeProblem[] } {
  const lines = body.split(/\r?\n/);
  const problems: NarrativeProblem[] = [];
  const found: { field: NarrativeField; headingLine: number; lines: string[] }[] = [];
  const preamble: number[] = [];
  let current: (typeof found)[number] | undefined;
  let fenced = false;

  lines.forEach((text, index) => {
    const line = index + 1;
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    const heading = fenced ? null : HEADING.exec(text);
    if (heading) {
      const section = NARRATIVE_SECTIONS.find((s) => s.heading.toLowerCase() === heading[1].toLowerCase());
      if (!section) {
        problems.push({ line, message: `unexpected section "## ${heading[1]}": a learning has exactly the sections ${headingList()}` });
        current = undefined;
        return;
      }
      if (found.some((f) => f.field === section.field)) problems.push({ line, message: `section "## ${section.heading}" appears twice` });
      current = { field: section.field, headingLine: line, lines: [] };
      found.push(current);
      return;
    }
    if (current) current.lines.push(text);
    else if (text.trim() !== '') preamble.push(line);
  });

  if (preamble.length > 0) problems.push({ line: preamble[0], message: `text before the first section: start the body with "## ${NARRATIVE_SECTIONS[0].heading}"` });
  const sections: NarrativeSection[] = [];
  NARRATIVE_SECTIONS.forEach((section, position) => {
    const entry = found.find((f) => f.field === section.field);
    if (!entry) {
      problems.push({ line: lines.length, message: `missing section "## ${section.heading}" (a learning has ${headingList()})` });
      return;
    }
    const text = entry.lines.join('\n').trim();
    if (!text) problems.push({ line: entry.headingLine, message: `section "## ${section.heading}" is empty` });
    if (found.indexOf(entry) !== position && found.length === NARRATIVE_SECTIONS.length) {
      problems.push({ line: entry.headingLine, message: `section "## ${section.heading}" is out of order: write ${headingList()} in that order` });
    }
    const firstText = entry.lines.findIndex((l) => l.trim() !== '');
    sections.push({ field: section.field, text, line: entry.headingLine + 1 + Math.max(firstText, 0) });
  });
  if (problems.length > 0) return { sections, problems };
  const narrative = Object.fromEntries(sections.map((s) => [s.field, s.text])) as Narrative;
  return { narrative, sections, problems };
}

export function renderNarrative(narrative: Narrative): string {
  return NARRATIVE_SECTIONS.map((section) => `## ${section.heading}\n\n${narrative[section.field].trim()}`).join('\n\n');
}

function headingList(): string {
  return NARRATIVE_SECTIONS.map((s) => `"${s.heading}"`).join(', ');
}
