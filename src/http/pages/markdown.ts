import type { Element, Root } from 'hast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { trustedHtml, type SafeHtml } from './html.js';

export interface MarkdownOptions {
  /**
   * The heading level a Markdown `#` becomes (default 1). Article bodies start at `##`, under the page's own h1;
   * a blueprint template opens with `#` and is shown inside a section, so it is pushed further down.
   */
  topLevel?: 1 | 2 | 3 | 4;
}

/** Moves every heading down so the document's outline sits under the page's own heading. */
function shiftHeadings(options: { by: number }) {
  return (tree: Root) => {
    if (options.by === 0) return;
    visit(tree, 'element', (node: Element) => {
      const match = /^h([1-6])$/.exec(node.tagName);
      if (match) node.tagName = `h${Math.min(6, Number(match[1]) + options.by)}`;
    });
  };
}

/** Wide tables scroll inside a keyboard-focusable region instead of stretching a phone's page. */
function scrollableTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table (scrolls sideways)' },
        children: [node],
      };
      return 'skip';
    });
  };
}

function processor(shift: number) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      // Raw HTML in Markdown is dropped here (no allowDangerousHtml), and the sanitiser below is the backstop.
      .use(remarkRehype)
      .use(rehypeSanitize)
      .use(rehypeSlug)
      .use(shiftHeadings, { by: shift })
      .use(scrollableTables)
      .use(rehypeStringify)
  );
}

const processors = new Map<number, ReturnType<typeof processor>>();
const rendered = new Map<string, string>();
const MAX_CACHED = 500;

/** Content Markdown to sanitised HTML. Content changes only on ingest, so results are memoised by source. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): SafeHtml {
  const shift = (options.topLevel ?? 1) - 1;
  const key = `${shift}\u0000${source}`;
  let markup = rendered.get(key);
  if (markup === undefined) {
    let pipeline = processors.get(shift);
    if (!pipeline) {
      pipeline = processor(shift);
      processors.set(shift, pipeline);
    }
    markup = String(pipeline.processSync(source));
    if (rendered.size >= MAX_CACHED) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, markup);
  }
  return trustedHtml(markup);
}
