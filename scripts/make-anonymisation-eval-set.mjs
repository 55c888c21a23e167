#!/usr/bin/env node
// Generates test/fixtures/anonymisation/eval-set.jsonl: the labelled evaluation set for the anonymisation gate.
//
// Everything here is synthetic and fictional: names are random pairs from mixed lists, phone numbers come from
// Ofcom's ranges reserved for drama, NHS numbers are random numbers given a correct check digit, e-mail domains
// are example domains or invented trusts. The set is written from how identifiers appear in real incident
// reports, letters, handovers, test scripts and safety documents, not from how the detector works, and it is
// seeded so that re-running the script reproduces the committed file byte for byte.
//
// Usage: node scripts/make-anonymisation-eval-set.mjs [--out PATH]

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outArgIndex = process.argv.indexOf('--out');
const outPath = outArgIndex > 0 ? resolve(process.argv[outArgIndex + 1]) : resolve(repoRoot, 'test/fixtures/anonymisation/eval-set.jsonl');

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32), so the set is reproducible.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rng = mulberry32(0x0dc5_2026);
const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = (items) => items[Math.floor(rng() * items.length)];
const chance = (p) => rng() < p;
const pad = (n, width = 2) => String(n).padStart(width, '0');
const digits = (count) => Array.from({ length: count }, () => int(0, 9)).join('');

// A labelled piece of a line.
const span = (type, value) => ({ type, value });

// Tagged template: interpolations may be strings, numbers, spans or arrays of those.
function line(strings, ...values) {
  let text = '';
  const spans = [];
  const append = (value) => {
    if (Array.isArray(value)) return value.forEach(append);
    if (value && typeof value === 'object') {
      spans.push({ type: value.type, start: text.length, end: text.length + value.value.length });
      text += value.value;
      return;
    }
    text += String(value);
  };
  strings.forEach((part, index) => {
    text += part;
    if (index < values.length) append(values[index]);
  });
  return { text, spans };
}

// ---------------------------------------------------------------------------------------------------------
// Fictional people.
const FIRST_NAMES = [
  'Emily', 'Oliver', 'Amelia', 'Jack', 'Priya', 'Mohammed', 'Aisha', 'Tomasz', 'Agnieszka', 'Chloe', 'Daniel',
  'Grace', 'Harry', 'Isla', 'James', 'Kwame', 'Adaeze', 'Chidi', 'Fatima', 'Hassan', 'Mei', 'Wei', 'Siobhan',
  'Ciaran', 'Niamh', 'Rhys', 'Cerys', 'Eilidh', 'Callum', 'Ruth', 'Margaret', 'Dorothy', 'Albert', 'Harold',
  'Joan', 'Brian', 'Sandra', 'Lorraine', 'Gareth', 'Bethan', 'Sunita', 'Rajesh', 'Anil', 'Deepa', 'Yusuf',
  'Zainab', 'Olumide', 'Folake', 'Lukas', 'Ioana', 'Andrei', 'Sofia', 'Mateo', 'Lucia', 'Hannah', 'Rebecca',
  'Thomas', 'William', 'George', 'Alice', 'Florence', 'Evie', 'Noah', 'Leo', 'Arthur', 'Freddie', 'Ava',
  'Poppy', 'Ruby', 'Samuel', 'Joseph', 'Matthew', 'Kerry', 'Dawn', 'Tracey', 'Wayne', 'Darren', 'Paul',
  'Susan', 'Patricia', 'Jean', 'Kenneth', 'Derek', 'Elaine', 'Gillian', 'Fiona', 'Alistair', 'Hamish',
  'Morag', 'Kieran', 'Aoife', 'Declan', 'Tariq', 'Imran', 'Nadia', 'Leila', 'Omar', 'Yasmin', 'Chen', 'Anh',
  'Kofi', 'Ama', 'Abena', 'Tendai', 'Nkechi', 'Bola', 'Joanna', 'Paweł', 'Marta', 'Elena', 'Giulia', 'Marco',
  'Hugo', 'Anya', 'Ingrid', 'Jo', 'Sam', 'Alex', 'Chris', 'Kim', 'Zoë', 'Renée', 'Seán',
];
const SURNAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
  'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel',
  'Khan', 'Ahmed', 'Ali', 'Begum', 'Hussain', 'Shah', 'Sharma', 'Singh', 'Kaur', 'Mehta', 'Chowdhury',
  'Okafor', 'Okonkwo', 'Adeyemi', 'Mensah', 'Boateng', 'Nwosu', 'Nowak', 'Kowalski', 'Wiśniewska', 'Popescu',
  'Ionescu', 'Nguyen', 'Tran', 'Chen', 'Wang', 'Zhang', 'Murphy', "O'Brien", "O'Neill", 'McAllister',
  'MacLeod', 'McGregor', 'Campbell', 'Stewart', 'Fraser', 'Morrison', 'Reid', 'Hughes', 'Lloyd', 'Price',
  'Morgan', 'Pritchard', 'Bevan', 'Howells', 'Fitzgerald', 'Doherty', 'Quinn', 'Kelly', 'Byrne', 'Gallagher',
  'Smith-Jones', 'Hartley-Brown', 'Ashworth', 'Fairbrother', 'Greenwood', 'Whitfield', 'Hargreaves',
  'Sutcliffe', 'Blackburn', 'Cartwright', "D'Souza", 'Fernandes', 'Costa', 'Rossi', 'Bianchi', 'Müller',
  'Schmidt', 'Novak', 'Horvat', 'Petrov', 'Ivanova', 'Haddad', 'Mansour', 'Rahman', 'Islam', 'Uddin',
  'Akhtar', 'Iqbal', 'Malik', 'Qureshi', 'Bell', 'Young', 'King', 'Ward', 'Bishop', 'Baker', 'Cook',
  'Parker', 'Turner', 'Hill', 'Moore', 'Harris', 'Lewis', 'Scott', 'Mitchell', 'Carter', 'Phillips',
  'Watson', 'Marshall', 'Bailey', 'Cooper', 'Richardson', 'Cox', 'Howard', 'Gray', 'Webb', 'Mills', 'Burns',
  'Rose', 'Fox', 'van der Berg', 'da Silva', 'Al-Farsi',
];
const PATIENT_TITLES = ['Mr', 'Mrs', 'Ms', 'Miss', 'Mr', 'Mrs', 'Mx'];
const STAFF_TITLES = ['Dr', 'Dr', 'Dr', 'Dr.', 'Prof', 'Professor', 'Sister', 'Nurse', 'Mr', 'Ms'];

