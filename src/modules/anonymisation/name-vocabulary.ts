// Word lists for finding people's names. They describe the language around names in NHS documents (titles,
// roles, "reported by") and the capitalised words of clinical safety prose that are not names ("Clinical
// Safety Officer", "Hazard Log", "the Trust"). They are deliberately free of surnames: "Green", "Hall", "King",
// "Ward" and "Rose" are all common surnames, so none of them is treated as "never a name".

/** Honorifics and clinical titles written before a name, compared case-sensitively without a trailing dot. */
export const TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Professor', 'Sister', 'Nurse', 'Matron', 'Sir', 'Dame', 'Rev', 'Revd', 'Sr']);

// Roles that introduce a person ("midwife Claire Dunn", "her son, Tom Reid"). Lower case; also used as
// trailing cues ("Tom Reid, pharmacist").
const ROLE_WORDS = [
  'patient', 'client', 'service user', 'resident', 'mum', 'mother', 'father', 'dad', 'son', 'daughter', 'husband',
  'wife', 'partner', 'brother', 'sister', 'sibling', 'carer', 'relative', 'friend', 'neighbour', 'nok',
  'next of kin', 'consultant', 'registrar', 'surgeon', 'anaesthetist', 'physician', 'doctor', 'gp', 'locum', 'sho',
  'fy1', 'fy2', 'foundation doctor', 'nurse', 'staff nurse', 'charge nurse', 'student nurse', 'midwife',
  'pharmacist', 'pharmacy technician', 'technician', 'physiotherapist', 'physio', 'therapist',
  'occupational therapist', 'dietitian', 'dietician', 'paramedic', 'radiographer', 'hca', 'healthcare assistant',
  'health care assistant', 'clerk', 'ward clerk', 'receptionist', 'ward manager', 'manager', 'matron',
  'cso', 'ccio', 'cnio', 'cmio', 'siro', 'colleague', 'student', 'trainee', 'practitioner', 'prescriber',
  'clinician', 'health visitor', 'social worker', 'interpreter', 'advocate', 'chaplain', 'witness', 'team leader',
  'lead', 'caller', 'informant', 'officer', 'director', 'rn', 'rgn', 'rmn', 'rmn', 'hcpc', 'agency nurse',
  'bank nurse', 'optometrist', 'dentist', 'podiatrist', 'psychologist', 'psychiatrist', 'health visitor',
];

// Verbs whose object or agent is a person: "reported by", "escalated to", "discussed with".
const VERB_BY = [
  'reported', 'seen', 'reviewed', 'signed', 'signed off', 'approved', 'authorised', 'authorized', 'assessed',
  'raised', 'completed', 'checked', 'verified', 'prepared', 'written', 'witnessed', 'countersigned', 'examined',
  'admitted', 'discharged', 'prescribed', 'administered', 'given', 'attended', 'treated', 'triaged', 'noted',
  'documented', 'closed', 'owned', 'chaired', 'requested', 'supervised', 'accompanied', 'collected', 'dispensed',
  'transcribed', 'entered', 'amended', 'updated', 'logged', 'submitted', 'investigated', 'taken', 'called',
  'visited', 'presented', 'identified', 'found', 'received', 'booked', 'cared for', 'looked after', 'recorded',
  'escalated', 'observed', 'spotted', 'noticed', 'accepted', 'rejected', 'minuted', 'led', 'conducted',
].map((verb) => `${verb} by`);
const VERB_TO = [
  'escalated', 'handed over', 'handed', 'assigned', 'allocated', 'spoke', 'spoken', 'talked', 'belongs', 'belonging',
  'delegated', 'explained', 'addressed', 'copied', 'speak', 'talk', 'explained this', 'apologised', 'apologized',
  'introduced', 'reassigned', 'handover',
].map((verb) => `${verb} to`);
const VERB_WITH = ['discussed', 'spoke', 'spoken', 'met', 'agreed', 'liaised', 'checked', 'confirmed', 'consulted', 'discussion', 'conversation', 'meeting', 'call'].map((verb) => `${verb} with`);
// Greetings, sign-offs and addressing words directly before a name.
const SALUTATIONS = [
  'dear', 'hi', 'hello', 'regards', 'kind regards', 'best regards', 'warm regards', 'thanks', 'many thanks',
  'thank you', 'wishes', 'best wishes', 'sincerely', 'yours sincerely', 'faithfully', 'yours faithfully', 'cheers',
  'cc', 'bcc', 'fao', 'attn', 'present', 'attendees', 'apologies', 'chair', 'minutes by',
];
// Ways of getting hold of someone: "please contact Jo Bell". Also said of teams and services ("call Text
// Relay", "contact Us"), so a single word after them is not taken as a name.
const CONTACT_VERBS = ['contact', 'please contact', 'ring', 'please ring', 'call', 'please call', 'phone', 'bleep', 'ask for', 'text', 'email', 'e-mail', 'page'];
// Labels of a form field holding a name. Only a cue with the colon ("From: Jo Bell", not "from Leeds").
const FIELD_LABELS = [
  'name', 'full name', 'patient name', 'staff name', 'surname', 'forename', 'first name', 'last name', 'author',
  'authors', 'reviewer', 'reviewers', 'approver', 'approvers', 'owner', 'action owner', 'hazard owner', 'risk owner',
  'assignee', 'from', 'to', 'signed', 'signature', 'print name', 'requester', 'requestor', 'employee', 'staff',
  'staff member', 'member of staff', 'user', 'named nurse', 'named consultant', 'named midwife', 'key worker',
  'on call', 'on-call', 'attending', 'referrer', 'referring clinician', 'emergency contact', 'applicant',
  'responsible clinician', 'clinical safety officer', 'reported', 'raised', 'by', 'contact name', 'sender',
  'recipient', 'person', 'who',
];
// "record for", "letter for": documents about a patient.
const RECORD_FOR = [
  'record', 'records', 'notes', 'letter', 'result', 'results', 'label', 'chart', 'banner', 'prescription',
  'referral', 'request', 'sample', 'appointment', 'allergies', 'observations', 'obs', 'wristband', 'summary',
  'timesheet', 'cv', 'file', 'details', 'account', 'profile', 'smartcard', 'login',
].flatMap((noun) => [`${noun} for`, `${noun} of`]);

