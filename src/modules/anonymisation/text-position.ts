// Converting offsets into line and column numbers for messages that point into a file.

export interface LineAndColumn {
  /** 1-based line number. */
  line: number;
  /** 1-based column, counted in UTF-16 code units like the offsets themselves. */
  column: number;
}

/** The 1-based line and column of `offset` in `text`. Lines end at "\n" ("\r\n" works: "\r" ends the line). */
export function lineAndColumn(text: string, offset: number): LineAndColumn {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < clamped; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}

/**
 * A reusable locator for many offsets in the same text: finds each line by binary search over the line starts
 * instead of rescanning the text for every finding.
 */
export function createLineLocator(text: string): (offset: number) => LineAndColumn {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  return (offset) => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - lineStarts[low]! + 1 };
  };
}