const firstName = () => pick(FIRST_NAMES);
const surname = () => pick(SURNAMES);
function plainName() {
  const roll = rng();
  if (roll < 0.08) return `${firstName()} ${firstName().charAt(0)}. ${surname()}`;
  if (roll < 0.13) return `${firstName().charAt(0)}. ${surname()}`;
  return `${firstName()} ${surname()}`;
}
function patientTitledName() {
  const title = pick(PATIENT_TITLES);
  return chance(0.6) ? `${title} ${firstName()} ${surname()}` : `${title} ${surname()}`;
}
function staffTitledName() {
  const title = pick(STAFF_TITLES);
  const roll = rng();
  if (roll < 0.45) return `${title} ${surname()}`;
  if (roll < 0.6) return `${title} ${firstName().charAt(0)} ${surname()}`;
  return `${title} ${firstName()} ${surname()}`;
}
const doctorName = () => `${pick(['Dr', 'Dr', 'Dr.'])} ${chance(0.5) ? firstName() + ' ' : ''}${surname()}`;
const personPlain = () => span('PERSON_NAME', plainName());
const personPatient = () => span('PERSON_NAME', patientTitledName());
const personStaff = () => span('PERSON_NAME', staffTitledName());
const personDoctor = () => span('PERSON_NAME', doctorName());
const personPas = () => span('PERSON_NAME', `${surname().toUpperCase()}, ${firstName()}`);
const personAny = () => pick([personPlain, personPatient, personStaff])();

