// Looking at the words just before a match. Detectors use this context to raise confidence (an NHS number after
// "NHS no") or to decide at all (lower-case NI numbers only count after an NI label).

/**
 * Whether `pattern` matches somewhere in the `length` characters before `offset`, without crossing a line
 * break: context on the previous line usually belongs to a different field.
 */
export function contextBeforeMatches(text: string, offset: number, length: number, pattern: RegExp): boolean {
  const window = text.slice(Math.max(0, offset - length), offset);
  const lineStart = window.lastIndexOf('\n');
  return pattern.test(lineStart === -1 ? window : window.slice(lineStart + 1));
}
