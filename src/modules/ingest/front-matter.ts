import jsYaml from 'js-yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document as YamlDocument, type Node as YamlNode } from 'yaml';

export interface ParsedFile {
  /** Path relative to the content root, with forward slashes: what every message names. */
  path: string;
  raw: string;
  data: unknown;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  /** 1-based line of a front matter field (`['hazards', 2, 'initialRisk']`), or of the nearest parent that exists. */
  lineOf(fieldPath: readonly (string | number)[]): number;
}

export interface Problem {
  file: string;
  line: number;
  field?: string;
  message: string;
}

export function formatProblem(problem: Problem): string {
  const field = problem.field ? ` ${problem.field}:` : '';
  return `${problem.file}:${problem.line}:${field} ${problem.message}`;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits `---` YAML front matter from the Markdown body and keeps positions so errors can point at lines. */
export function parseContentFile(path: string, raw: string): { file?: ParsedFile; problems: Problem[] } {
  const match = FENCE.exec(raw);
  if (!match) {
    return { problems: [{ file: path, line: 1, message: 'missing YAML front matter: the file must start with a line "---", the fields, and a closing "---"' }] };
  }
  const yamlText = match[1];
  const bodyLine = raw.slice(0, match[0].length).split('\n').length;
  const body = raw.slice(match[0].length);
  // The document with its positions is several times the size of the text: a large corpus would hold gigabytes
  // of it for the few files with a problem to report, so it is parsed again only when a line is asked for (a file
  // that `yaml` read in the first place keeps the document it has).
  let positions: Positions | undefined;
  const positionsOf = (): Positions => {
    if (!positions) {
      const counter = new LineCounter();
      positions = { doc: parseDocument(yamlText, { lineCounter: counter, prettyErrors: false }), toLine: (offset) => counter.linePos(offset).line + 1 };
    }
    return positions;
  };
  const parsed = (data: unknown): { file: ParsedFile; problems: Problem[] } => ({
    problems: [],
    file: {
      path, raw, data, body,
      bodyLine: match[0].endsWith('\n') ? bodyLine : bodyLine + 1,
      lineOf: (fieldPath) => lineOfField(positionsOf(), fieldPath),
    },
  });

  // js-yaml reads the same YAML 1.2 core schema several times faster, which matters on a large corpus. Files with
  // anchors or aliases, and anything it rejects, go through `yaml`, which limits alias expansion and says where
  // a problem is.
  if (!ANCHOR_OR_ALIAS.test(yamlText)) {
    try {
      return parsed(jsYaml.load(yamlText, { schema: jsYaml.CORE_SCHEMA, filename: path }) ?? null);
    } catch {
      // Reported below, with its line.
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // The YAML starts on line 2 of the file (line 1 is the opening fence).
  const yamlLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  const problems: Problem[] = doc.errors.map((error) => ({
    file: path,
    line: error.linePos?.[0]?.line ? error.linePos[0].line + 1 : yamlLine(error.pos[0]),
    message: `invalid YAML: ${error.message.split('\n')[0]}`,
  }));
  if (problems.length > 0) return { problems };

  positions = { doc, toLine: yamlLine };
  return parsed(doc.toJS({ maxAliasCount: 50 }));
}

/** An anchor (&name) or alias (*name) outside quotes and comments, near enough: a false match only costs speed. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*][^\s,[\]{}]/m;

interface Positions {
  doc: YamlDocument;
  /** File line of an offset in the YAML text (which starts on line 2, after the opening fence). */
  toLine: (offset: number) => number;
}

function lineOfField({ doc, toLine }: Positions, fieldPath: readonly (string | number)[]): number {
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  let line = node?.range ? toLine(node.range[0]) : 2;
  for (const key of fieldPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (!pair) break;
      const keyNode = pair.key as YamlNode;
      if (keyNode.range) line = toLine(keyNode.range[0]);
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (!item) break;
      if (item.range) line = toLine(item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return line;
}

export function formatFieldPath(fieldPath: readonly PropertyKey[]): string {
  return fieldPath.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
