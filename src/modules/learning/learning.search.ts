import { DocumentKind } from '../../graphql/document.js';
import { paths } from '../../graphql/urls.js';
import { markdownToText, registerSearchSource } from '../search/search-documents.js';
import { parseClauseRef } from '../standards/clause-ref.js';
import { EvidenceItemEntity } from './evidence-item.entity.js';
import { PHYSICAL_HARM_LABELS, PSYCHOLOGICAL_HARM_LABELS } from './harm.js';
import { renderNarrative } from './learning-narrative.js';
import { SafetyLearningEntity } from './safety-learning.entity.js';

// Learnings and evidence are faceted like safety cases (system type, setting), and their hazard families are
// indexed as topics, so one topic filter finds the guidance, the learnings and the evidence about, say, medication.

const EVENT_TYPE_WORDS: Record<string, string> = {
  INCIDENT: 'patient safety incident', RISK: 'patient safety risk', OUTCOME: 'poor outcome', GOOD_CARE: 'good care, good practice',
};

function joinText(...parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => Boolean(p && p.trim())).join('\n');
}

function standardsCited(refs: readonly string[]): string[] {
  return [...new Set(refs.map((r) => parseClauseRef(r)?.code).filter((c): c is string => Boolean(c)))];
}

registerSearchSource({
  kind: DocumentKind.LEARNING,
  nodeType: 'SafetyLearning',
  async load(em, keys, labels) {
    const rows = await em.find(SafetyLearningEntity, keys ? { slug: { $in: [...keys] }, published: true } : { published: true });
    return rows.map((l) => ({
      kind: DocumentKind.LEARNING,
      key: l.slug,
      entityId: l.id,
      path: paths.learning(l.slug),
      title: l.title,
      summary: l.summary,
      keywords: joinText(
        `${EVENT_TYPE_WORDS[l.eventType]}, learning from patient safety events, LFPSE`,
        `${PHYSICAL_HARM_LABELS[l.physicalHarm]}, ${PSYCHOLOGICAL_HARM_LABELS[l.psychologicalHarm]}`,
        labels.label('SYSTEM_TYPE', l.systemType),
        labels.label('SETTING', l.setting),
        labels.labelList('HAZARD_FAMILY', l.hazardFamilies),
        labels.labelList('TOPIC', l.topics),
        l.clauseRefs.join(', '),
      ),
      body: markdownToText(renderNarrative(l)),
      clauseRef: null,
      clauseSortKey: null,
      clauseAncestors: [],
      citedClauses: l.clauseRefs,
      standards: standardsCited(l.clauseRefs),
      topics: [...new Set([...l.topics, ...l.hazardFamilies])],
      blueprintKind: null,
      systemType: l.systemType,
      setting: l.setting,
      updatedAt: l.updatedAt,
    }));
  },
});

registerSearchSource({
  kind: DocumentKind.EVIDENCE,
  nodeType: 'EvidenceItem',
  async load(em, keys, labels) {
    const rows = await em.find(EvidenceItemEntity, keys ? { slug: { $in: [...keys] }, published: true } : { published: true });
    return rows.map((e) => ({
      kind: DocumentKind.EVIDENCE,
      key: e.slug,
      entityId: e.id,
      path: paths.evidence(e.slug),
      title: e.title,
      summary: e.summary,
      keywords: joinText(
        `evidence, ${e.studyDesign.replace(/_/g, ' ').toLowerCase()}, ${e.strength.replace(/_/g, ' ').toLowerCase()} strength evidence`,
        e.intervention,
        `${e.sourceCitation} ${e.sourceYear}`,
        e.systemType ? labels.label('SYSTEM_TYPE', e.systemType) : null,
        e.setting ? labels.label('SETTING', e.setting) : null,
        labels.labelList('HAZARD_FAMILY', e.hazardFamilies),
        labels.labelList('TOPIC', e.topics),
      ),
      body: joinText(e.outcomeMeasure, e.effect, markdownToText(e.body)),
      clauseRef: null,
      clauseSortKey: null,
      clauseAncestors: [],
      citedClauses: [],
      standards: [],
      topics: [...new Set([...e.topics, ...e.hazardFamilies])],
      blueprintKind: null,
      systemType: e.systemType ?? null,
      setting: e.setting ?? null,
      updatedAt: e.updatedAt,
    }));
  },
});
