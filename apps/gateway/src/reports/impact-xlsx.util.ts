import { excelJs } from '../http/document-libraries.util';
import type { LeroImpactReport, RegionImpactReport } from '@hearth/contracts';
import {
  NOT_COUNTED_NOTE,
  cellText,
  leroReportTables,
  periodName,
  regionReportNotes,
  regionReportTables,
  type ReportTable,
} from './report-tables.util';

/** A download's title, the lines that say what it is, its tables, and what its marks mean. */
export interface TablesDocument {
  title: string;
  intro: string[];
  tables: ReportTable[];
  notes: string[];
}

/**
 * A workbook of one sheet of tables, as the web page lays them out (caption, notes, header row, rows, the total
 * last in bold), and a sheet of notes. Figures are numbers; a suppressed one is the text `[c]`, as on screen.
 * Text is never a formula in XLSX (exceljs writes strings as strings), so names need no escaping here.
 */
export async function tablesXlsx(doc: TablesDocument): Promise<Buffer> {
  const workbook = new (excelJs().Workbook)();
  workbook.creator = 'Hearth';
  workbook.title = doc.title;
  const sheet = workbook.addWorksheet('Figures');
  const width = Math.max(1, ...doc.tables.map((t) => t.columns.length)) + 1;
  sheet.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 40 : 18 }));
  sheet.addRow([doc.title]).font = { bold: true, size: 14 };
  for (const line of doc.intro) sheet.addRow([line]);
  for (const table of doc.tables) {
    sheet.addRow([]);
    sheet.addRow([table.caption]).font = { bold: true, size: 12 };
    for (const note of table.notes) sheet.addRow([note]).font = { italic: true };
    const header = sheet.addRow([table.rowHeader, ...table.columns]);
    header.font = { bold: true };
    header.eachCell((c, i) => (c.alignment = { horizontal: i === 1 ? 'left' : 'right', wrapText: true }));
    for (const row of table.rows) {
      const added = sheet.addRow([
        row.header,
        ...row.cells.map((c) => ('value' in c ? c.value : cellText(c))),
      ]);
      if (row.total) added.font = { bold: true };
      added.eachCell((c, i) => {
        if (i === 1) return;
        c.alignment = { horizontal: 'right' };
        if (typeof c.value === 'number') c.numFmt = '#,##0';
      });
    }
  }
  const notes = workbook.addWorksheet('Notes');
  notes.columns = [{ width: 120 }];
  notes.addRow(['Notes']).font = { bold: true, size: 14 };
  for (const line of doc.notes) notes.addRow([line]).alignment = { wrapText: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The regional report as the page shows it, cut from the same released, disclosure-controlled JSON. */
export function regionReportDocument(report: RegionImpactReport): TablesDocument {
  const span =
    report.from === report.to
      ? periodName(report.from)
      : `${periodName(report.from)} to ${periodName(report.to)}`;
  return {
    title: `Impact report by ${report.by === 'lero' ? 'LERO' : 'type of activity'}, ${span}`,
    intro: [
      `Each ${report.period}’s figures, disclosure-controlled: suppressed figures are marked [c].`,
      'See docs/disclosure-control.md (“How Hearth protects the people behind the figures”).',
    ],
    tables: regionReportTables(report),
    notes: regionReportNotes(report),
  };
}

/** A LERO's own exact figures, marked not for publication at the top as on its page. */
export function leroReportDocument(report: LeroImpactReport): TablesDocument {
  return {
    title: `Your LERO’s own figures, ${periodName(report.from)} to ${periodName(report.to)}: not for publication`,
    intro: [report.notice],
    tables: leroReportTables(report),
    notes: [
      report.notice,
      'Released periods can still change here if a register is corrected; the regional report keeps what it ' +
        'released.',
      NOT_COUNTED_NOTE,
    ],
  };
}

export const regionReportXlsx = (report: RegionImpactReport) => tablesXlsx(regionReportDocument(report));
export const leroReportXlsx = (report: LeroImpactReport) => tablesXlsx(leroReportDocument(report));
