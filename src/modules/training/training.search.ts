import { DocumentKind } from '../../graphql/document.js';
import { paths } from '../../graphql/urls.js';
import { CompetencyFrameworkService } from '../competencies/competency-framework.service.js';
import { markdownToText, registerSearchSource } from '../search/search-documents.js';
import { TrainingResourceEntity } from './training-resource.entity.js';

const FORMAT_WORDS: Record<string, string> = {
  E_LEARNING: 'e-learning online module',
  LIVE_COURSE: 'course workshop',
  BLENDED_PROGRAMME: 'programme course',
  READING: 'guidance reading',
  TOOLKIT: 'toolkit tools',
  COMMUNITY: 'network community events',
  WORK_BASED: 'work-based learning',
};

/**
 * Training resources are searchable with the rest of the hub: keywords carry the provider, format, level and the
 * titles of the competencies covered, so "human factors course" or "hazard workshop training" finds them, and
 * the topic facet counts them like any other document.
 */
registerSearchSource({
  kind: DocumentKind.TRAINING,
  nodeType: 'TrainingResource',
  async load(em, keys, labels) {
    const rows = await em.find(TrainingResourceEntity, keys ? { slug: { $in: [...keys] }, published: true } : { published: true });
    if (rows.length === 0) return [];
    const framework = await new CompetencyFrameworkService(em).load();
    return rows.map((r) => ({
      kind: DocumentKind.TRAINING,
      key: r.slug,
      entityId: r.id,
      path: paths.training(r.slug),
      title: r.title,
      summary: r.summary,
      keywords: [
        r.provider,
        `training ${FORMAT_WORDS[r.format] ?? ''} ${r.level.toLowerCase()} level`,
        r.competencies.map((id) => framework?.find(id)?.competency.title ?? id.replace(/-/g, ' ')).join('. '),
        labels.labelList('TOPIC', r.topics),
      ].join('\n'),
      body: markdownToText(r.body),
      clauseRef: null,
      clauseSortKey: null,
      clauseAncestors: [],
      citedClauses: [],
      standards: [],
      topics: r.topics,
      blueprintKind: null,
      systemType: null,
      setting: null,
      updatedAt: r.updatedAt,
    }));
  },
});