export type CueKind = 'role' | 'verb' | 'salutation' | 'contact' | 'field' | 'record';

/** Phrases (lower case, single spaces) that introduce a name, with the kind of cue each is. */
export const LEADING_CUES = new Map<string, CueKind>([
  ...RECORD_FOR.map((phrase) => [phrase, 'record'] as const),
  ...FIELD_LABELS.map((phrase) => [phrase, 'field'] as const),
  ...SALUTATIONS.map((phrase) => [phrase, 'salutation'] as const),
  ...CONTACT_VERBS.map((phrase) => [phrase, 'contact'] as const),
  ...ROLE_WORDS.map((phrase) => [phrase, 'role'] as const),
  ...[...VERB_BY, ...VERB_TO, ...VERB_WITH].map((phrase) => [phrase, 'verb'] as const),
]);
export const LONGEST_CUE_WORDS = Math.max(...[...LEADING_CUES.keys()].map((phrase) => phrase.split(' ').length));

const TRAILING_ROLE_WORDS = [...new Set([...ROLE_WORDS.map((role) => role.split(' ').at(-1)!), 'dob', 'born', 'aged', 'birth', 'nmc', 'gmc', 'gphc', 'hcpc', 'pin'])];
const TRAILING_VERBS = [
  'reported', 'said', 'says', 'noted', 'confirmed', 'called', 'phoned', 'rang', 'wrote', 'emailed', 'e-mailed',
  'texted', 'documented', 'attended', 'explained', 'stated', 'raised', 'completed', 'signed', 'agreed', 'asked',
  'found', 'noticed', 'escalated', 'witnessed', 'administered', 'prescribed', 'requested', 'declined', 'refused',
  'reviewed', 'approved', 'recorded', 'observed', 'identified', 'spotted', 'discovered', 'informed', 'advised',
  'telephoned', 'contacted', 'visited', 'arrived', 'complained', 'disclosed', 'consented', 'collapsed', 'fell',
  'died', 'presented', 'told', 'received', 'missed', 'booked', 'discharged', 'admitted', 'felt', 'described',
  'recalled', 'remembered', 'apologised', 'apologized', 'replied', 'responded', 'checked', 'gave', 'dispensed',
];
/**
 * What may follow a name and show it is one: a verb of saying or doing ("Jo Bell reported"), a role after a comma
 * or in brackets ("Jo Bell, pharmacist", "Jo Bell (CSO)"), a registration ("Jo Bell - NMC ..."), an e-mail in
 * angle brackets, or a relative pronoun ("Jo Bell, whose registration lapsed").
 */
