import type { Nodes, Root } from 'mdast';
import rehypeDocument from 'rehype-document';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/** GitHub-flavoured Markdown (tables, task lists, strikethrough): the dialect the templates are written in. */
export function parseMarkdown(markdown: string): Root {
  const processor = unified().use(remarkParse).use(remarkGfm);
  // No transform plugins run on this tree: the parse result is the whole tree.
  return processor.parse(markdown);
}

/** The text of a node without its markup, e.g. a heading's title. */
export function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** Readable on screen, and printable on A4 without cut tables or headings stranded at a page foot. */
const DOCUMENT_CSS = `
:root { color-scheme: light; }
body { font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #212b32; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4 { line-height: 1.25; }
h1, h2 { color: #005eb8; }
a { color: #005eb8; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #aeb7bd; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #e8edee; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 4px solid #aeb7bd; }
hr { border: 0; border-top: 1px solid #aeb7bd; margin: 2rem 0; }
code { font-family: Consolas, Menlo, monospace; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; color: #000; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  table, tr, blockquote { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 85%; }
}
`;

/**
 * A standalone HTML document: the Markdown is converted, sanitised (nothing a variable or a template could smuggle
 * in survives as markup or script) and only then wrapped with the head and the print styles.
 */
export async function renderHtml(markdown: string, metadata: { title: string; description: string }): Promise<string> {
  const file = await unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype)
    .use(rehypeSanitize)
    .use(rehypeDocument, {
      title: metadata.title,
      language: 'en-GB',
      style: DOCUMENT_CSS,
      meta: [{ name: 'description', content: metadata.description }, { name: 'generator', content: 'DCS Hub' }],
    })
    .use(rehypeStringify)
    .process(markdown);
  return String(file);
}
