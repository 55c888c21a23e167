import {
  AlignmentType, BorderStyle, Document, ExternalHyperlink, Footer, HeadingLevel, LevelFormat, Packer, PageNumber, Paragraph,
  ShadingType, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild,
} from 'docx';
import type { BlockContent, DefinitionContent, List, PhrasingContent, Root, RootContent, Table as MarkdownTable } from 'mdast';

export interface DocxMetadata {
  title: string;
  description: string;
  keywords: string;
  /** Shown in the page footer, e.g. "hazard-log 1.1.0". */
  footer: string;
}

type Block = Paragraph | Table;
interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
}
interface BlockContext {
  /** Left indent in twentieths of a point (blockquotes and list continuations). */
  indent: number;
  italics: boolean;
}

const ORDERED_LIST = 'ordered-list';
const NHS_BLUE = '005EB8';
const MONOSPACE = 'Consolas';
const INDENT_STEP = 720;

/**
 * Builds a Word document from the Markdown tree: headings become Word headings (so the navigation pane and a
 * table of contents work), Markdown tables become Word tables and lists become Word lists.
 */
export async function renderDocx(tree: Root, metadata: DocxMetadata): Promise<Buffer> {
  const builder = new DocxBuilder();
  const children = builder.blocks(tree.children, { indent: 0, italics: false });
  const document = new Document({
    creator: 'DCS Hub',
    title: metadata.title,
    description: metadata.description,
    keywords: metadata.keywords,
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22 }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: 'Arial', size: 36, bold: true, color: NHS_BLUE }, paragraph: { spacing: { before: 240, after: 160 } } },
        heading2: { run: { font: 'Arial', size: 30, bold: true, color: NHS_BLUE }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { font: 'Arial', size: 26, bold: true }, paragraph: { spacing: { before: 200, after: 100 } } },
        heading4: { run: { font: 'Arial', size: 24, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
      },
    },
    numbering: {
      config: [{
        reference: ORDERED_LIST,
        levels: [0, 1, 2, 3, 4, 5].map((level) => ({
          level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: INDENT_STEP * (level + 1), hanging: 360 } } },
        })),
      }],
    },
    sections: [{
      footers: {
        default: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: `${metadata.footer}    Page `, size: 16 }), new TextRun({ children: [PageNumber.CURRENT], size: 16 }), new TextRun({ text: ' of ', size: 16 }), new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 })],
          })],
        }),
      },
      children,
    }],
  });
  return Packer.toBuffer(document);
}

class DocxBuilder {
  /** Each ordered list gets its own numbering instance, so numbering restarts at 1. */
  private listInstances = 0;

  blocks(nodes: readonly (RootContent | BlockContent | DefinitionContent)[], context: BlockContext): Block[] {
    return nodes.flatMap((node) => this.block(node, context));
  }

  private block(node: RootContent | BlockContent | DefinitionContent, context: BlockContext): Block[] {
    switch (node.type) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[node.depth - 1], children: this.inline(node.children, {}), keepNext: true })];
      case 'paragraph':
        return [new Paragraph({ children: this.inline(node.children, { italics: context.italics }), indent: indentOf(context) })];
      case 'blockquote':
        return this.blocks(node.children, { indent: context.indent + INDENT_STEP, italics: true });
      case 'list':
        return this.list(node, 0, context);
      case 'table':
        return [this.table(node)];
      case 'thematicBreak':
        return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'AEB7BD', space: 1 } }, children: [] })];
      case 'code':
        return node.value.split('\n').map((line) => new Paragraph({ indent: indentOf(context), spacing: { after: 0 }, children: [new TextRun({ text: line, font: MONOSPACE, size: 20 })] }));
      // Raw HTML, link definitions and footnotes have no place in a filled-in template.
      default:
        return [];
    }
  }

  private list(list: List, level: number, context: BlockContext): Block[] {
    const instance = list.ordered ? ++this.listInstances : undefined;
    const out: Block[] = [];
    for (const item of list.children) {
      item.children.forEach((child, index) => {
        if (index === 0 && child.type === 'paragraph') {
          const checkbox = item.checked == null ? [] : [new TextRun({ text: item.checked ? '\u2611 ' : '\u2610 ' })];
          out.push(new Paragraph({
            children: [...checkbox, ...this.inline(child.children, { italics: context.italics })],
            ...(list.ordered ? { numbering: { reference: ORDERED_LIST, level, instance } } : { bullet: { level } }),
          }));
        } else if (child.type === 'list') {
          out.push(...this.list(child, Math.min(level + 1, 5), context));
        } else {
          out.push(...this.block(child, { ...context, indent: INDENT_STEP * (level + 1) }));
        }
      });
    }
    return out;
  }

  private table(table: MarkdownTable): Table {
    const columns = Math.max(...table.children.map((row) => row.children.length));
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: table.children.map((row, rowIndex) => {
        const header = rowIndex === 0;
        const cells = Array.from({ length: columns }, (_, i) => row.children[i]?.children ?? []);
        return new TableRow({
          // Only the first row repeats on each page; an explicit false still marks a row as a header to some readers.
          ...(header ? { tableHeader: true } : {}),
          cantSplit: true,
          children: cells.map((content) => new TableCell({
            shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EDEE' } : undefined,
            margins: { top: 60, bottom: 60, left: 100, right: 100 },
            children: [new Paragraph({ spacing: { after: 0 }, children: this.inline(content, { bold: header }) })],
          })),
        });
      }),
    });
  }

  private inline(nodes: readonly PhrasingContent[], style: RunStyle): ParagraphChild[] {
    return nodes.flatMap((node): ParagraphChild[] => {
      switch (node.type) {
        case 'text':
          // A soft line break in Markdown is a space in the rendered text.
          return [this.run(node.value.replace(/\n/g, ' '), style)];
        case 'strong':
          return this.inline(node.children, { ...style, bold: true });
        case 'emphasis':
          return this.inline(node.children, { ...style, italics: true });
        case 'delete':
          return this.inline(node.children, { ...style, strike: true });
        case 'inlineCode':
          return [this.run(node.value, { ...style, code: true })];
        case 'break':
          return [new TextRun({ break: 1 })];
        case 'link':
          return [new ExternalHyperlink({
            link: node.url,
            children: node.children.flatMap((child) => (child.type === 'text' || child.type === 'inlineCode' ? [new TextRun({ text: child.value, style: 'Hyperlink', bold: style.bold, italics: style.italics })] : [])),
          })];
        case 'image':
          return node.alt ? [this.run(node.alt, style)] : [];
        default:
          return [];
      }
    });
  }

  private run(text: string, style: RunStyle): TextRun {
    return new TextRun({ text, bold: style.bold, italics: style.italics, strike: style.strike, ...(style.code ? { font: MONOSPACE } : {}) });
  }
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

function indentOf(context: BlockContext) {
  return context.indent ? { left: context.indent } : undefined;
}