export const TRAILING_CUE = new RegExp(
  [
    String.raw`\s+(?:${TRAILING_VERBS.join('|')})\b`,
    String.raw`\s*[,(\-–]\s*(?:the\s+|a\s+|an\s+|our\s+|his\s+|her\s+|their\s+)?(?:[\p{L}'’\-]+\s+){0,3}?(?:${TRAILING_ROLE_WORDS.join('|')})\b`,
    String.raw`\s*<[^>\s@]+@`,
    String.raw`,\s+(?:who|whose|whom)\b`,
    String.raw`['’]s\s+(?:carer|daughter|son|husband|wife|partner|mother|father|nhs|dob|date\s+of\s+birth|address|gp|bed|allergies|medication|results|referral|wristband|next\s+of\s+kin)\b`,
  ].join('|'),
  'iuy',
);

// Capitalised words of NHS and clinical safety prose that are not names (and capitalised function words that
// start sentences). A run of capitalised words containing one of these is an organisation, place, document or
// role ("Oakfield Group Practice", "Hazard Log"), unless a title makes it a name ("Dr Foster").
const NOT_NAMES = `
a about above after again against all also although an and another any are as at be because been before being
below between both but by can could did do does doing down during each either every few for from further had has
have having here how however if in into is it its just more most no nor not now of off on once only or other our
out over own same she he so some such than that the their them then there these they this those through to too
under until up upon very was we were what when where which while who whom why will with would yes you your yet
please thanks thank dear regards hi hello kind best many yours note notes see also new old next last first second
third today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
spring summer autumn winter morning afternoon evening night weekend christmas easter
everyone everybody anyone anybody someone somebody nobody us me him them colleagues all relay command silver
bronze tactical strategic
nhs england scotland wales ireland northern southern eastern western north south east west central uk united
kingdom britain british english welsh scottish irish national regional local international european
trust trusts foundation hospital hospitals infirmary university teaching general district community royal
college council department dept unit units centre center clinic clinics practice practices surgery
health care healthcare social services service board boards committee committees group groups team teams panel
forum network networks alliance partnership partnerships authority agency commission institute office offices
ministry government parliament secretary state public private independent integrated icb icbs ics pcn ccg
system systems platform portal application app apps module modules software hardware interface interfaces
database server network cloud web website intranet internet email e-mail mobile tel telephone phone fax
address postcode website ext extension bleep pager mob landline
clinical safety officer officers hazard hazards log logs risk risks management manager managers plan plans file
files case cases report reports reporting record records register registers standard standards specification
guidance policy policies procedure procedures protocol protocols pathway pathways assessment assessments review
reviews reviewer audit audits assurance quality governance compliance incident incidents event events alert
alerts warning warnings early score scores scoring framework frameworks strategy strategies programme programmes
project projects template templates blueprint blueprints control controls mitigation mitigations issue issues
release releases version versions build builds change changes request requests test tests testing training
support helpdesk desk switchboard admissions admission discharge discharges transfer transfers referral referrals
appointment appointments booking bookings results result order orders ordering prescribing prescription
prescriptions medicines medicine medication medications drug drugs dose doses allergy allergies observations
chief deputy executive executives director directors medical nursing nurses consultants practitioner
practitioners specialist specialists advanced senior junior head lead leads leader leaders associate assistant
assistants principal registered responsible named acting interim chair chairman chairwoman president
information data protection privacy security cyber technical technology technologies digital informatics
operations operational estates facilities finance procurement contracts legal human resources workforce
education learning research innovation transformation improvement delivery suite labour antenatal postnatal
neonatal maternity paediatric paediatrics children childrens adult adults older people stroke renal respiratory
diabetes dermatology ophthalmology orthopaedics urology gynaecology obstetrics anaesthetics endoscopy dialysis
dietetics speech language therapy therapies occupational physiotherapy podiatry psychology psychiatry mental
sexual palliative hospice hospices outpatients outpatient inpatients inpatient emergency urgent accident
intensive critical acute primary secondary tertiary theatre theatres radiology imaging pathology haematology
microbiology biochemistry cardiology oncology neurology gastroenterology rheumatology virology pharmacy
radiologist radiologists microbiologist haematologist cardiologist oncologist paediatrician geriatrician
obstetrician gynaecologist dermatologist neurologist pathologist intensivist urologist nephrologist
endocrinologist rheumatologist gastroenterologist ophthalmologist sonographer phlebotomist orthoptist audiologist
anaesthetists surgeons physicians midwives pharmacists paramedics radiographers therapists dietitians
hepatology nephrology endocrinology geriatrics gerontology orthogeriatrics
pharmacies laboratory laboratories lab labs ambulance ambulances crew crews porters dispatch police fire coroner
healthwatch ombudsman caldicott guardian owner owners partners patients staff bank agency locums duty on-call
ops access flow site sites bed beds bay bays level levels floor floors room rooms capacity transport porters
portering catering domestic housekeeping reception admin administration coding clerking triage handover
handovers street road avenue drive close way row grove view place crescent terrace gardens square
walk mews parade lodge building block tower estate
saint st mount
spine connect smartcard windows microsoft chrome excel word teams outlook android ios epic cerner
ward-based nurse-led doctor-led
snomed icd dm+d hl7 fhir iso iec dcb dcb0129 dcb0160 dspt dpia dtac
appendix annex table figure section clause step stage phase part chapter page item items paragraph schedule
sepsis covid influenza flu asthma cancer dementia diabetes
total summary overview introduction background purpose scope method methods conclusion conclusions
recommendation recommendations action actions outcome outcomes findings lessons learning learnings
completed open closed transferred accepted approved rejected pending draft final published
high low medium very major minor significant considerable catastrophic unacceptable acceptable tolerable
likelihood severity rating ratings residual initial
yorkshire humber midlands london cumbria cornwall devon kent essex surrey sussex lancashire merseyside
`;
// Words of the cue phrases that are also common surnames stay possible names ("ward clerk" but "Helen Ward").
const SURNAMES_IN_CUE_PHRASES = new Set(['ward', 'bell', 'king', 'rose', 'lead', 'chase', 'hope']);
export const STOP_WORDS = new Set(
  [
    ...NOT_NAMES.split(/\s+/).filter(Boolean),
    ...[...ROLE_WORDS, ...VERB_BY, ...SALUTATIONS, ...CONTACT_VERBS].flatMap((phrase) => phrase.split(' ')),
  ].filter((word) => !SURNAMES_IN_CUE_PHRASES.has(word)),
);

