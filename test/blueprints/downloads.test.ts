import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-hub.js';

const HAZARD_LOG_QUERY = new URLSearchParams({
  productName: 'Acme EPR', productVersion: '2.1', organisationName: 'Acme Health Ltd', applicableStandard: 'DCB0160',
  csoName: 'Dr Ada Example', approvalDate: '2026-03-31',
}).toString();
const CSCR_QUERY = new URLSearchParams({
  productName: 'Acme EPR', productVersion: '2.1', organisationName: 'Acme Health Ltd', applicableStandard: 'DCB0129', lifecyclePhase: 'release',
  systemDescription: 'An electronic patient record for acute wards.', csoName: 'Dr Ada Example', csoProfessionalBody: 'GMC',
  reportDate: '2026-04-15', hazardLogIssue: '1.0',
}).toString();
const CHANGE_QUERY = {
  organisationName: 'Acme Health Ltd', productName: 'Acme EPR', productVersion: '2.1', changeReference: 'CHG-42', assessmentDate: '2026-05-01',
};

describe('blueprint download URLs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  it('serves an exact version as an attachment with a strong ETag and a year of immutable caching', async () => {
    const response = await get(`/blueprints/hazard-log/1.1.0.xlsx?${HAZARD_LOG_QUERY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename=hazard-log-1.1.0.xlsx');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{32}"$/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const hazards = workbook.getWorksheet('Hazard log')!;
    expect(hazards.getRow(1).getCell(1).value).toBe('Code');
    expect(hazards.getRow(2).getCell(1).value).toBe('H-001');
    expect(hazards.getRow(13).getCell(1).value).toBe('H-012');
    const about: unknown[] = [];
    workbook.getWorksheet('About')!.eachRow((row) => about.push(...(row.values as unknown[])));
    expect(about).toContain('Hazard log: Acme EPR 2.1');
    expect(about).toContain('DCB0160');
  });

  it('serves latest with a short cache and points at the exact version it resolved to', async () => {
    const response = await get(`/blueprints/clinical-safety-case-report/latest.docx?${CSCR_QUERY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('content-location')).toBe(`/blueprints/clinical-safety-case-report/1.1.0.docx?${CSCR_QUERY}`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename=clinical-safety-case-report-1.1.0.docx');
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(await response.arrayBuffer()) });
    expect(html).toContain('<h1>Clinical Safety Case Report: Acme EPR 2.1</h1>');
    expect(html).toContain('<h2>Clause coverage</h2>');
  });

  it('answers a revalidation with a matching ETag with 304 and no body', async () => {
    const first = await get(`/blueprints/hazard-log/1.1.0.csv?${HAZARD_LOG_QUERY}`);
    const etag = first.headers.get('etag')!;
    expect(first.status).toBe(200);
    // As a browser revalidates; fetch otherwise adds "Cache-Control: no-cache", which asks for the full answer.
    const revalidate = { 'if-none-match': etag, 'cache-control': 'max-age=0' };
    const again = await get(`/blueprints/hazard-log/1.1.0.csv?${HAZARD_LOG_QUERY}`, revalidate);
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await again.text()).toBe('');
    const changed = await get(`/blueprints/hazard-log/1.1.0.csv?${HAZARD_LOG_QUERY.replace('2.1', '2.2')}`, revalidate);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('gives the same file and ETag as the GraphQL render', async () => {
    const variables = Object.fromEntries(new URLSearchParams(HAZARD_LOG_QUERY));
    const result = await server.graphql<{ blueprint: { render: { etag: string; content: string; downloadUrl: string } } }>(
      'query($v: JSONObject) { blueprint(slug: "hazard-log") { render(version: "1.1.0", format: MARKDOWN, variables: $v) { etag content downloadUrl } } }',
      { v: variables },
    );
    const rendered = result.data!.blueprint.render;
    const response = await fetch(rendered.downloadUrl);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(response.headers.get('etag')).toBe(rendered.etag);
    expect(await response.text()).toBe(rendered.content);
  });

  it('reads numbers, booleans and dates from the query string as their declared types', async () => {
    const query = new URLSearchParams({ ...CHANGE_QUERY, emergencyChange: 'true', retrospectiveReviewDays: '3' });
    const response = await get(`/blueprints/change-impact-assessment/1.1.0.md?${query}`);
    expect(response.status).toBe(200);
    const markdown = await response.text();
    expect(markdown).toContain('| Emergency change | Yes |');
    expect(markdown).toContain('| Assessment completed | 1 May 2026 |');
    expect(markdown).toContain('within 3 working days of the change');
  });

  it('answers 400 naming the variable for a bad, missing or unknown variable', async () => {
    const badNumber = await get(`/blueprints/change-impact-assessment/1.1.0.md?${new URLSearchParams({ ...CHANGE_QUERY, retrospectiveReviewDays: 'five' })}`);
    expect(badNumber.status).toBe(400);
    expect(badNumber.headers.get('cache-control')).toBe('no-store');
    const body = (await badNumber.json()) as { error: { code: string; message: string; problems: { field: string; message: string }[] } };
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.problems).toEqual([{ field: 'variables.retrospectiveReviewDays', message: 'must be a number; got "five"' }]);
    expect(body.error.message).toContain('variables.retrospectiveReviewDays');

    const badDate = await (await get(`/blueprints/change-impact-assessment/1.1.0.md?${new URLSearchParams({ ...CHANGE_QUERY, assessmentDate: '01/05/2026' })}`)).json();
    expect(badDate.error.problems[0].field).toBe('variables.assessmentDate');

    const missing = await get('/blueprints/hazard-log/1.1.0.docx?productName=Acme');
    expect(missing.status).toBe(400);
    const missingBody = (await missing.json()) as { error: { problems: { field: string }[] } };
    expect(missingBody.error.problems.map((p) => p.field)).toEqual(['variables.productVersion', 'variables.organisationName', 'variables.applicableStandard', 'variables.csoName', 'variables.approvalDate']);

    const unknown = await (await get(`/blueprints/hazard-log/1.1.0.md?${HAZARD_LOG_QUERY}&utm_source=mail`)).json();
    expect(unknown.error.problems).toEqual([expect.objectContaining({ field: 'variables.utm_source' })]);

    const twice = await (await get(`/blueprints/hazard-log/1.1.0.md?${HAZARD_LOG_QUERY}&productName=Other`)).json();
    expect(twice.error.problems).toEqual([{ field: 'variables.productName', message: 'was given 2 times; give it once' }]);
  });

  it('answers 400 for a format the blueprint does not offer', async () => {
    const response = await get(`/blueprints/clinical-safety-case-report/1.1.0.xlsx?${CSCR_QUERY}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('only offered for hazard log blueprints');
  });

  it('answers 404 for an unknown blueprint or version', async () => {
    for (const path of ['/blueprints/no-such-blueprint/1.0.0.md', '/blueprints/hazard-log/9.9.9.md', '/blueprints/hazard-log/newest.md']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('leaves paths without a format extension to the pages', async () => {
    for (const path of ['/blueprints/hazard-log/1.1.0', '/blueprints/hazard-log/notes.txt']) {
      const response = await get(path);
      expect(response.headers.get('content-disposition'), path).toBeNull();
      const text = await response.text();
      expect(text, path).not.toContain('BAD_USER_INPUT');
    }
  });

  it('answers HEAD with the headers only', async () => {
    const response = await fetch(`${server.url}/blueprints/hazard-log/latest.md?${HAZARD_LOG_QUERY}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"/);
    expect(await response.text()).toBe('');
  });
});
