import escapeHtml from 'escape-html';

/**
 * Engines mark matches with these private-use characters instead of HTML tags, because their excerpts are raw
 * text: the excerpt is HTML-escaped first and only then are the markers turned into <mark> elements, so content
 * can never inject markup. Indexed text has these characters stripped (see cleanText).
 */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

const EXCERPT_LENGTH = 240;

/** HTML-safe excerpt from engine output with markers; falls back to the start of `fallback` when nothing matched. */
export function safeHighlight(marked: string | null | undefined, fallback: string): string {
  if (marked && marked.includes(MATCH_START)) {
    const escaped = balance(escapeHtml(marked.replace(/\s+/g, ' '))).trim();
    return escaped.replaceAll(MATCH_START, '<mark>').replaceAll(MATCH_END, '</mark>');
  }
  return escapeHtml(truncate(fallback.replace(/\s+/g, ' ').trim(), EXCERPT_LENGTH));
}

/** Drops unpaired markers (an engine may crop between a start and an end) so every <mark> is closed. */
function balance(text: string): string {
  let out = '';
  let open = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === MATCH_START) {
      const end = text.indexOf(MATCH_END, i);
      const nextStart = text.indexOf(MATCH_START, i + 1);
      if (open || end === -1 || (nextStart !== -1 && nextStart < end)) continue;
      open = true;
    } else if (char === MATCH_END) {
      if (!open) continue;
      open = false;
    }
    out += char;
  }
  return out;
}

function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.lastIndexOf(' ', length);
  return `${text.slice(0, cut > length / 2 ? cut : length)} …`;
}
