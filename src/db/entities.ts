import { AnonymisationAllowanceEntity } from '../modules/anonymisation/anonymisation-allowance.entity.js';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity.js';
import { ApiKeyEntity } from '../modules/auth/api-key.entity.js';
import { BlueprintEntity } from '../modules/blueprints/blueprint.entity.js';
import { BlueprintVersionEntity } from '../modules/blueprints/blueprint-version.entity.js';
import { CompetencyFrameworkEntity } from '../modules/competencies/competency-framework.entity.js';
import { GlossaryTermEntity } from '../modules/glossary/glossary-term.entity.js';
import { GuidanceArticleEntity } from '../modules/guidance/guidance-article.entity.js';
import { EvidenceItemEntity } from '../modules/learning/evidence-item.entity.js';
import { SafetyLearningEntity } from '../modules/learning/safety-learning.entity.js';
import { RevisionEntity } from '../modules/revisions/revision.entity.js';
import { RiskMatrixEntity } from '../modules/risk/risk-matrix.entity.js';
import { HazardEntity } from '../modules/safety-cases/hazard.entity.js';
import { SafetyCaseEntity } from '../modules/safety-cases/safety-case.entity.js';
import { SearchOutboxEntity } from '../modules/search/search-outbox.entity.js';
import { ClauseEntity } from '../modules/standards/clause.entity.js';
import { StandardEntity } from '../modules/standards/standard.entity.js';
import { SubmissionEntity, SubmissionReviewEntity } from '../modules/submissions/submission.entity.js';
import { TopicEntity } from '../modules/taxonomy/topic.entity.js';
import { TrainingResourceEntity } from '../modules/training/training-resource.entity.js';
import { RegisterCompetencyEntity, RegisterEntryEntity } from '../modules/register/register-entry.entity.js';
import { MentorOfferEntity, MentoringRequestEntity, MentorshipPairingEntity } from '../modules/mentorship/mentorship.entity.js';

export const entities = [
  StandardEntity,
  ClauseEntity,
  GuidanceArticleEntity,
  BlueprintEntity,
  BlueprintVersionEntity,
  SafetyCaseEntity,
  HazardEntity,
  TopicEntity,
  GlossaryTermEntity,
  RiskMatrixEntity,
  RevisionEntity,
  AnonymisationAllowanceEntity,
  SearchOutboxEntity,
  SafetyLearningEntity,
  EvidenceItemEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  SubmissionEntity,
  SubmissionReviewEntity,
  CompetencyFrameworkEntity,
  TrainingResourceEntity,
  RegisterEntryEntity,
  RegisterCompetencyEntity,
  MentorOfferEntity,
  MentoringRequestEntity,
  MentorshipPairingEntity,
];
