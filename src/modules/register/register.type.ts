import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import type { Framework } from '../competencies/competency-framework.service.js';
import { CompetencyLevel, CompetencyType } from '../competencies/competency.type.js';
import type { EntryView } from './register.service.js';
import { registerEntryGlobalId } from './register.service.js';
import type { RegisterField as RegisterFieldValue } from './register-vocabulary.js';

export enum ProfessionalBody {
  GMC = 'GMC',
  NMC = 'NMC',
  HCPC = 'HCPC',
  GPHC = 'GPHC',
  GDC = 'GDC',
  GOC = 'GOC',
  GOSC = 'GOSC',
  GCC = 'GCC',
  PSNI = 'PSNI',
  SWE = 'SWE',
  OTHER = 'OTHER',
}
registerEnumType(ProfessionalBody, {
  name: 'ProfessionalBody',
  description: 'The register the CSO is on: GMC, NMC, HCPC, GPhC, GDC, GOC, GOsC, GCC, PSNI, Social Work England (SWE), or OTHER.',
});

export enum Region {
  EAST_OF_ENGLAND = 'EAST_OF_ENGLAND',
  LONDON = 'LONDON',
  MIDLANDS = 'MIDLANDS',
  NORTH_EAST_AND_YORKSHIRE = 'NORTH_EAST_AND_YORKSHIRE',
  NORTH_WEST = 'NORTH_WEST',
  SOUTH_EAST = 'SOUTH_EAST',
  SOUTH_WEST = 'SOUTH_WEST',
  SCOTLAND = 'SCOTLAND',
  WALES = 'WALES',
  NORTHERN_IRELAND = 'NORTHERN_IRELAND',
}
registerEnumType(Region, { name: 'Region', description: 'NHS England\'s seven regions, and the devolved nations.' });

export enum OrganisationType {
  ACUTE_TRUST = 'ACUTE_TRUST',
  MENTAL_HEALTH_TRUST = 'MENTAL_HEALTH_TRUST',
  COMMUNITY_PROVIDER = 'COMMUNITY_PROVIDER',
  AMBULANCE_SERVICE = 'AMBULANCE_SERVICE',
  INTEGRATED_CARE_BOARD = 'INTEGRATED_CARE_BOARD',
  PRIMARY_CARE = 'PRIMARY_CARE',
  SOCIAL_CARE = 'SOCIAL_CARE',
  MANUFACTURER = 'MANUFACTURER',
  CONSULTANCY = 'CONSULTANCY',
  NATIONAL_BODY = 'NATIONAL_BODY',
  OTHER = 'OTHER',
}
registerEnumType(OrganisationType, { name: 'OrganisationType', description: 'The kind of organisation the CSO works for or with.' });

export enum PractisedStandard {
  DCB0129 = 'DCB0129',
  DCB0160 = 'DCB0160',
}
registerEnumType(PractisedStandard, { name: 'PractisedStandard', description: 'A clinical risk management standard the CSO practises under.' });

export enum RegisterField {
  NAME = 'NAME',
  REGISTRATION = 'REGISTRATION',
  ORGANISATION_TYPE = 'ORGANISATION_TYPE',
  REGION = 'REGION',
  ICB = 'ICB',
  STANDARDS = 'STANDARDS',
  YEARS_AS_CSO = 'YEARS_AS_CSO',
  COMPETENCIES = 'COMPETENCIES',
  TRAINING = 'TRAINING',
  MENTORING = 'MENTORING',
}
registerEnumType(RegisterField, {
  name: 'RegisterField',
  description: 'A part of a register entry the registrant can make public. REGISTRATION covers the body and the number; MENTORING is whether they have mentoring places free.',
});

export enum EntryStatus {
  VERIFIED = 'VERIFIED',
  UNVERIFIED = 'UNVERIFIED',
  ANY = 'ANY',
}
registerEnumType(EntryStatus, { name: 'RegisterEntryStatus', description: 'VERIFIED entries are public; UNVERIFIED and ANY are for admins reviewing the register.' });