// ---------------------------------------------------------------------------------------------------------
// NHS numbers: random 9 digits in the issued ranges (or the 999 test range) plus a Modulus 11 check digit.
function nhsCheckDigit(nine) {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}
function validNhsDigits(prefix) {
  for (;;) {
    const nine = prefix ? prefix + digits(9 - prefix.length) : pick(['4', '6', '7']) + digits(8);
    const check = nhsCheckDigit(nine);
    if (check !== 10) return nine + check;
  }
}
function formatNhs(ten) {
  const roll = rng();
  if (roll < 0.6) return `${ten.slice(0, 3)} ${ten.slice(3, 6)} ${ten.slice(6)}`;
  if (roll < 0.85) return ten;
  return `${ten.slice(0, 3)}-${ten.slice(3, 6)}-${ten.slice(6)}`;
}
const nhs = () => span('NHS_NUMBER', formatNhs(validNhsDigits()));
const nhsTest = () => span('NHS_NUMBER', formatNhs(validNhsDigits('999')));
// Ten digits that fail Modulus 11: order numbers, invoice numbers, references.
function invalidTenDigits() {
  for (;;) {
    const ten = String(int(1, 9)) + digits(9);
    const check = nhsCheckDigit(ten.slice(0, 9));
    if (check === 10 || check !== Number(ten[9])) return ten;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Postcodes in every format, mostly upper case with a space, as they are usually typed.
const SINGLE_LETTER_AREAS = ['B', 'E', 'G', 'L', 'M', 'N', 'S', 'W'];
const TWO_LETTER_AREAS = [
  'AB', 'AL', 'BA', 'BB', 'BD', 'BH', 'BL', 'BN', 'BR', 'BS', 'BT', 'CA', 'CB', 'CF', 'CH', 'CM', 'CO', 'CR',
  'CT', 'CV', 'CW', 'DA', 'DD', 'DE', 'DG', 'DH', 'DL', 'DN', 'DT', 'DY', 'EH', 'EN', 'EX', 'FK', 'FY', 'GL',
  'GU', 'HA', 'HD', 'HG', 'HP', 'HR', 'HU', 'HX', 'IG', 'IP', 'IV', 'KA', 'KT', 'KY', 'LA', 'LD', 'LE', 'LL',
  'LN', 'LS', 'LU', 'ME', 'MK', 'ML', 'NE', 'NG', 'NN', 'NP', 'NR', 'OL', 'OX', 'PA', 'PE', 'PH', 'PL', 'PO',
  'PR', 'RG', 'RH', 'RM', 'SA', 'SG', 'SK', 'SL', 'SM', 'SN', 'SO', 'SP', 'SR', 'SS', 'ST', 'SY', 'TA', 'TD',
  'TF', 'TN', 'TQ', 'TR', 'TS', 'TW', 'UB', 'WA', 'WD', 'WF', 'WN', 'WR', 'WS', 'WV', 'YO', 'ZE',
];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const inward = () => `${int(0, 9)}${pick([...INWARD_LETTERS])}${pick([...INWARD_LETTERS])}`;
function outward() {
  const roll = rng();
  if (roll < 0.15) return `${pick(SINGLE_LETTER_AREAS)}${int(1, 9)}`;
  if (roll < 0.27) return `${pick(SINGLE_LETTER_AREAS)}${int(10, 40)}`;
  if (roll < 0.62) return `${pick(TWO_LETTER_AREAS)}${int(1, 9)}`;
  if (roll < 0.9) return `${pick(TWO_LETTER_AREAS)}${int(10, 35)}`;
  if (roll < 0.95) return `${pick(['E', 'N', 'W'])}${int(1, 9)}${pick(['A', 'C', 'P', 'W'])}`;
  return `${pick(['EC', 'SW', 'WC', 'SE', 'NW'])}${int(1, 4)}${pick(['A', 'H', 'M', 'P', 'V', 'Y'])}`;
}
function formatPostcode(out, inn) {
  const roll = rng();
  if (roll < 0.74) return `${out} ${inn}`;
  if (roll < 0.86) return `${out}${inn}`;
  if (roll < 0.95) return `${out} ${inn}`.toLowerCase();
  return `${out}${inn}`.toLowerCase();
}
const postcode = () => span('POSTCODE', formatPostcode(outward(), inward()));

// ---------------------------------------------------------------------------------------------------------
// Phone numbers from Ofcom's drama ranges, written the many ways people write them.
function mobileNumber() {
  const rest = `900${digits(3)}`;
  const roll = rng();
  if (roll < 0.4) return `07700 ${rest}`;
  if (roll < 0.55) return `07700${rest}`;
  if (roll < 0.7) return `+44 7700 ${rest}`;
  if (roll < 0.8) return `+44 (0)7700 ${rest}`;
  if (roll < 0.88) return `+447700${rest}`;
  if (roll < 0.94) return `07700 ${rest.slice(0, 3)} ${rest.slice(3)}`;
  return `07700-${rest}`;
}
const LANDLINE_RANGES = [
  ['0113', '496 0'], ['0114', '496 0'], ['0115', '496 0'], ['0116', '496 0'], ['0117', '496 0'],
  ['0118', '496 0'], ['0121', '496 0'], ['0131', '496 0'], ['0141', '496 0'], ['0151', '496 0'],
  ['0161', '496 0'], ['0191', '498 0'], ['020', '7946 0'], ['029', '2018 0'], ['028', '9649 6'],
  ['01632', '960'], ['0306', '999 0'],
];
function landlineNumber() {
  const [area, prefix] = pick(LANDLINE_RANGES);
  const local = prefix + digits(3);
  const roll = rng();
  if (roll < 0.5) return `${area} ${local}`;
  if (roll < 0.62) return `(${area}) ${local}`;
  if (roll < 0.77) return `+44 ${area.slice(1)} ${local}`;
  if (roll < 0.86) return `+44 (0)${area.slice(1)} ${local}`;
  if (roll < 0.93) return `${area}${local.replaceAll(' ', '')}`;
  return `${area}-${local.replaceAll(' ', '-')}`;
}
const mobile = () => span('PHONE_NUMBER', mobileNumber());
const landline = () => span('PHONE_NUMBER', landlineNumber());
const phone = () => (chance(0.5) ? mobile() : landline());

// ---------------------------------------------------------------------------------------------------------
// E-mail addresses: personal work addresses and a few home addresses.
const DOMAINS = [
  'nhs.net', 'nhs.net', 'northmoor-tr.nhs.uk', 'rivervale.nhs.uk', 'example.nhs.uk', 'example.com',
  'example.co.uk', 'example.org', 'mail.example.net', 'greenfield-pcn.example.nhs.uk',
];
function emailAddress() {
  const first = firstName().normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const last = surname().normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const local = pick([
    `${first}.${last}`, `${first}.${last}`, `${first[0]}.${last}`, `${first}${last}`, `${first}.${last}${int(1, 9)}`,
    `${first}_${last}`, `${last}.${first}`, `${first}${int(1950, 2001)}`, `${first[0]}${last}${int(10, 99)}`,
  ]);
  const domain = pick(DOMAINS);
  return chance(0.1) ? `${local[0].toUpperCase()}${local.slice(1)}@${domain}` : `${local}@${domain}`;
}
const email = () => span('EMAIL', emailAddress());

// ---------------------------------------------------------------------------------------------------------
// Dates. Dates of birth are labelled; dates of documents, releases and events are not.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ordinal = (d) => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;
function formatDate(day, month, year, style) {
  switch (style) {
    case 'slash': return `${pad(day)}/${pad(month)}/${year}`;
    case 'slashShort': return `${day}/${month}/${year}`;
    case 'slashYY': return `${pad(day)}/${pad(month)}/${String(year).slice(2)}`;
    case 'dot': return `${pad(day)}.${pad(month)}.${year}`;
    case 'dash': return `${pad(day)}-${pad(month)}-${year}`;
    case 'iso': return `${year}-${pad(month)}-${pad(day)}`;
    case 'long': return `${day} ${MONTHS[month - 1]} ${year}`;
    case 'ordinal': return `${ordinal(day)} ${MONTHS[month - 1]} ${year}`;
    case 'abbrev': return `${pad(day)} ${MONTHS[month - 1].slice(0, 3)} ${year}`;
    case 'abbrevDash': return `${pad(day)}-${MONTHS[month - 1].slice(0, 3)}-${year}`;
    case 'us': return `${MONTHS[month - 1]} ${day}, ${year}`;
    default: throw new Error(style);
  }
}
const DOB_STYLES = ['slash', 'slash', 'slash', 'slash', 'slashShort', 'slashYY', 'dot', 'dash', 'iso', 'long', 'long', 'ordinal', 'abbrev', 'abbrevDash', 'us'];
function birthDate() {
  const year = int(1926, 2024);
  return { year, text: formatDate(int(1, 28), int(1, 12), year, pick(DOB_STYLES)) };
}
const dobValue = () => span('DATE_OF_BIRTH', birthDate().text);
// A date of birth with one of the ways people label it.
function dob() {
  const label = pick(['DOB ', 'DOB: ', 'DOB: ', 'D.O.B. ', 'D.O.B: ', 'd.o.b. ', 'DoB ', 'Date of birth: ', 'date of birth ', 'born ', 'born on ', 'Born: ', 'Birth date: ', 'date of birth is ']);
  return [label, dobValue()];
}
const currentYear = 2026;
// "aged 67, 12/03/1959": a date of birth labelled only by the age beside it.
function agedDob() {
  const date = birthDate();
  const age = currentYear - date.year - int(0, 1);
  return [`aged ${age}, `, span('DATE_OF_BIRTH', date.text)];
}
function documentDate() {
  return formatDate(int(1, 28), int(1, 12), int(2016, 2026), pick(['slash', 'iso', 'long', 'long', 'abbrev', 'ordinal', 'dot']));
}
const isoDate = () => formatDate(int(1, 28), int(1, 12), int(2017, 2026), 'iso');
const longDate = () => formatDate(int(1, 28), int(1, 12), int(2017, 2026), 'long');
const time = () => pick([`${pad(int(0, 23))}:${pad(int(0, 59))}`, `${int(1, 12)}.${pad(int(0, 59))}${pick(['am', 'pm'])}`, `${pad(int(0, 23))}${pad(int(0, 59))}h`]);

// ---------------------------------------------------------------------------------------------------------
// Local patient identifiers, National Insurance numbers, professional registration numbers.
function localIdValue() {
  return pick([
    () => `${pick(['RX', 'RTH', 'K', 'H', 'M', 'RR8', 'J', 'T'])}${digits(int(6, 7))}`,
    () => digits(8),
    () => `${pad(int(0, 99))}${digits(6)}`,
    () => `${pick(['A', 'B', 'C', 'D'])}${digits(6)}`,
    () => `${pick(['P', 'MRN', 'HN'])}-${digits(6)}`,
    () => `${digits(4)}-${digits(4)}`,
    () => `${pick(['X', 'Z'])}${digits(2)}${pick(['A', 'B', 'K'])}${digits(4)}`,
  ])();
}
const LOCAL_ID_LABELS = ['MRN ', 'MRN: ', 'MRN ', 'hospital number ', 'Hospital No: ', 'hospital no. ', 'Hosp No ', 'Hosp. no. ', 'unit number ', 'Unit No: ', 'patient ID ', 'Patient ID: ', 'PAS number ', 'PAS ID ', 'case note number ', 'Casenote no. ', 'hospital number was '];
const localId = () => [pick(LOCAL_ID_LABELS), span('LOCAL_PATIENT_ID', localIdValue())];

const NI_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NI_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
function niValue() {
  let prefix;
  do prefix = pick([...NI_FIRST]) + pick([...NI_SECOND]);
  while (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix));
  const six = digits(6);
  const suffix = pick(['A', 'B', 'C', 'D']);
  const roll = rng();
  if (roll < 0.55) return `${prefix}${six}${suffix}`;
  if (roll < 0.85) return `${prefix} ${six.slice(0, 2)} ${six.slice(2, 4)} ${six.slice(4)} ${suffix}`;
  if (roll < 0.95) return `${prefix} ${six} ${suffix}`;
  return `${prefix}${six}${suffix}`.toLowerCase();
}
const ni = () => span('NI_NUMBER', niValue());

const gmcValue = () => String(int(1, 7)) + digits(6);
const nmcValue = () => `${pad(int(0, 99))}${pick([...'ABCDEFGHIJKL'])}${digits(4)}${pick(['E', 'S', 'W', 'N', 'O'])}`;
const gmc = () => span('PROFESSIONAL_ID', gmcValue());
const nmc = () => span('PROFESSIONAL_ID', nmcValue());
const gphc = () => span('PROFESSIONAL_ID', `20${digits(5)}`);
const hcpc = () => span('PROFESSIONAL_ID', `${pick(['PA', 'PH', 'OT', 'RA', 'SL', 'DT'])}${digits(int(5, 6))}`);
const gmcLabelled = () => [pick(['GMC ', 'GMC ', 'GMC No. ', 'GMC number ', 'GMC: ', 'GMC no ', 'GMC reg. ', 'GMC registration number ']), gmc()];
const nmcLabelled = () => [pick(['NMC PIN ', 'NMC PIN: ', 'NMC ', 'PIN ', 'NMC pin ', 'NMC registration ']), nmc()];

// ---------------------------------------------------------------------------------------------------------
// Safety-document vocabulary for context and for decoys.
const clause = () => pick([`${int(2, 7)}.${int(1, 6)}.${int(1, 6)}`, `${int(2, 7)}.${int(1, 6)}`]);
const version = () => pick([`v${int(1, 6)}.${int(0, 9)}`, `${int(1, 12)}.${int(0, 9)}.${int(0, 20)}`, `v${int(1, 4)}.${int(0, 9)}.${int(0, 9)}`, `${int(1, 9)}.${int(0, 9)}`]);
const hazardId = () => pick([`H-${pad(int(1, 120), 3)}`, `HAZ-${pad(int(1, 80), 3)}`, `H${pad(int(1, 60), 2)}`]);
const controlId = () => pick([`C-${pad(int(1, 90), 3)}`, `CTRL-${pad(int(1, 40), 2)}`, `C${pad(int(1, 60), 2)}`]);
const amendment = () => pick(['Amd 24/2018', 'Amd 25/2018', `Amd ${int(10, 40)}/${int(2012, 2024)}`]);
const rating = () => String(int(1, 5));
const percent = () => pick([`${int(1, 99)}%`, `${int(1, 99)}.${int(0, 9)}%`, `${int(1, 99)} per cent`]);
const money = () => pick([`£${int(1, 99)},${pad(int(0, 999), 3)}`, `£${int(100, 999)}`, `£${int(1, 9)}.${int(1, 9)}m`, `£${int(10, 99)}k`]);
const incidentRef = () => pick([`INC-${int(2019, 2026)}-${pad(int(1, 9999), 4)}`, `WEB${digits(6)}`, `Datix ${digits(6)}`, `INC${digits(7)}`]);
const changeRef = () => pick([`CR-${int(100, 2400)}`, `RFC ${int(1000, 9999)}`, `CHG${digits(7)}`, `DCS-${int(10, 999)}`]);
const likelihood = () => pick(['Very high', 'High', 'Medium', 'Low', 'Very low']);
const severity = () => pick(['Catastrophic', 'Major', 'Considerable', 'Significant', 'Minor']);
const DRUGS = ['Metformin', 'Warfarin', 'Enoxaparin', 'Gentamicin', 'Amoxicillin', 'Morphine sulfate', 'Oxycodone', 'Insulin glargine', 'Paracetamol', 'Apixaban', 'Methotrexate', 'Levothyroxine', 'Co-amoxiclav', 'Vancomycin', 'Tinzaparin', 'Digoxin', 'Lithium carbonate', 'Clozapine', 'Furosemide', 'Ramipril'];
const drug = () => pick(DRUGS);
const dose = () => pick([`${int(1, 50) * 10} mg`, `${int(1, 9)} mg`, `${int(1, 40)} units`, `${int(1, 5)} g`, `${int(1, 9)}00 micrograms`, `${int(2, 20)} mg/kg`]);
const TOWNS = ['Leeds', 'Halifax', 'Wakefield', 'Kendal', 'Truro', 'Norwich', 'Derby', 'Stoke', 'Exeter', 'Carlisle', 'Swansea', 'Dundee', 'Bangor', 'Lincoln', 'Hereford', 'Ipswich', 'Barnsley', 'Preston', 'Darlington', 'Salisbury'];
const town = () => pick(TOWNS);
const STREETS = ['Church Lane', 'Mill Road', 'Victoria Street', 'Station Road', 'Orchard Close', 'Kingsway', 'Oak Avenue', 'High Street', 'Park View', 'Windsor Drive', 'Chapel Row', 'Beech Grove', 'Queen Street', 'Meadow Way'];
const street = () => `${int(1, 220)} ${pick(STREETS)}`;
const TRUSTS = ['Northmoor Teaching Hospitals NHS Foundation Trust', 'Rivervale Community Health NHS Trust', 'Eastbrook University Hospitals', 'Westdale Mental Health Partnership', 'Greenfield Primary Care Network', 'Southhaven ICB', 'Highcliffe and District NHS Trust'];
const trust = () => pick(TRUSTS);
const SYSTEMS = ['EPR', 'e-prescribing system', 'PAS', 'order comms system', 'maternity system', 'ED tracking board', 'GP clinical system', 'results viewer', 'bed management system', 'referral portal', 'patient portal', 'discharge summary module'];
const system = () => pick(SYSTEMS);
const WARDS = ['Ward 7', 'Ward 12B', 'Ward 3', 'Ward 22', 'AMU', 'ICU', 'SDEC', 'Ward 9A', 'Ward 15', 'CCU', 'the Delivery Suite', 'Ward 4'];
const ward = () => pick(WARDS);
const ROLES_LOWER = ['staff nurse', 'ward manager', 'FY1 doctor', 'registrar', 'pharmacist', 'midwife', 'HCA', 'physiotherapist', 'ward clerk', 'paramedic', 'consultant', 'matron'];
const role = () => pick(ROLES_LOWER);
const bleep = () => String(int(1000, 9999));
const age = () => String(int(18, 97));

// ---------------------------------------------------------------------------------------------------------
// Lines that contain identifiers.
const POSITIVE_TEMPLATES = [
  // Incident reports
  () => line`Incident ${incidentRef()}: ${personPatient()} (NHS number ${nhs()}) was sent a discharge letter meant for a patient at ${postcode()}.`,
  () => line`${incidentRef()} - reported by ${personPlain()} (${role()}) at ${time()} on ${documentDate()}. Patient ${personPlain()}, ${dob()}, ${localId()}.`,
  () => line`The ward nurse reported that the allergy banner for ${personPatient()} did not show penicillin. NHS No: ${nhs()}.`,
  () => line`Seen by ${personDoctor()} in ED at ${time()}; the referral went to the wrong practice because the postcode ${postcode()} matched two practices.`,
  () => line`Wrong patient selected: ${personPas()} (${localId()}) and ${personPas()} (${localId()}) share a surname and a date of birth (${dobValue()}).`,
  () => line`${personPatient()} phoned on ${phone()} to say her appointment letter quoted NHS number ${nhs()}, which is not hers.`,
  () => line`Escalated to ${personDoctor()}, on-call consultant, bleep ${bleep()}, at ${time()}; hazard ${hazardId()} was reopened.`,
  () => line`Safeguarding concern raised by midwife ${personPlain()} about ${personPatient()} (${dob()}) of ${street()}, ${town()} ${postcode()}.`,
  () => line`The results for ${personPatient()} (${localId()}) were filed against ${personPatient()} (${localId()}) after the interface retried.`,
  () => line`${personPlain()} reported that the drug chart for ${personPatient()} did not refresh after ${drug()} was stopped.`,
  () => line`Datix ${digits(6)}: ${personStaff()} noticed two records for NHS number ${nhs()}; the duplicate had ${dob()} and postcode ${postcode()}.`,
  () => line`Patient ${personPlain()} (${dob()}) received ${drug()} ${dose()} twice; the second dose was given by ${personStaff()}.`,
  () => line`The ambulance crew were sent to ${postcode()} but the patient, ${personPatient()}, lives at ${postcode()}.`,
  () => line`Complaint from ${personPatient()}, ${street()}, ${town()}, ${postcode()}, tel. ${phone()}, about a cancelled clinic.`,
  () => line`Sample labelled with NHS ${nhs()} and ${localId()} belonged to two different patients.`,
  () => line`The SMS reminder for ${personPatient()} went to ${mobile()}, the number of a previous patient.`,
  () => line`Discussed with ${personPlain()}, the patient's daughter, on ${phone()}; she confirmed ${dob()}.`,
  () => line`Pharmacist ${personPlain()} noted that ${drug()} ${dose()} had been prescribed twice for ${personPatient()} (${localId()}).`,
  () => line`Spoke to ${personPatient()} at ${time()}: she had not received the ${system()} letter sent to ${postcode()}.`,
  () => line`The clinic letter for ${personPatient()}, NHS No. ${nhs()}, was copied to ${email()} in error.`,
  // Handover and clinical notes
  () => line`Handover ${ward()}: Bed ${int(1, 30)} - ${personPatient()}, ${agedDob()}, NEWS2 ${int(0, 9)}, for review by ${personDoctor()}.`,
  () => line`${personPatient()} (${localId()}) transferred from ${ward()} to ICU at ${time()}; NOK ${personPlain()} on ${phone()}.`,
  () => line`Next of kin: ${personPlain()} (son), mobile ${mobile()}, ${street()}, ${postcode()}.`,
  () => line`GP: ${personDoctor()}, ${pick(['The Willows Surgery', 'Mill Lane Medical Practice', 'Riverside Health Centre', 'Oakfield Group Practice'])}, ${postcode()}, tel ${landline()}.`,
  () => line`Name: ${personPlain()} | ${dob()} | NHS No: ${nhs()} | Postcode: ${postcode()} | Tel: ${phone()}`,
  () => line`PATIENT: ${personPas()}   NHS: ${nhs()}   ${dob()}   ${localId()}`,
  () => line`Consultant: ${personDoctor()}   Named nurse: ${personPlain()}   ${ward()}`,
  () => line`${personPatient()}, ${agedDob()}, was admitted with sepsis; NHS number ${nhs()}.`,
  () => line`Seen by ${personStaff()} on the ward round; plan discussed with ${personPatient()} and her husband ${personPlain()}.`,
  () => line`Midwife ${personPlain()} booked ${personPatient()} (${dob()}) at ${int(10, 14)} weeks; contact ${mobile()}.`,
  () => line`Discharge summary for ${personPas()}, ${localId()}, not sent to the GP because the practice code was missing.`,
  () => line`Physiotherapist ${personPlain()} documented the falls assessment against the wrong patient (${localId()}).`,
  () => line`Patient's daughter, ${personPlain()}, asked that letters go to ${email()} rather than ${street()}, ${postcode()}.`,
  // Test scripts and data migration
  () => line`Test step ${clause()}: search for test patient ${personPatient()} using NHS number ${nhsTest()} and check the banner shows ${dob()}.`,
  () => line`Migration reconciliation: ${localId()} (NHS ${nhs()}) had postcode ${postcode()} in the legacy PAS and ${postcode()} in the new EPR.`,
  () => line`Defect ${changeRef()}: the date of birth ${dobValue()} was migrated as ${dobValue()} (day and month swapped).`,
  () => line`Test data row ${int(2, 400)}: ${personPas()}, ${nhsTest()}, ${dobValue()}, ${postcode()}, ${mobile()}`,
  () => line`UAT found that ${personPatient()}'s NHS number ${nhs()} was truncated to nine digits on the wristband.`,
  () => line`Spine trace for ${nhs()} returned ${dob()} and postcode ${postcode()}; the local record held ${postcode()}.`,
  () => line`The interface log (${isoDate()} ${time()}) contained NHS number ${nhs()} and ${localId()} in plain text.`,
  // Correspondence and signatures
  () => line`Kind regards, ${personPlain()}, Clinical Safety Officer, ${trust()} | Tel: ${landline()} | Email: ${email()}`,
  () => line`Please contact ${personStaff()} on ${phone()} or ${email()} to arrange the safety case review.`,
  () => line`From: ${personPlain()} <${email()}> Sent: ${documentDate()} ${time()} To: Clinical Safety Team Subject: hazard ${hazardId()}`,
  () => line`cc: ${personPlain()}, ${personPlain()}; Clinical Risk Management File ${version()}`,
  () => line`Dear ${personDoctor()}, thank you for referring ${personPatient()} (${dob()}, NHS ${nhs()}).`,
  () => line`${personPatient()}\n${street()}\n${town()}\n${postcode()}`,
  () => line`Many thanks,\n${personPlain()}\nDeputy Chief Clinical Information Officer\nMobile: ${mobile()}`,
  () => line`Best wishes, ${personPlain()} (${email()})`,
  () => line`Please ring ${personStaff()} on ${landline()} ext. ${int(2000, 6999)} if the alert fires again.`,
  // Staff and professional registration
  () => line`Clinical Safety Officer: ${personDoctor()} (${gmcLabelled()})`,
  () => line`Signed: ${personPlain()}, Registered Nurse, ${nmcLabelled()}, ${documentDate()}`,
  () => line`Approved by ${personStaff()} (${gmcLabelled()}), Medical Director, on ${documentDate()}.`,
  () => line`The CSO for this deployment is ${personPlain()}, RN (${nmcLabelled()}), reachable at ${email()}.`,
  () => line`Safety case reviewed by ${personPlain()}, pharmacist, GPhC ${gphc()}.`,
  () => line`${personPlain()}, paramedic (HCPC ${hcpc()}), attended the hazard workshop on ${documentDate()}.`,
  () => line`Competence register: ${personPlain()} - ${nmcLabelled()}; ${personPlain()} - ${gmcLabelled()}; ${personPlain()} - ${nmcLabelled()}.`,
  () => line`Author: ${personPlain()} (${gmcLabelled()})   Reviewer: ${personPlain()} (${nmcLabelled()})`,
  () => line`The locum, ${personDoctor()}, ${gmcLabelled()}, prescribed ${drug()} without seeing the renal results.`,
  () => line`Staff Nurse ${personPlain()} (${nmc()}) and HCA ${personPlain()} witnessed the controlled drug check.`,
  () => line`Prescriber ${personDoctor()} - GMC ${gmc()} - ${ward()}`,
  () => line`Registration check: ${nmcLabelled()} belongs to ${personPlain()}, whose registration lapsed on ${documentDate()}.`,
  () => line`Physiotherapist ${personPlain()} (HCPC registration ${hcpc()}) and pharmacist ${personPlain()} (GPhC no. ${gphc()}) joined the workshop.`,
  // National Insurance numbers
  () => line`Staff record for ${personPlain()}: NI number ${ni()}, payroll number ${digits(8)}.`,
  () => line`National Insurance No. ${ni()} was found in the free-text allergy field for ${personPatient()}.`,
  () => line`The locum's timesheet included NINO ${ni()} and home phone ${phone()}.`,
  () => line`Hazard ${hazardId()}: NI numbers such as ${ni()} typed into the comments box are visible to every user.`,
  () => line`Occupational health referral: ${personPlain()}, ${dob()}, NI ${ni()}, ${email()}.`,
  () => line`The HR extract listed ${ni()} and ${ni()} beside the names of two bank nurses.`,
  () => line`Employee: ${personPlain()}   National Insurance number: ${ni()}   Start date: ${documentDate()}`,
  () => line`Payroll query: NI number ${ni()} does not match the one held for ${personPlain()}.`,
  () => line`The agency sent a CV for ${personPlain()} with NI no. ${ni()}, ${dob()} and ${mobile()}.`,
  () => line`Pension form scanned into the clinical record: ${personPatient()}, ${ni()}, ${street()}, ${postcode()}.`,
  // E-mail, postcode and phone focused
  () => line`Access request from ${email()} approved by ${personPlain()} on ${documentDate()}.`,
  () => line`Alert e-mails were sent to ${email()} instead of ${email()} for ${int(2, 30)} days.`,
  () => line`The address lookup returned ${postcode()} for a patient who lives in ${town()}.`,
  () => line`Home visits today: ${postcode()}, ${postcode()}, ${postcode()}.`,
  () => line`Call-back number ${phone()} was saved against the wrong patient record.`,
  () => line`The out-of-hours line ${landline()} was forwarded to ${mobile()} over the weekend.`,
  () => line`Results were e-mailed to ${email()}, a personal address, instead of the practice mailbox.`,
  () => line`Postcode ${postcode()} is outside the catchment, so the referral for ${personPatient()} was rejected.`,
  () => line`Reply to ${email()} or text ${mobile()}.`,
  // Mixed, long
  () => line`Hazard ${hazardId()} (wrong patient): during go-live on ${documentDate()} ${personStaff()} found that searching ${nhs()} opened ${personPas()} (${localId()}); control ${controlId()} added.`,
  () => line`The ${system()} printed ${personPatient()}'s label with ${dob()} and ${localId()} on the request for another patient.`,
  () => line`Assigned to ${personPlain()} on ${documentDate()}; escalated to ${personDoctor()} (${gmcLabelled()}) when the rating rose to ${rating()}.`,
  () => line`Minutes: present ${personPlain()} (CSO), ${personPlain()} (CCIO), ${personStaff()} (Deputy Chief Nurse); apologies ${personPlain()}.`,
  () => line`Action owner: ${personPlain()}. Due ${documentDate()}.`,
  () => line`Prepared by ${personPlain()}, Clinical Safety Officer, ${trust()}, ${email()}.`,
  () => line`Reviewed by ${personPlain()} and signed off by ${personStaff()} on ${documentDate()}.`,
  () => line`${personPatient()}'s carer, ${personPlain()}, rang ${landline()} to report the missed visit.`,
  () => line`Witness statement taken from ${personStaff()}; the patient, ${personPatient()}, born ${dobValue()}, was unharmed.`,
];

// ---------------------------------------------------------------------------------------------------------
// Lines with no identifiers: the clinical safety prose the gate must leave alone.
const DECOY_TEMPLATES = [
  () => line`Clause ${clause()} of DCB0129 v4.2 requires the CSO to be a suitably qualified and experienced clinician.`,
  () => line`Hazard ${hazardId()} (wrong patient selected) was re-rated from ${rating()} to ${rating()} after control ${controlId()} was verified in release ${version()}.`,
  () => line`The Clinical Safety Officer approved Hazard Log ${version()} on ${documentDate()}.`,
  () => line`Published ${isoDate()} under section 250 of the Health and Social Care Act 2012 (${amendment()}).`,
  () => line`The ward nurse reported that the National Early Warning Score chart did not refresh after ${time()}.`,
  () => line`Residual risk rating ${rating()}; likelihood ${likelihood()}, severity ${severity()}.`,
  () => line`The outage lasted ${int(5, 240)} minutes from ${time()}; ${percent()} of orders were delayed.`,
  () => line`The cost of the additional control was estimated at ${money()} over ${int(2, 5)} years.`,
  () => line`Order number ${invalidTenDigits()} was duplicated when the interface retried at ${time()}.`,
  () => line`Released on ${longDate()}, version ${version()} fixed the allergy banner on the ${system()}.`,
  () => line`title: ${pick(['Hazard identification workshops', 'Safety case for the ' + system(), 'Alert fatigue in e-prescribing'])}\ndate: ${isoDate()}\nversion: ${version()}\nlastReviewed: ${isoDate()}`,
  () => line`${drug()} ${dose()} was shown as ${drug()} in the ${system()} pick list.`,
  () => line`The pharmacist confirmed that the ${drug()} dose of ${dose()} was correct for a weight of ${int(40, 120)} kg.`,
  () => line`A midwife raised a concern that the ${system()} at the ${town()} site did not show the booking bloods.`,
  () => line`Reference ${incidentRef()}: the Patient Safety Specialist escalated to the Chief Clinical Information Officer.`,
  () => line`SNOMED CT concept ${int(100000, 99999999)} maps to ICD-10 ${pick(['I21.4', 'J18.9', 'E11.9', 'N17.9', 'A41.9'])} in mapping table ${version()}.`,
  () => line`ISO 14971:2019 and IEC 62304 are cited in section ${clause()} of the Clinical Safety Case Report.`,
  () => line`Bed ${int(1, 30)} on ${ward()} recorded SpO2 ${int(85, 99)}% and BP ${int(90, 180)}/${int(50, 100)} at ${time()}.`,
  () => line`Vitamin B12 1mg injections were listed twice in the order set after upgrade ${version()}.`,
  () => line`The Caldicott Guardian and the Senior Information Risk Owner signed off the DPIA on ${documentDate()}.`,
  () => line`Reported by the night sister; seen by the registrar; reviewed by the Medication Safety Officer.`,
  () => line`Extension ${int(2000, 7999)} and bleep ${bleep()} were listed for the on-call team instead of switchboard.`,
  () => line`Control ${controlId()}: training for all Nurse Practitioners and Advanced Clinical Practitioners before go-live on ${documentDate()}.`,
  () => line`The Hazard Log now holds ${int(20, 90)} hazards: ${int(1, 20)} Open, ${int(1, 10)} Transferred and ${int(10, 60)} Closed.`,
  () => line`Change request ${changeRef()} moves go-live from ${documentDate()} to ${documentDate()}.`,
  () => line`Table ${int(1, 12)} and Figure ${int(1, 9)}.${int(1, 9)} summarise the risk-benefit analysis in section ${clause()}.`,
  () => line`The NHS England review of DCB0129 and DCB0160 is expected to report in ${pick(MONTHS)} ${int(2025, 2027)}.`,
  () => line`An HbA1c of ${int(30, 110)} mmol/mol and an eGFR of ${int(10, 90)} were shown with the wrong units in ${version()}.`,
  () => line`The Trust's Digital Clinical Safety Group met on ${pick(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])} ${longDate()} at ${time()}.`,
  () => line`lastReviewed: ${isoDate()}\nreviewDate: ${isoDate()}\nstatus: published`,
  () => line`Learning responses under the Patient Safety Incident Response Framework were completed within ${int(20, 90)} days.`,
  () => line`${town()} Royal Infirmary and ${town()} General Hospital have shared one PAS instance since ${int(2009, 2022)}.`,
  () => line`Ticket ${changeRef()} (priority ${int(1, 4)}) was raised by Pharmacy and resolved by the Service Desk at ${time()}.`,
  () => line`Version ${version()} of the e-prescribing system rounds ${drug()} doses to the nearest ${dose()}.`,
  () => line`Invoice ${invalidTenDigits()} for ${money()} was paid on ${documentDate()}.`,
  () => line`Risks rated ${rating()} need the Medical Director's sign-off; rating 5 risks go to the Board.`,
  () => line`The M62 closure on ${documentDate()} delayed the pathology courier by ${int(1, 5)} hours.`,
  () => line`Staff on Level 2A and in Bay 3B could not log in between ${time()} and ${time()}.`,
  () => line`The consultant agreed that ${drug()} should be withheld if the INR is above ${int(3, 5)}.`,
  () => line`${amendment()} withdrew ISB 0129 and ISB 0160 and replaced them with DCB0129 and DCB0160.`,
  () => line`Windows 10 build ${int(17000, 19045)} and Chrome ${int(100, 130)} were tested on ${documentDate()}.`,
  () => line`The interface sent HL7 v2.4 ADT^A08 messages every ${int(5, 60)} seconds during the test on ${isoDate()}.`,
  () => line`Dose-range checking flagged ${percent()} of paediatric prescriptions in Q${int(1, 4)} ${int(2019, 2026)}.`,
  () => line`Hazard Log entry ${hazardId()} was transferred to the deploying organisation on ${documentDate()}.`,
  () => line`Sepsis screening (NEWS2 of ${int(5, 7)} or more) was triggered ${int(3, 90)} times on ${documentDate()}.`,
  () => line`The Clinical Risk Management Plan, version ${version()}, dated ${longDate()}, was approved by the Clinical Safety Officer.`,
  () => line`The Royal College of Nursing and the General Medical Council were consulted on the draft in ${pick(MONTHS)} ${int(2018, 2026)}.`,
  () => line`The patient was seen in Outpatients on ${documentDate()} and discharged home the same day.`,
  () => line`Monitoring showed ${int(10, 400)} failed logins per hour against a threshold of ${int(50, 500)}.`,
  () => line`Appendix B lists the ${int(5, 40)} interfaces, including the Spine Mini Service and GP Connect.`,
  () => line`The Medicines Optimisation Committee approved the ${drug()} order set on ${documentDate()}.`,
  () => line`A patient aged ${age()} was admitted on ${formatDate(int(1, 28), int(1, 12), int(2021, 2026), pick(['slash', 'long']))} with chest pain and the troponin was not shown.`,
  () => line`The Patient Safety Strategy (2019) and the Digital Clinical Safety Strategy (2021) set out national commitments.`,
  () => line`Section ${clause()}: the Clinical Safety Case Report is issued with each release (see ${version()}).`,
  () => line`The Chief Nursing Information Officer, the Medical Director and the Director of Nursing agreed the rollout for ${pick(MONTHS)}.`,
  () => line`Seen by Physiotherapy and reviewed by Dietetics before discharge; no harm was recorded.`,
  () => line`Reported by Estates: the Pharmacy fridge alarm failed at ${time()} and ${int(3, 40)} vaccines were quarantined.`,
  () => line`Signed off by Clinical Governance on ${documentDate()} after the Hazard Log review.`,
  () => line`The Clinical Safety Officer, the Information Governance Lead and the Service Manager attended.`,
  () => line`Each hazard has a unique id (for example ${hazardId()}), a description, causes, controls and a rating from 1 to 5.`,
  () => line`Likelihood ${likelihood()} and severity ${severity()} give a risk rating of ${rating()} under the matrix in the CRMP.`,
  () => line`The ${system()} was upgraded from ${version()} to ${version()} at ${time()} on ${documentDate()}; downtime was ${int(10, 90)} minutes.`,
  () => line`Compliance with clause ${clause()} of DCB0160 was confirmed in the deployment CSCR dated ${isoDate()}.`,
  () => line`Nurse Specialist and Sister roles were mapped to the Band ${int(5, 8)} access profile in ${version()}.`,
  () => line`Infusion pump library ${version()} limits ${drug()} to ${dose()} per hour.`,
  () => line`Learning from ${incidentRef()}: check the patient's identity against the wristband before every administration.`,
  () => line`The safety case cost ${money()} and took ${int(3, 18)} weeks; ${percent()} of the budget went on testing.`,
  () => line`Audit found ${int(2, 60)} of ${int(60, 200)} records (${percent()}) missing an allergy status on ${documentDate()}.`,
  () => line`The ward nurse, the pharmacist and the consultant agreed a single handover time of ${time()}.`,
  () => line`Referral reference ${invalidTenDigits()} could not be matched in the e-Referral Service.`,
  () => line`Our CSO holds current registration with a professional body, as required by clause 2.3.1 and section ${clause()}.`,
  () => line`The Yorkshire and Humber region and the North West region piloted the new Hazard Log template.`,
  () => line`Patient Safety Partners from Healthwatch ${town()} reviewed the leaflet on ${documentDate()}.`,
  () => line`The dashboard shows ${int(1, 40)} Open hazards with a residual rating of ${rating()} or more.`,
  () => line`Release notes ${version()}: ${pick(['fixed', 'improved', 'changed'])} the NEWS2 escalation banner; see ${changeRef()}.`,
  () => line`Tender ${int(2023, 2026)}/${pad(int(1, 120), 3)}: suppliers must provide a DCB0129 safety case and Hazard Log.`,
  () => line`The St Mary's and Queen Elizabeth sites moved to the new ${system()} in phase ${int(1, 4)}.`,
  () => line`Step ${clause()}: select the patient, confirm the banner, then open the Medicines tab.`,
  () => line`The baby was born at ${int(24, 42)} weeks; the maternity system calculated gestation incorrectly in ${version()}.`,
];

// ---------------------------------------------------------------------------------------------------------
const POSITIVE_LINES = 270;
const DECOY_LINES = 130;
const rows = [];
for (let i = 0; i < POSITIVE_LINES; i += 1) rows.push(POSITIVE_TEMPLATES[i % POSITIVE_TEMPLATES.length]());
for (let i = 0; i < DECOY_LINES; i += 1) rows.push(DECOY_TEMPLATES[i % DECOY_TEMPLATES.length]());
// Interleave so that a reader scanning the file sees the mix the gate sees.
for (let i = rows.length - 1; i > 0; i -= 1) {
  const j = Math.floor(rng() * (i + 1));
  [rows[i], rows[j]] = [rows[j], rows[i]];
}

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');

const perType = {};
for (const row of rows) for (const s of row.spans) perType[s.type] = (perType[s.type] ?? 0) + 1;
const total = Object.values(perType).reduce((a, b) => a + b, 0);
const decoys = rows.filter((row) => row.spans.length === 0).length;
console.log(`wrote ${rows.length} lines (${decoys} with no identifiers), ${total} labelled spans to ${outPath}`);
for (const [type, count] of Object.entries(perType).sort()) console.log(`  ${type.padEnd(18)} ${count}`);
