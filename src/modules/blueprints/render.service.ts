import { createHash } from 'node:crypto';
import type { FirstWriteCache } from '../../cache/store.js';
import type { Em } from '../../db/createOrm.js';
import { errors } from '../../graphql/errors.js';
import { paths } from '../../graphql/urls.js';
import { PLACEHOLDER } from '../ingest/validate-corpus.js';
import type { HazardContent } from '../safety-cases/hazard.entity.js';
import { parseClauseRef } from '../standards/clause-ref.js';
import { StandardsService } from '../standards/standards.service.js';
import type { Blueprint, BlueprintKind } from './blueprint.entity.js';
import type { BlueprintVariable, BlueprintVersion } from './blueprint-version.entity.js';
import { displayValue, longDate, resolveVariables, type ResolvedVariables } from './blueprint-variables.js';
import { BlueprintsService } from './blueprints.service.js';
import { label, renderHazardCsv, renderHazardXlsx, type HazardLogSheet } from './render-hazard-log.js';
import { parseMarkdown, plainText, renderHtml } from './render-markdown.js';

export const BLUEPRINT_FORMATS = ['MARKDOWN', 'HTML', 'DOCX', 'CSV', 'XLSX'] as const;
export type BlueprintFormatId = (typeof BLUEPRINT_FORMATS)[number];

interface FormatDetails {
  extension: string;
  mediaType: string;
  binary: boolean;
  /** Kinds the format is offered for; every kind when absent. */
  onlyFor?: readonly BlueprintKind[];
}

