import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlueprintEntity } from '../../src/modules/blueprints/blueprint.entity.js';
import { BlueprintVersionEntity, type BlueprintVersion } from '../../src/modules/blueprints/blueprint-version.entity.js';
import { HAZARD_COLUMNS, label } from '../../src/modules/blueprints/render-hazard-log.js';
import { renderHtml } from '../../src/modules/blueprints/render-markdown.js';
import { BLUEPRINT_FORMATS, BlueprintRenderService, type BlueprintFormatId } from '../../src/modules/blueprints/render.service.js';
import { startTestServer, type TestServer } from '../support/test-hub.js';

interface Rendered {
  fileName: string;
  mediaType: string;
  encoding: 'UTF8' | 'BASE64';
  content: string;
  byteLength: number;
  etag: string;
  version: string;
  downloadUrl: string;
}

const RENDER = `query Render($slug: String!, $version: String, $format: BlueprintFormat!, $variables: JSONObject) {
  blueprint(slug: $slug) { render(version: $version, format: $format, variables: $variables) { fileName mediaType encoding content byteLength etag version downloadUrl } }
}`;

const HAZARD_LOG_VARIABLES = {
  productName: 'Acme EPR', productVersion: '2.1', organisationName: 'Acme Health Ltd', applicableStandard: 'DCB0129',
  csoName: 'Dr Ada Example', approvalDate: '2026-03-31',
};
const CSCR_VARIABLES = {
  productName: 'Acme EPR', productVersion: '2.1', organisationName: 'Acme Health Ltd', applicableStandard: 'DCB0129', lifecyclePhase: 'release',
  systemDescription: 'An electronic patient record for acute wards.\n\nIt holds observations, orders and results.',
  csoName: 'Dr Ada Example', csoProfessionalBody: 'GMC', reportDate: '2026-04-15', hazardLogIssue: '1.0',
};

function bytesOf(rendered: Rendered): Buffer {
  return rendered.encoding === 'BASE64' ? Buffer.from(rendered.content, 'base64') : Buffer.from(rendered.content, 'utf8');
}