@InputType('RegisterCompetencyInput')
export class RegisterCompetencyInput {
  @Field(() => String, { description: 'A framework competency id.' })
  competency!: string;
  @Field(() => CompetencyLevel)
  level!: CompetencyLevel;
}

@InputType('RegisterEntryInput', { description: 'A whole register entry; an update replaces every field.' })
export class RegisterEntryInput {
  @Field(() => String, { description: 'Your name as it appears on your professional register.' })
  displayName!: string;
  @Field(() => ProfessionalBody)
  registrationBody!: ProfessionalBody;
  @Field(() => String)
  registrationNumber!: string;
  @Field(() => OrganisationType)
  organisationType!: OrganisationType;
  @Field(() => Region)
  region!: Region;
  @Field(() => String, { nullable: true, description: 'Your integrated care board, e.g. "NHS North East London ICB".' })
  icb?: string | null;
  @Field(() => [PractisedStandard])
  standards!: PractisedStandard[];
  @Field(() => Int)
  yearsAsCso!: number;
  @Field(() => [RegisterCompetencyInput], { defaultValue: [] })
  competencies!: RegisterCompetencyInput[];
  @Field(() => [String], { defaultValue: [], description: 'Slugs of training catalogue resources you have completed.' })
  trainingCompleted!: string[];
  @Field(() => [String], { defaultValue: [], description: 'Training not in the catalogue, in your words (at most 20).' })
  otherTraining!: string[];
  @Field(() => [RegisterField], { defaultValue: [], description: 'The fields anyone may see once an admin has verified the entry; the rest stay private.' })
  publicFields!: RegisterField[];
}

@InputType('RegisterSearchFilter', { description: 'A filter on a field matches only entries that made that field public (admins see all).' })
export class RegisterSearchFilterInput {
  @Field(() => Region, { nullable: true })
  region?: Region;
  @Field(() => PractisedStandard, { nullable: true })
  standard?: PractisedStandard;
  @Field(() => String, { nullable: true, description: 'A framework competency id.' })
  competency?: string;
  @Field(() => CompetencyLevel, { nullable: true, description: 'With `competency`: held at this level or above.' })
  minimumLevel?: CompetencyLevel;
  @Field(() => OrganisationType, { nullable: true })
  organisationType?: OrganisationType;
  @Field(() => Boolean, { nullable: true, description: 'Only CSOs with mentoring places free (true) or without (false).' })
  availableForMentoring?: boolean;
  @Field(() => EntryStatus, { nullable: true, defaultValue: EntryStatus.VERIFIED })
  status?: EntryStatus;
}

@Directive(cacheHint.personal)
@ObjectType('RegisterCompetency', { description: 'A competency a registrant holds, at the level they state.' })
export class RegisterCompetencyType {
  @Field(() => CompetencyType)
  competency!: CompetencyType;
  @Field(() => CompetencyLevel)
  level!: CompetencyLevel;
}

const hidden = 'Null when the registrant has not made it public (the registrant and admins always see it).';