/**
 * Words after a run of capitalised words that make it an organisation ("Southhaven ICB", "Leeds NHS Trust",
 * "Acme Health Ltd") rather than a person.
 */
export const ORGANISATION_SUFFIX = /^[ \u00a0](?:NHS|ICB|ICS|CCG|PCN|CSU|CIC|LLP|Ltd|PLC|plc|Limited|Inc|LLC|UK|GmbH)\b/u;

/** Upper-case words that look like a surname in "SMITH, John" but are acronyms or shouted words. */
export const NOT_SURNAMES = new Set(
  `NHS EPR PAS ICU ITU ED AE GP CSO CCIO CNIO CMIO SIRO DCB HL FHIR API UK EU ICB ICS PCN CCG HR IT IG QI PS PSIRF
  LFPSE NRLS CQC MHRA NICE NHSE NHSX UKHSA ISO IEC NOTE NB WARNING IMPORTANT URGENT PLEASE ACTION UPDATE RE FW FWD
  FYI TBC TBD NA OK YES NO AND OR THE FOR TO OF IN ON AT BY WITH FROM HAZARD RISK CONTROL DOB NI NMC GMC MRN ID
  AM PM UTC BST GMT SMS ECG MRI CT TPR BP HR RR NEWS MEWS PEWS COVID INR RAG SOP DPIA CSCR CRMP CRMF HIS
  CAUTION DANGER ALERT NEW OLD DRAFT FINAL SUMMARY BACKGROUND PURPOSE SCOPE ACTIONS OUTCOME DECISION AGREED
  RESOLVED CLOSED OPEN REVIEW APPROVED RESULT RESULTS STATUS OWNER DATE TIME TITLE VERSION AUTHOR REASON IMPACT
  CAUSE CAUSES EFFECT HAZARDS CONTROLS RISKS MITIGATION NOTES COMMENTS QUESTION ANSWER TRUE FALSE NULL TODO FIXME
  STOP READ NOTICE INFO DEBUG ERROR WARN SEE ALSO`.split(/\s+/),
);