export const FORMATS: Record<BlueprintFormatId, FormatDetails> = {
  MARKDOWN: { extension: 'md', mediaType: 'text/markdown; charset=utf-8', binary: false },
  HTML: { extension: 'html', mediaType: 'text/html; charset=utf-8', binary: false },
  DOCX: { extension: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', binary: true },
  CSV: { extension: 'csv', mediaType: 'text/csv; charset=utf-8', binary: false, onlyFor: ['HAZARD_LOG'] },
  XLSX: { extension: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', binary: true, onlyFor: ['HAZARD_LOG'] },
};

export function formatForExtension(extension: string): BlueprintFormatId | null {
  const found = BLUEPRINT_FORMATS.find((format) => FORMATS[format].extension === extension.toLowerCase());
  return found ?? null;
}

/** The stable download URL path of a render; the variables the caller gave travel as query parameters. */
export function downloadPath(slug: string, version: string, format: BlueprintFormatId, variables: Readonly<Record<string, unknown>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(variables)) if (value !== undefined && value !== null) query.append(name, String(value));
  const search = query.toString();
  return `${paths.blueprint(slug)}/${encodeURIComponent(version)}.${FORMATS[format].extension}${search ? `?${search}` : ''}`;
}

/**
 * Part of every ETag: raise it whenever a renderer's output changes for the same template and variables, so
 * caches holding the old output for an immutable version URL stop matching.
 */
const RENDERER_REVISION = '1';

/** How long a rendered file stays cached after its first build; an ETag never changes meaning, so this only bounds memory. */
const RENDER_CACHE_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface RenderRequest {
  slug: string;
  /** An exact semver version or "latest". */
  version: string;
  format: BlueprintFormatId;
  variables: Readonly<Record<string, unknown>>;
  /** Origin for the hub links in the document (PUBLIC_URL or the request's origin). */
  baseUrl: string;
}

/** Everything about a render except the bytes: enough to answer a conditional request without building a file. */
export interface PreparedRender {
  blueprint: Blueprint;
  version: BlueprintVersion;
  /** The request asked for "latest" rather than an exact version. */
  latest: boolean;
  format: BlueprintFormatId;
  variables: ResolvedVariables;
  /** The single source every format is rendered from. */
  markdown: string;
  etag: string;
  fileName: string;
  mediaType: string;
  encoding: 'UTF8' | 'BASE64';
  coverage: CoverageRow[];
  baseUrl: string;
}

export interface RenderedArtefact extends PreparedRender {
  bytes: Buffer;
}

interface CoverageRow {
  clause: string;
  title: string;
  url: string;
}

/**
 * Fills a blueprint version's variables and renders the result. One Markdown document (the template filled in,
 * the starter hazards for a hazard log, the clause coverage table and the version and licence line) is the
 * source of every format, so the formats cannot drift apart.
 */
export class BlueprintRenderService {
  /** `renders` is the hub's shared render cache (`hub.stores.renders`). */
  constructor(
    private readonly em: Em,
    private readonly renders: FirstWriteCache,
  ) {}

  async render(request: RenderRequest): Promise<RenderedArtefact> {
    return this.produce(await this.prepare(request));
  }

  async prepare(request: RenderRequest): Promise<PreparedRender> {
    const blueprints = new BlueprintsService(this.em);
    const blueprint = await blueprints.findBySlug(request.slug);
    if (!blueprint) throw errors.notFound('Blueprint', request.slug);
    const version = await blueprints.version(blueprint, request.version);
    const format = FORMATS[request.format];
    if (format.onlyFor && !format.onlyFor.includes(blueprint.kind)) {
      const message = `format ${request.format} is only offered for ${format.onlyFor.map((k) => label(k).toLowerCase()).join(', ')} blueprints; ${blueprint.slug} is a ${blueprint.kind} blueprint: use MARKDOWN, HTML or DOCX`;
      throw errors.badInput(`Blueprint ${blueprint.slug} cannot be rendered as ${request.format}: ${message}`, [{ field: 'format', message }]);
    }
    const variables = resolveVariables(version.variables, request.variables, `blueprint ${blueprint.slug} version ${version.version}`);
    const baseUrl = request.baseUrl.replace(/\/+$/, '');
    const coverage = await this.coverage(version.clauseRefs, baseUrl);
    const markdown = composeMarkdown({ blueprint, version, variables, coverage, baseUrl });
    const etag = `"${createHash('sha256')
      .update(JSON.stringify([RENDERER_REVISION, request.format, version.contentHash, canonical(variables), markdown]))
      .digest('base64url')
      .slice(0, 32)}"`;
    return {
      blueprint, version, latest: request.version === 'latest', format: request.format, variables, markdown, etag, coverage, baseUrl,
      fileName: `${blueprint.slug}-${version.version}.${format.extension}`,
      mediaType: format.mediaType,
      encoding: format.binary ? 'BASE64' : 'UTF8',
    };
  }

  /**
   * DOCX and XLSX packages embed timestamps and random part ids, so two builds of one document differ byte for
   * byte: the first build kept under an ETag is the one served, by this instance and every other sharing the
   * store, so a strong ETag always names the same bytes. Repeated downloads also skip the work.
   */
  async produce(prepared: PreparedRender): Promise<RenderedArtefact> {
    const cached = await this.renders.get(prepared.etag);
    if (cached) return { ...prepared, bytes: cached };
    const bytes = await this.renders.keep(prepared.etag, await this.bytes(prepared), RENDER_CACHE_TTL_SECONDS);
    return { ...prepared, bytes };
  }

  private async bytes(prepared: PreparedRender): Promise<Buffer> {
    const { blueprint, version, markdown } = prepared;
    switch (prepared.format) {
      case 'MARKDOWN':
        return Buffer.from(markdown, 'utf8');
      case 'HTML':
        return Buffer.from(await renderHtml(markdown, { title: documentTitle(markdown, version.title), description: version.summary }), 'utf8');
      case 'DOCX': {
        // The docx library weighs about 11 MB loaded: only hubs that render DOCX pay for it.
        const { renderDocx } = await import('./render-docx.js');
        return renderDocx(parseMarkdown(markdown), {
          title: documentTitle(markdown, version.title),
          description: version.summary,
          keywords: version.clauseRefs.join(', '),
          footer: `${blueprint.slug} ${version.version}`,
        });
      }
      case 'CSV':
        return renderHazardCsv(hazardSheet(prepared));
      case 'XLSX':
        return renderHazardXlsx(hazardSheet(prepared));
    }
  }

  private async coverage(refs: readonly string[], baseUrl: string): Promise<CoverageRow[]> {
    const clauses = await new StandardsService(this.em).findClausesByRefs(refs);
    return refs.map((ref, i) => {
      const parsed = parseClauseRef(ref);
      return {
        clause: ref,
        title: clauses[i]?.title ?? 'Not in the current edition of the standard',
        url: parsed ? baseUrl + paths.clause(parsed.code, parsed.number) : baseUrl,
      };
    });
  }
}

function composeMarkdown(input: { blueprint: Blueprint; version: BlueprintVersion; variables: ResolvedVariables; coverage: CoverageRow[]; baseUrl: string }): string {
  const { blueprint, version, variables, coverage, baseUrl } = input;
  const parts = [fillTemplate(version.template, version.variables, variables, baseUrl)];
  if (blueprint.kind === 'HAZARD_LOG' && version.hazards.length > 0) parts.push(hazardAppendix(version.hazards));
  const standards = [...new Set(coverage.map((row) => parseClauseRef(row.clause)?.code).filter(Boolean))].join(' and ');
  parts.push([
    '## Clause coverage',
    `This document helps satisfy these clauses of ${standards || 'the standards'}:`,
    ['| Clause | Title |', '|---|---|', ...coverage.map((row) => `| [${row.clause}](${row.url}) | ${escapeValue(row.title, true)} |`)].join('\n'),
  ].join('\n\n'));
  const line = attribution(blueprint, version, baseUrl);
  parts.push(`---\n\n${escapeValue(line.lead, false)} ([${line.url}](${line.url})). ${escapeValue(line.licence, false)}`);
  return `${parts.join('\n\n')}\n`;
}

/** The version and licence line every rendered document ends with. */
function attribution(blueprint: Blueprint, version: BlueprintVersion, baseUrl: string): { lead: string; url: string; licence: string; text: string } {
  const published = longDate(version.publishedOn);
  const lead = `Produced from the DCS Hub blueprint "${version.title}" (${blueprint.slug}), version ${version.version}, published ${published}`;
  const url = baseUrl + paths.blueprint(blueprint.slug);
  const licence = `Licence: ${version.licence}`;
  return { lead, url, licence, text: `${lead} (${url}). ${licence}` };
}

function fillTemplate(template: string, declared: readonly BlueprintVariable[], values: ResolvedVariables, baseUrl: string): string {
  const byName = new Map(declared.map((v) => [v.name, v]));
  // Content links are hub paths ("/risk-matrix"); a downloaded document needs them absolute to stay clickable.
  const linked = template.replace(/\]\((\/[^)\s]*)\)/g, (_match, path: string) => `](${baseUrl}${path})`);
  return linked
    .split('\n')
    .map((line) => {
      const inTable = line.trimStart().startsWith('|');
      return line.replace(PLACEHOLDER, (_match, name: string, offset: number) => {
        const variable = byName.get(name)!;
        const atLineStart = line.slice(0, offset).trim() === '';
        return escapeValue(displayValue(variable, values[name] ?? null), inTable, atLineStart);
      });
    })
    .join('\n');
}