describe('rendering blueprints', () => {
  let server: TestServer;
  let hazardLog: BlueprintVersion;
  let cscr: BlueprintVersion;

  async function render(slug: string, format: BlueprintFormatId, variables: Record<string, unknown>, version?: string) {
    return server.graphql<{ blueprint: { render: Rendered } }>(RENDER, { slug, format, variables, version });
  }
  async function renderOk(slug: string, format: BlueprintFormatId, variables: Record<string, unknown>, version?: string): Promise<Rendered> {
    const result = await render(slug, format, variables, version);
    expect(result.errors).toBeUndefined();
    return result.data!.blueprint.render;
  }

  beforeAll(async () => {
    server = await startTestServer();
    const em = server.hub.db.orm.em.fork();
    const latestOf = async (slug: string) => {
      const blueprint = await em.findOneOrFail(BlueprintEntity, { slug });
      return em.findOneOrFail(BlueprintVersionEntity, { blueprint, version: blueprint.latestVersion });
    };
    hazardLog = await latestOf('hazard-log');
    cscr = await latestOf('clinical-safety-case-report');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('gives the Hazard Log as an XLSX workbook: a header row, one row per starter hazard, risk columns and an About sheet', async () => {
    const rendered = await renderOk('hazard-log', 'XLSX', HAZARD_LOG_VARIABLES);
    expect(rendered).toMatchObject({
      fileName: `hazard-log-${hazardLog.version}.xlsx`, encoding: 'BASE64', version: hazardLog.version,
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const bytes = bytesOf(rendered);
    expect(rendered.byteLength).toBe(bytes.byteLength);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Hazard log', 'About']);
    const sheet = workbook.getWorksheet('Hazard log')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(HAZARD_COLUMNS.map((c) => c.header));
    expect(header).toEqual(expect.arrayContaining(['Initial severity', 'Initial likelihood', 'Initial rating', 'Residual severity', 'Residual likelihood', 'Residual rating', 'Status']));

    const column = (name: string) => header.indexOf(name) + 1;
    const rows = hazardLog.hazards.map((_, i) => sheet.getRow(i + 2));
    expect(hazardLog.hazards.length).toBe(12);
    hazardLog.hazards.forEach((hazard, i) => {
      const row = rows[i];
      expect(row.getCell(column('Code')).value).toBe(hazard.code);
      expect(row.getCell(column('Title')).value).toBe(hazard.title);
      expect(row.getCell(column('Causes')).value).toBe(hazard.causes.join('\n'));
      expect(row.getCell(column('Initial severity')).value).toBe(label(hazard.initialRisk.severity));
      expect(row.getCell(column('Initial rating')).value).toBe(hazard.initialRisk.rating);
      expect(row.getCell(column('Residual likelihood')).value).toBe(label(hazard.residualRisk.likelihood));
      expect(row.getCell(column('Residual rating')).value).toBe(hazard.residualRisk.rating);
      expect(row.getCell(column('Status')).value).toBe(label(hazard.status));
    });
    expect(sheet.getRow(hazardLog.hazards.length + 2).getCell(column('Code')).value).toBeNull();
    expect(sheet.getCell(2, column('Status')).dataValidation).toMatchObject({ type: 'list', formulae: ['"Open,Transferred,Closed"'] });

    const about = workbook.getWorksheet('About')!;
    const aboutRows: unknown[][] = [];
    about.eachRow((row) => aboutRows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'text' in v ? (v as { text: string }).text : v))));
    expect(aboutRows[0][0]).toBe('Hazard log: Acme EPR 2.1');
    expect(aboutRows).toContainEqual(['productName', 'Acme EPR', 'The health IT system the hazard log is for.']);
    expect(aboutRows).toContainEqual(['approvalDate', '31 March 2026', 'The date the CSO approved this issue of the log.']);
    const coverageStart = aboutRows.findIndex((r) => r[0] === 'Clause coverage');
    const coverage = aboutRows.slice(coverageStart + 2, coverageStart + 2 + hazardLog.clauseRefs.length);
    expect(coverage.map((r) => r[0])).toEqual(hazardLog.clauseRefs);
    expect(coverage.find((r) => r[0] === 'DCB0129 3.3.1')![1]).toMatch(/Hazard Log/);
    const last = String(aboutRows.at(-1)![0]);
    expect(last).toContain(`version ${hazardLog.version}`);
    expect(last).toContain(`Licence: ${hazardLog.licence}`);
  });

  it('gives the Clinical Safety Case Report as a DOCX with real headings, filled variables, tables and the coverage table', async () => {
    const rendered = await renderOk('clinical-safety-case-report', 'DOCX', CSCR_VARIABLES);
    expect(rendered).toMatchObject({
      fileName: `clinical-safety-case-report-${cscr.version}.docx`, encoding: 'BASE64',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    const buffer = bytesOf(rendered);
    const { value: html, messages } = await mammoth.convertToHtml({ buffer });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(html).toContain('<h1>Clinical Safety Case Report: Acme EPR 2.1</h1>');
    expect(html).toContain('<h2>Executive summary</h2>');
    expect(html).toContain('<h3>2.1 Overview</h3>');
    expect(html).toContain('<h2>Clause coverage</h2>');
    // The TEXT variable keeps its two paragraphs.
    expect(html).toContain('<p>An electronic patient record for acute wards.</p><p>It holds observations, orders and results.</p>');
    // Document control: a Word table whose first row is the only header row.
    expect(html).toContain('<table><thead><tr><th><p><strong>Document control</strong></p></th><th></th></tr></thead><tbody><tr><td><p>Issued by</p></td><td><p>Acme Health Ltd</p></td></tr>');
    expect(html).toContain('<td><p>Approved by the Clinical Safety Officer</p></td><td><p>Dr Ada Example on 15 April 2026</p></td>');
    expect(html).not.toContain('{{');

    const tables = html.match(/<table>.*?<\/table>/g)!;
    const coverageTable = tables.at(-1)!;
    for (const ref of cscr.clauseRefs) expect(coverageTable).toContain(`>${ref}</a>`);
    expect(coverageTable).toContain('<th><p><strong>Clause</strong></p></th><th><p><strong>Title</strong></p></th>');

    const { value: text } = await mammoth.extractRawText({ buffer });
    const lastParagraph = text.trim().split('\n').filter(Boolean).at(-1)!;
    expect(lastParagraph).toContain(`"${cscr.title}" (clinical-safety-case-report), version ${cscr.version}`);
    expect(lastParagraph).toContain(`Licence: ${cscr.licence}`);
  });

  it('gives Markdown that ends with the coverage table and the version and licence line', async () => {
    const rendered = await renderOk('hazard-log', 'MARKDOWN', HAZARD_LOG_VARIABLES);
    expect(rendered).toMatchObject({ fileName: `hazard-log-${hazardLog.version}.md`, encoding: 'UTF8', mediaType: 'text/markdown; charset=utf-8' });
    const markdown = rendered.content;
    expect(markdown.startsWith('# Hazard log: Acme EPR 2.1\n')).toBe(true);
    expect(markdown).not.toMatch(/\{\{/);
    expect(markdown).toContain('| Log issue | 0.1 |'); // the declared default
    expect(markdown).toContain('| Approved by the Clinical Safety Officer | Dr Ada Example on 31 March 2026 |');
    expect(markdown).toContain('### H-012 Duplicate patient records created');
    const coverage = markdown.slice(markdown.indexOf('## Clause coverage'));
    expect(coverage).toMatch(/\| \[DCB0129 3\.3\.1\]\(http:\/\/127\.0\.0\.1:\d+\/standards\/DCB0129\/3\.3\.1\) \| Establishing and maintaining a Hazard Log \|/);
    for (const ref of hazardLog.clauseRefs) expect(coverage).toContain(`[${ref}]`);
    const lines = markdown.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(new RegExp(`^Produced from the DCS Hub blueprint .* version ${hazardLog.version.replace(/\./g, '\\.')}, published .*Licence: `));
    // Hub links are made absolute so they work in a downloaded file.
    expect(markdown).toMatch(/\[the risk matrix\]\(http:\/\/127\.0\.0\.1:\d+\/risk-matrix\)/);
  });

  it('inserts values as plain text: Markdown in a value cannot restructure the document', async () => {
    const rendered = await renderOk('hazard-log', 'MARKDOWN', { ...HAZARD_LOG_VARIABLES, productName: '*Beta* | [x](javascript:alert(1)) <b>' });
    expect(rendered.content).toContain('# Hazard log: \\*Beta\\* \\| \\[x\\](javascript:alert(1)) \\<b\\> 2.1');
    const html = await renderOk('hazard-log', 'HTML', { ...HAZARD_LOG_VARIABLES, productName: '*Beta* | [x](javascript:alert(1)) <b>' });
    expect(html.content).toContain('<h1>Hazard log: *Beta* | [x](javascript:alert(1)) &#x3C;b> 2.1</h1>');
    expect(html.content).not.toContain('href="javascript');
  });

  it('gives a standalone, sanitised HTML document with print styles', async () => {
    const rendered = await renderOk('clinical-safety-case-report', 'HTML', CSCR_VARIABLES);
    expect(rendered).toMatchObject({ encoding: 'UTF8', mediaType: 'text/html; charset=utf-8', fileName: `clinical-safety-case-report-${cscr.version}.html` });
    const html = rendered.content;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<title>Clinical Safety Case Report: Acme EPR 2.1</title>');
    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
    expect(html).toContain('<h2>Clause coverage</h2>');
    expect(html).toMatch(/Licence: [^<]+<\/p>\s*<\/body>/);
  });

  it('sanitises markup and scripts out of the HTML, whatever the Markdown holds', async () => {
    const html = await renderHtml('# Title\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1)) <img src=x onerror=alert(1)>\n', { title: 'T', description: 'D' });
    expect(html).not.toMatch(/<script>alert|onerror|javascript:/);
    expect(html).toContain('<h1>Title</h1>');
  });

  it('gives the hazard rows as CSV with a header row and proper quoting', async () => {
    const rendered = await renderOk('hazard-log', 'CSV', HAZARD_LOG_VARIABLES);
    expect(rendered).toMatchObject({ encoding: 'UTF8', mediaType: 'text/csv; charset=utf-8', fileName: `hazard-log-${hazardLog.version}.csv` });
    const records = parseCsv(bytesOf(rendered), { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0])).toEqual(HAZARD_COLUMNS.map((c) => c.header));
    expect(records.map((r) => r.Code)).toEqual(hazardLog.hazards.map((h) => h.code));
    // Commas, quotes and line breaks survive the round trip.
    expect(records[0].Description).toBe(hazardLog.hazards[0].description);
    expect(records[0].Causes).toBe(hazardLog.hazards[0].causes.join('\n'));
    expect(records[0]['Residual rating']).toBe(String(hazardLog.hazards[0].residualRisk.rating));
    expect(records[0].Source).toBe(`DCS Hub starter hazard (hazard-log ${hazardLog.version})`);
  });

  it('renders an older version by number, and resolves latest to the newest', async () => {
    const older = await renderOk('hazard-log', 'CSV', HAZARD_LOG_VARIABLES, '1.0.0');
    expect(older.version).toBe('1.0.0');
    expect((parseCsv(bytesOf(older), { bom: true, columns: true }) as unknown[]).length).toBe(10);
    const latest = await renderOk('hazard-log', 'CSV', HAZARD_LOG_VARIABLES, 'latest');
    expect(latest.version).toBe(hazardLog.version);
    expect(latest.downloadUrl).toMatch(/\/blueprints\/hazard-log\/latest\.csv\?productName=Acme\+EPR&/);
  });

  it('refuses CSV and XLSX for blueprints that are not hazard logs, saying which formats to use', async () => {
    const result = await render('clinical-safety-case-report', 'XLSX', CSCR_VARIABLES);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'format' }] });
    expect(result.errors![0].message).toContain('format XLSX is only offered for hazard log blueprints');
    expect(result.errors![0].message).toContain('use MARKDOWN, HTML or DOCX');
  });

  it('names each missing, wrongly typed or unknown variable in the error', async () => {
    const result = await render('hazard-log', 'DOCX', { productVersion: 2.1, organisationName: 'Acme', applicableStandard: 'DCB0999', csoName: 'Dr A', approvalDate: 'tomorrow', colour: 'blue' });
    expect(result.errors).toHaveLength(1);
    const error = result.errors![0];
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
    const problems = error.extensions!.problems as { field: string; message: string }[];
    expect(problems.map((p) => p.field).sort()).toEqual(['variables.applicableStandard', 'variables.approvalDate', 'variables.colour', 'variables.productName', 'variables.productVersion']);
    for (const problem of problems) expect(error.message).toContain(problem.field);
    expect(problems.find((p) => p.field === 'variables.colour')!.message).toMatch(/^is not a variable of blueprint hazard-log version 1\.1\.0; it takes productName, /);
  });

  it('answers NOT_FOUND for an unknown blueprint or version', async () => {
    const version = await render('hazard-log', 'MARKDOWN', HAZARD_LOG_VARIABLES, '9.9.9');
    expect(version.errors![0].extensions!.code).toBe('NOT_FOUND');
    expect(version.errors![0].message).toContain('9.9.9');
    const unknown = await server.graphql<{ blueprint: null }>('{ blueprint(slug: "no-such-blueprint") { slug } }');
    expect(unknown.data!.blueprint).toBeNull();
  });

  it('gives the same ETag for the same request and a different one when a variable changes', async () => {
    const a = await renderOk('hazard-log', 'DOCX', HAZARD_LOG_VARIABLES);
    const b = await renderOk('hazard-log', 'DOCX', HAZARD_LOG_VARIABLES);
    const c = await renderOk('hazard-log', 'DOCX', { ...HAZARD_LOG_VARIABLES, productVersion: '2.2' });
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(b.etag).toBe(a.etag);
    expect(b.content).toBe(a.content);
    expect(c.etag).not.toBe(a.etag);
  });

  // HTML and the spreadsheets are covered above; Markdown and DOCX here exercise every template's constructs.
  it('renders every blueprint to Markdown and DOCX, each ending with its coverage table', async () => {
    const listed = await server.graphql<{ blueprints: { edges: { node: { slug: string; latest: { variables: { name: string; type: string; required: boolean; options: string[] | null }[] } } }[] } }>(
      '{ blueprints(first: 50) { edges { node { slug latest { variables { name type required options } } } } } }',
    );
    const blueprints = listed.data!.blueprints.edges.map((e) => e.node);
    expect(blueprints.length).toBeGreaterThanOrEqual(13);
    for (const blueprint of blueprints) {
      const variables = Object.fromEntries(blueprint.latest.variables.filter((v) => v.required).map((v) => [v.name, sampleValue(v)]));
      for (const format of ['MARKDOWN', 'DOCX'] as const) {
        const rendered = await renderOk(blueprint.slug, format, variables);
        expect(rendered.byteLength, `${blueprint.slug} ${format}`).toBeGreaterThan(500);
        if (format === 'MARKDOWN') expect(rendered.content).toContain('## Clause coverage');
        if (format === 'DOCX') expect((await mammoth.convertToHtml({ buffer: bytesOf(rendered) })).value).toContain('<h2>Clause coverage</h2>');
      }
    }
  });

  it('measures render time per format', async () => {
    const renderer = new BlueprintRenderService(server.hub.db.orm.em.fork(), server.hub.stores.renders);
    const timings: Record<string, number> = {};
    for (const format of BLUEPRINT_FORMATS) {
      const [slug, variables] = format === 'DOCX' || format === 'HTML' ? ['clinical-safety-case-report', CSCR_VARIABLES] as const : ['hazard-log', HAZARD_LOG_VARIABLES] as const;
      const samples: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        // A new product version each time, so no render is served from the cache of built files.
        const started = performance.now();
        await renderer.render({ slug, version: 'latest', format, variables: { ...variables, productVersion: `timing-${format}-${i}` }, baseUrl: 'https://hub.example' });
        samples.push(performance.now() - started);
      }
      timings[`${format} (${slug})`] = Math.round(samples.sort((x, y) => x - y)[2]);
    }
    console.log('median render time per format, ms:', JSON.stringify(timings));
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(2000);
  });
});

function sampleValue(variable: { name: string; type: string; options: string[] | null }): unknown {
  switch (variable.type) {
    case 'DATE': return '2026-03-31';
    case 'NUMBER': return 6;
    case 'BOOLEAN': return true;
    case 'ENUM': return variable.options![0];
    case 'TEXT': return `Sample ${variable.name}.\n\nA second paragraph.`;
    default: return `Sample ${variable.name}`;
  }
}