@Directive(cacheHint.personal)
@ObjectType('RegisterEntry', {
  description: 'An entry in the national CSO register. Each field is visible to everyone only if the registrant made it public and an admin verified the entry; '
    + 'the registrant and admins see all of it, and the other side of a mentoring pairing also sees the name.',
})
export class RegisterEntryType {
  @Field(() => ID)
  id!: string;
  @Field(() => Boolean, { description: 'An admin checked the name and registration against the professional register.' })
  verified!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true })
  verifiedAt!: Date | null;
  @Field(() => [RegisterField], { description: 'The fields this caller can see.' })
  visibleFields!: RegisterFieldValue[];
  @Field(() => String, { nullable: true, description: hidden })
  name!: string | null;
  @Field(() => ProfessionalBody, { nullable: true, description: hidden })
  registrationBody!: ProfessionalBody | null;
  @Field(() => String, { nullable: true, description: hidden })
  registrationNumber!: string | null;
  @Field(() => OrganisationType, { nullable: true, description: hidden })
  organisationType!: OrganisationType | null;
  @Field(() => Region, { nullable: true, description: hidden })
  region!: Region | null;
  @Field(() => String, { nullable: true, description: hidden })
  icb!: string | null;
  @Field(() => [PractisedStandard], { nullable: true, description: hidden })
  standards!: PractisedStandard[] | null;
  @Field(() => Int, { nullable: true, description: hidden })
  yearsAsCso!: number | null;
  @Field(() => [RegisterCompetencyType], { nullable: true, description: hidden })
  competencies!: RegisterCompetencyType[] | null;
  @Field(() => [String], { nullable: true, description: `Training not in the catalogue. ${hidden}` })
  otherTraining!: string[] | null;
  @Field(() => Boolean, { nullable: true, description: `Whether the registrant has mentoring places free. ${hidden}` })
  availableForMentoring!: boolean | null;
  @Field(() => [RegisterField], { nullable: true, description: 'What the registrant made public; only the registrant and admins see this.' })
  publicFields!: RegisterFieldValue[] | null;

  /** Catalogue slugs, or null when TRAINING is hidden; resolved by `trainingCompleted`. */
  trainingSlugs!: string[] | null;

  static from(view: EntryView, framework: Framework | null): RegisterEntryType {
    const { entry, visible, offer } = view;
    const shown = <T>(field: RegisterFieldValue, value: T): T | null => (visible.has(field) ? value : null);
    return Object.assign(new RegisterEntryType(), {
      id: registerEntryGlobalId(entry.id),
      verified: entry.verified,
      verifiedAt: entry.verifiedAt ?? null,
      visibleFields: [...visible],
      name: shown('NAME', entry.displayName),
      registrationBody: shown('REGISTRATION', entry.registrationBody as ProfessionalBody),
      registrationNumber: shown('REGISTRATION', entry.registrationNumber),
      organisationType: shown('ORGANISATION_TYPE', entry.organisationType as OrganisationType),
      region: shown('REGION', entry.region as Region),
      icb: shown('ICB', entry.icb ?? null),
      standards: shown('STANDARDS', entry.standards as PractisedStandard[]),
      yearsAsCso: shown('YEARS_AS_CSO', entry.yearsAsCso),
      competencies: shown('COMPETENCIES', view.competencies.flatMap((c) => {
        const placed = framework?.find(c.competency);
        return placed ? [Object.assign(new RegisterCompetencyType(), { competency: CompetencyType.from(placed.competency, placed.pillar, placed.position), level: c.level as CompetencyLevel })] : [];
      })),
      otherTraining: shown('TRAINING', entry.otherTraining),
      trainingSlugs: shown('TRAINING', entry.trainingCompleted),
      availableForMentoring: shown('MENTORING', Boolean(offer?.active && offer.placesTaken < offer.capacity)),
      publicFields: view.relation === 'FULL' ? (entry.publicFields as RegisterFieldValue[]) : null,
    });
  }
}

@Directive(cacheHint.personal)
@ObjectType('MyRegisterEntry', { description: 'Your own register entry, whole, and everything the register holds about you as JSON.' })
export class MyRegisterEntryType {
  @Field(() => RegisterEntryType)
  entry!: RegisterEntryType;
  @Field(() => String, { description: 'JSON: the entry, its competencies, your mentoring offer, your mentoring requests and your pairings (format dcs-hub-register-export/1).' })
  export!: string;
}

@Directive(cacheHint.personal)
@ObjectType('RegisterErasure', { description: 'Confirmation that an entry was erased. Only an audit record without personal data remains.' })
export class RegisterErasureType {
  @Field(() => GraphQLISODateTime)
  erasedAt!: Date;
  @Field(() => Int, { description: 'The audit log entry that records the erasure.' })
  auditSequence!: number;
}
