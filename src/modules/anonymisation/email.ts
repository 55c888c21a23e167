// E-mail addresses. Found by expanding around each "@" rather than with one big regex, which keeps the scan
// linear on long texts (a regex for the local part would be tried at every character of the document).
import { makeFinding, type Finding } from './types.js';

const LOCAL_PART_CHAR = /[A-Za-z0-9._%+\-'’]/;
const DOMAIN_CHAR = /[A-Za-z0-9.\-]/;
// At least one dot, labels of letters/digits/hyphens not starting or ending with a hyphen, a letter TLD.
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;

export function detectEmails(text: string): Finding[] {
  const findings: Finding[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_PART_CHAR.test(text[start - 1]!)) start -= 1;
    // A local part does not start or end with a dot, or start with a quote.
    while (start < at && /[.'’]/.test(text[start]!)) start += 1;
    if (start === at || text[at - 1] === '.') continue;
    let end = at + 1;
    while (end < text.length && end - at < 255 && DOMAIN_CHAR.test(text[end]!)) end += 1;
    // Sentence punctuation after an address ("write to a@b.nhs.uk.") is not part of it.
    while (end > at + 1 && /[.\-]/.test(text[end - 1]!)) end -= 1;
    if (!DOMAIN.test(text.slice(at + 1, end))) continue;
    findings.push(makeFinding(text, 'EMAIL', start, end, 0.97));
  }
  return findings;
}
