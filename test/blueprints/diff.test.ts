import { describe, expect, it } from 'vitest';
import type { BlueprintVersion } from '../../src/modules/blueprints/blueprint-version.entity.js';
import { diffVersions, splitSections } from '../../src/modules/blueprints/diff.service.js';

function version(number: string, template: string, extra: Partial<BlueprintVersion> = {}): BlueprintVersion {
  const [major, minor, patch] = number.split('.').map(Number);
  return {
    version: number, major, minor, patch, template, title: 'Test', summary: 'Test', changelog: `Changes in ${number}.`, publishedOn: `2026-0${minor + 1}-01`,
    variables: [], hazards: [], clauseRefs: [], topics: [], licence: 'OGL', contentHash: number, sourcePath: '', withdrawn: false,
    ...extra,
  } as unknown as BlueprintVersion;
}

const before = `# Plan for {{productName}}

Intro text.

## 1. Scope

The scope.

## 2. Roles

- CSO
- Project manager

## 3. Reviews

Reviewed yearly.

## 4. Records

Kept for the life of the system.

\`\`\`
# not a heading, inside code
\`\`\`
`;

const after = `# Plan for {{productName}}

Intro text.

## 1. Roles

- CSO
- Project manager

## 2. Scope

The scope.

## 3. Reviews

Reviewed every {{reviewIntervalMonths}} months.

## 4. Training

New section.
`;

describe('section-level diff of blueprint versions', () => {
  it('splits at headings found by the Markdown parser, not at # inside code', () => {
    const sections = splitSections(before);
    expect(sections.map((s) => [s.heading, s.level])).toEqual([
      ['Plan for {{productName}}', 1], ['1. Scope', 2], ['2. Roles', 2], ['3. Reviews', 2], ['4. Records', 2],
    ]);
    expect(sections[4].text).toContain('# not a heading, inside code');
  });

  it('keeps text before the first heading as a section of its own', () => {
    expect(splitSections('Opening words.\n\n## One\n\nBody\n').map((s) => s.heading)).toEqual(['(before the first heading)', 'One']);
  });

  it('reports added, removed, changed and moved sections, matched by heading without its number', () => {
    const diff = diffVersions('plan', version('1.0.0', before), version('1.1.0', after), []);
    const byHeading = Object.fromEntries(diff.sections.map((s) => [s.heading, s]));
    expect(diff.sections.map((s) => [s.heading, s.status, s.moved])).toEqual([
      ['Plan for {{productName}}', 'UNCHANGED', false],
      ['1. Roles', 'CHANGED', false],
      ['2. Scope', 'CHANGED', true],
      ['3. Reviews', 'CHANGED', false],
      // A removed section is listed where it stood: after the section that preceded it.
      ['4. Records', 'REMOVED', false],
      ['4. Training', 'ADDED', false],
    ]);
    // The renumbered heading line is the only change in Roles, and the diff shows it.
    expect(byHeading['1. Roles'].unifiedDiff).toContain('-## 2. Roles\n+## 1. Roles');
    expect(byHeading['3. Reviews'].unifiedDiff).toContain('-Reviewed yearly.\n+Reviewed every {{reviewIntervalMonths}} months.');
    expect(byHeading['3. Reviews']).toMatchObject({ linesAdded: 1, linesRemoved: 1, fromIndex: 3, toIndex: 3 });
    expect(byHeading['4. Training']).toMatchObject({ fromIndex: null, toIndex: 4, linesRemoved: 0 });
    expect(byHeading['4. Records']).toMatchObject({ fromIndex: 4, toIndex: null, linesAdded: 0 });
    expect(byHeading['4. Records'].unifiedDiff).toContain('-Kept for the life of the system.');
    expect(diff.summary).toBe('plan 1.0.0 -> 1.1.0: 1 sections added, 1 removed, 3 changed, 1 moved, 1 unchanged');
  });

  it('calls a section that only changed place MOVED', () => {
    const a = '## Alpha\n\nA\n\n## Beta\n\nB\n\n## Gamma\n\nC\n';
    const b = '## Gamma\n\nC\n\n## Alpha\n\nA\n\n## Beta\n\nB\n';
    const diff = diffVersions('x', version('1.0.0', a), version('2.0.0', b), []);
    expect(diff.sections.map((s) => [s.heading, s.status])).toEqual([['Gamma', 'MOVED'], ['Alpha', 'UNCHANGED'], ['Beta', 'UNCHANGED']]);
    expect(diff.unifiedDiff).toBe('');
  });

  it('writes a readable unified diff with file-like headers per section', () => {
    const diff = diffVersions('plan', version('1.0.0', before), version('1.1.0', after), []);
    const reviews = diff.sections.find((s) => s.heading === '3. Reviews')!;
    expect(reviews.unifiedDiff).toBe([
      '--- plan 1.0.0 § 3. Reviews',
      '+++ plan 1.1.0 § 3. Reviews',
      '@@ -1,3 +1,3 @@',
      ' ## 3. Reviews',
      ' ',
      '-Reviewed yearly.',
      '+Reviewed every {{reviewIntervalMonths}} months.',
      '',
    ].join('\n'));
    expect(diff.unifiedDiff).toContain(reviews.unifiedDiff);
  });

  it('compares variables, clauses and starter hazards, and gathers the changelogs in between', () => {
    const hazard = (code: string, title: string) => ({ code, title }) as never;
    const from = version('1.0.0', before, {
      variables: [{ name: 'productName', type: 'STRING', required: true, description: 'Name' }],
      clauseRefs: ['DCB0129 3.2.1'], hazards: [hazard('H-001', 'Wrong patient'), hazard('H-002', 'Unavailable')],
    });
    const middle = version('1.1.0', before);
    const to = version('2.0.0', after, {
      variables: [{ name: 'productName', type: 'STRING', required: true, description: 'The system' }, { name: 'reviewIntervalMonths', type: 'NUMBER', required: false, default: 12, description: 'Months' }],
      clauseRefs: ['DCB0129 3.2.1', 'DCB0160 3.2.1'], hazards: [hazard('H-001', 'Wrong patient selected'), hazard('H-003', 'Interface')],
    });
    const diff = diffVersions('plan', from, to, [to, middle, from]);
    expect(diff).toMatchObject({
      variablesAdded: ['reviewIntervalMonths'], variablesRemoved: [], variablesChanged: ['productName'],
      clausesAdded: ['DCB0160 3.2.1'], clausesRemoved: [],
      hazardsAdded: ['H-003'], hazardsRemoved: ['H-002'], hazardsChanged: ['H-001'],
    });
    expect(diff.changelog.map((c) => c.version)).toEqual(['1.1.0', '2.0.0']);
    expect(diff.summary).toContain('variables +reviewIntervalMonths, ~productName; clauses +DCB0160 3.2.1; starter hazards +H-003, -H-002, ~H-001');
  });

  it('reads a backwards comparison the other way round, with the same changelogs', () => {
    const from = version('1.0.0', before);
    const to = version('1.1.0', after);
    const diff = diffVersions('plan', to, from, [to, from]);
    expect(diff.sections.find((s) => s.heading === '4. Records')!.status).toBe('ADDED');
    expect(diff.sections.find((s) => s.heading === '4. Training')!.status).toBe('REMOVED');
    expect(diff.changelog.map((c) => c.version)).toEqual(['1.1.0']);
  });
});
