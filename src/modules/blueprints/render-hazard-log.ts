import { stringify } from 'csv-stringify/sync';
import type { HazardContent } from '../safety-cases/hazard.entity.js';

/**
 * The tabular hazard log (CSV and XLSX). Both formats share one column list, so a supplier can move between a
 * spreadsheet and an import into their own tracker without remapping columns.
 */
export interface HazardLogSheet {
  /** Shown as the workbook title and in the About sheet. */
  title: string;
  /** "hazard-log 1.1.0": written into each starter row's Source column. */
  origin: string;
  publishedOn: string;
  hazards: readonly HazardContent[];
  /** Field / value / meaning rows: the variables as filled in. */
  details: readonly { field: string; value: string; meaning: string }[];
  coverage: readonly { clause: string; title: string; url: string }[];
  /** The version and licence line every rendered document ends with. */
  attribution: string;
}

interface Column {
  header: string;
  width: number;
  value(hazard: HazardContent, origin: string): string | number;
  /** Allowed values, offered as a drop-down in the spreadsheet. */
  allowed?: readonly string[];
}

const SEVERITY_LABELS = ['Minor', 'Significant', 'Considerable', 'Major', 'Catastrophic'];
const LIKELIHOOD_LABELS = ['Very low', 'Low', 'Medium', 'High', 'Very high'];
const STATUS_LABELS = ['Open', 'Transferred', 'Closed'];

/** "VERY_LOW" -> "Very low". */
export function label(id: string): string {
  const words = id.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const HAZARD_COLUMNS: readonly Column[] = [
  { header: 'Code', width: 9, value: (h) => h.code },
  { header: 'Title', width: 34, value: (h) => h.title },
  { header: 'Family', width: 18, value: (h) => h.family },
  { header: 'Description', width: 48, value: (h) => h.description },
  { header: 'Causes', width: 48, value: (h) => h.causes.join('\n') },
  { header: 'Effects (clinical impact)', width: 48, value: (h) => h.effects.join('\n') },
  { header: 'Controls', width: 56, value: (h) => h.controls.map((c) => `${label(c.type)}: ${c.description}`).join('\n') },
  { header: 'Initial severity', width: 14, value: (h) => label(h.initialRisk.severity), allowed: SEVERITY_LABELS },
  { header: 'Initial likelihood', width: 14, value: (h) => label(h.initialRisk.likelihood), allowed: LIKELIHOOD_LABELS },
  { header: 'Initial rating', width: 10, value: (h) => h.initialRisk.rating },
  { header: 'Residual severity', width: 14, value: (h) => label(h.residualRisk.severity), allowed: SEVERITY_LABELS },
  { header: 'Residual likelihood', width: 14, value: (h) => label(h.residualRisk.likelihood), allowed: LIKELIHOOD_LABELS },
  { header: 'Residual rating', width: 10, value: (h) => h.residualRisk.rating },
  { header: 'Status', width: 12, value: (h) => label(h.status), allowed: STATUS_LABELS },
  { header: 'Clauses', width: 18, value: (h) => (h.clauses ?? []).join('\n') },
  { header: 'Actions and owner', width: 30, value: () => '' },
  { header: 'Source', width: 24, value: (_h, origin) => `DCS Hub starter hazard (${origin})` },
  { header: 'Hazard owner', width: 18, value: () => '' },
  { header: 'Linked incidents', width: 18, value: () => '' },
  { header: 'Last reviewed', width: 14, value: () => '' },
];

/** Spare rows below the starter hazards that keep the drop-downs, for the hazards a supplier adds. */
const SPARE_ROWS = 100;
/** Fill per risk rating, from acceptable (1) to unacceptable (5). */
const RATING_FILLS = ['FFC6EFCE', 'FFE2F0D9', 'FFFFEB9C', 'FFF8CBAD', 'FFFFC7CE'];

export function renderHazardCsv(sheet: HazardLogSheet): Buffer {
  const text = stringify(
    sheet.hazards.map((hazard) => HAZARD_COLUMNS.map((column) => column.value(hazard, sheet.origin))),
    // A byte-order mark and CRLF records so Excel opens the UTF-8 text correctly.
    { header: true, columns: HAZARD_COLUMNS.map((c) => c.header), bom: true, record_delimiter: 'windows' },
  );
  return Buffer.from(text, 'utf8');
}

export async function renderHazardXlsx(sheet: HazardLogSheet): Promise<Buffer> {
  // ExcelJS weighs about 28 MB and a third of a second to load: only hubs that render workbooks pay for it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DCS Hub';
  workbook.title = sheet.title;
  // The published date, not the render time: the same request gives the same workbook metadata.
  workbook.created = new Date(`${sheet.publishedOn}T00:00:00Z`);
  workbook.modified = workbook.created;

  const log = workbook.addWorksheet('Hazard log', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    headerFooter: { oddFooter: `&L${escapeHeaderFooter(sheet.title)}&RPage &P of &N` },
  });
  log.columns = HAZARD_COLUMNS.map((column) => ({ header: column.header, width: column.width }));
  const header = log.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF005EB8' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  for (const hazard of sheet.hazards) {
    const row = log.addRow(HAZARD_COLUMNS.map((column) => column.value(hazard, sheet.origin)));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  log.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HAZARD_COLUMNS.length } };

  const lastRow = 1 + sheet.hazards.length + SPARE_ROWS;
  HAZARD_COLUMNS.forEach((column, index) => {
    const columnNumber = index + 1;
    if (column.allowed) {
      for (let r = 2; r <= lastRow; r += 1) {
        log.getCell(r, columnNumber).dataValidation = {
          type: 'list', allowBlank: true, formulae: [`"${column.allowed.join(',')}"`],
          showErrorMessage: true, errorTitle: column.header, error: `Choose one of: ${column.allowed.join(', ')}`,
        };
      }
    }
    if (column.header.endsWith('rating')) {
      for (let r = 2; r <= 1 + sheet.hazards.length; r += 1) {
        const cell = log.getCell(r, columnNumber);
        const rating = Number(cell.value);
        if (rating >= 1 && rating <= 5) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RATING_FILLS[rating - 1] } };
        cell.alignment = { vertical: 'top', horizontal: 'center' };
      }
    }
  });

  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 26 }, { width: 60 }, { width: 70 }];
  about.addRow([sheet.title]).font = { bold: true, size: 14 };
  about.addRow([]);
  about.addRow(['Document details']).font = { bold: true, size: 12 };
  about.addRow(['Field', 'Value', 'Meaning']).font = { bold: true };
  for (const detail of sheet.details) about.addRow([detail.field, detail.value, detail.meaning]).alignment = { vertical: 'top', wrapText: true };
  about.addRow([]);
  about.addRow(['Clause coverage']).font = { bold: true, size: 12 };
  about.addRow(['Clause', 'Title']).font = { bold: true };
  for (const clause of sheet.coverage) {
    const row = about.addRow([{ text: clause.clause, hyperlink: clause.url }, clause.title]);
    row.getCell(1).font = { color: { argb: 'FF005EB8' }, underline: true };
  }
  about.addRow([]);
  const attribution = about.addRow([sheet.attribution]);
  about.mergeCells(attribution.number, 1, attribution.number, 3);
  attribution.alignment = { wrapText: true, vertical: 'top' };
  attribution.height = 45;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `&` starts a code in Excel header and footer text. */
function escapeHeaderFooter(text: string): string {
  return text.replace(/&/g, '&&');
}