/**
 * Values are inserted as plain text: Markdown punctuation is escaped so a product called "*Beta* | v2" cannot
 * restructure the document, a line of the value that would open a block (heading, quote, list, rule) is escaped,
 * and line breaks inside a table cell become spaces so the row stays one row.
 */
function escapeValue(value: string, inTableRow: boolean, startsLine = false): string {
  const escaped = value
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .split('\n')
    .map((line, index) => (index > 0 || startsLine ? escapeBlockStart(line) : line))
    .join('\n');
  return inTableRow ? escaped.replace(/\s*\n\s*/g, ' ') : escaped;
}

const BLOCK_START = /^(\s*)(#{1,6}(?=\s|$)|>|[-+=](?=\s|$|[-=])|\d{1,9}(?=[.)](?:\s|$)))/;

function escapeBlockStart(line: string): string {
  return line.replace(BLOCK_START, (_match, space: string, marker: string) => (/^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`));
}

function hazardAppendix(hazards: readonly HazardContent[]): string {
  const sections = hazards.map((hazard) => {
    const rows: [string, string][] = [
      ['Family', hazard.family],
      ['Description', hazard.description],
      ['Causes', hazard.causes.join('; ')],
      ['Effects (clinical impact)', hazard.effects.join('; ')],
      ['Controls', hazard.controls.map((c) => `${label(c.type)}: ${c.description}`).join('; ')],
      ['Initial risk', riskText(hazard.initialRisk)],
      ['Residual risk', riskText(hazard.residualRisk)],
      ['Status', label(hazard.status)],
      ['Clauses', (hazard.clauses ?? []).join(', ')],
    ];
    const table = ['| Field | Detail |', '|---|---|', ...rows.filter(([, detail]) => detail).map(([field, detail]) => `| ${field} | ${escapeValue(detail, true)} |`)].join('\n');
    return `### ${escapeValue(`${hazard.code} ${hazard.title}`, false)}\n\n${table}`;
  });
  return ['## Starter hazards in full', 'Each starter hazard as supplied with this template, ready to adapt to your system.', ...sections].join('\n\n');
}

function riskText(risk: HazardContent['initialRisk']): string {
  return `${label(risk.severity)} severity, ${label(risk.likelihood).toLowerCase()} likelihood: rating ${risk.rating}`;
}

function hazardSheet(prepared: PreparedRender): HazardLogSheet {
  const { blueprint, version, variables, coverage } = prepared;
  return {
    title: documentTitle(prepared.markdown, version.title),
    origin: `${blueprint.slug} ${version.version}`,
    publishedOn: version.publishedOn,
    hazards: version.hazards,
    details: version.variables.map((v) => ({ field: v.name, value: displayValue(v, variables[v.name] ?? null), meaning: v.description })),
    coverage,
    attribution: attribution(blueprint, version, prepared.baseUrl).text,
  };
}

/** The document's own first-level heading ("Hazard log: Acme EPR 2.1"), else the blueprint's title. */
function documentTitle(markdown: string, fallback: string): string {
  // Only the heading line is parsed (for its escapes and emphasis): parsing the whole document again costs more than the CSV it titles.
  const line = markdown.split('\n').find((text) => /^#\s/.test(text));
  const heading = line ? parseMarkdown(line).children[0] : undefined;
  return (heading && plainText(heading).trim()) || fallback;
}

function canonical(variables: ResolvedVariables): [string, unknown][] {
  return Object.entries(variables).sort(([a], [b]) => a.localeCompare(b));
}
