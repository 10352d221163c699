import { pdfKit } from '../http/document-libraries.util';
import { cellText, type ReportTable } from './report-tables.util';
import type { TablesDocument } from './impact-xlsx.util';

const MARGIN = 40;
const FIRST_COLUMN = 210;
const ROW_PADDING = 4;
const SIZE = { title: 16, caption: 12, body: 9 };

/**
 * The characters the PDF's standard fonts can show (Windows-1252, what pdfkit's Helvetica encodes). Anything
 * else loses its accents (ŵ → w) or becomes `?`: a standard font embeds nothing and no font file ships with
 * Hearth, and a wrong glyph would be worse than a plain letter.
 */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
export function winAnsi(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(ch))
        return ch;
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      return bare.length > 0 && [...bare].every((c) => (c.codePointAt(0) ?? 0) < 0x7f) ? bare : '?';
    })
    .join('');
}

/**
 * The report as a PDF, laid out as the web page lays it out: the title, what it is, then each table with its
 * caption and notes, a header row repeated on each new page, suppressed figures marked `[c]` as on screen, and
 * what the marks mean at the end. Nothing is computed here: every figure is the report's own.
 */
export function tablesPdf(doc: TablesDocument, options: { compress?: boolean } = {}): Promise<Buffer> {
  const pdf = new (pdfKit())({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: winAnsi(doc.title), Author: 'Hearth', Creator: 'Hearth' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;
  pdf.font('Helvetica-Bold').fontSize(SIZE.title).text(winAnsi(doc.title), { width });
  pdf.moveDown(0.5);
  pdf.font('Helvetica').fontSize(SIZE.body);
  for (const line of doc.intro) pdf.text(winAnsi(line), { width });
  for (const table of doc.tables) drawTable(pdf, table, width);
  pdf.moveDown(1);
  ensureRoom(pdf, 40);
  pdf.font('Helvetica-Bold').fontSize(SIZE.caption).text('Notes', MARGIN, pdf.y, { width });
  pdf.font('Helvetica').fontSize(SIZE.body);
  for (const line of doc.notes) pdf.text(winAnsi(line), { width });
  pdf.end();
  return done;
}

const bottom = (pdf: PDFKit.PDFDocument) => pdf.page.height - MARGIN;

function ensureRoom(pdf: PDFKit.PDFDocument, height: number): boolean {
  if (pdf.y + height <= bottom(pdf)) return false;
  pdf.addPage();
  return true;
}

function drawTable(pdf: PDFKit.PDFDocument, table: ReportTable, width: number): void {
  const other = (width - FIRST_COLUMN) / Math.max(1, table.columns.length);
  const xs = [MARGIN, ...table.columns.map((_, i) => MARGIN + FIRST_COLUMN + i * other)];
  const widths = [FIRST_COLUMN, ...table.columns.map(() => other)];
  pdf.moveDown(1);
  ensureRoom(pdf, 80);
  pdf.font('Helvetica-Bold').fontSize(SIZE.caption).text(winAnsi(table.caption), MARGIN, pdf.y, { width });
  pdf.font('Helvetica-Oblique').fontSize(SIZE.body);
  for (const note of table.notes) pdf.text(winAnsi(note), MARGIN, pdf.y, { width });
  pdf.moveDown(0.3);
  const header = [table.rowHeader, ...table.columns];
  drawRow(pdf, header, xs, widths, { bold: true, rule: true });
  for (const row of table.rows) {
    const texts = [row.header, ...row.cells.map(cellText)];
    if (ensureRoom(pdf, rowHeight(pdf, texts, widths, row.total ?? false)))
      drawRow(pdf, header, xs, widths, { bold: true, rule: true });
    drawRow(pdf, texts, xs, widths, { bold: row.total ?? false, rule: false });
  }
}

function rowHeight(pdf: PDFKit.PDFDocument, texts: string[], widths: number[], bold: boolean): number {
  pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(SIZE.body);
  const text = (t: string, i: number) =>
    pdf.heightOfString(winAnsi(t), { width: widths[i] - 2 * ROW_PADDING });
  return Math.max(...texts.map(text)) + 2 * ROW_PADDING;
}

function drawRow(
  pdf: PDFKit.PDFDocument,
  texts: string[],
  xs: number[],
  widths: number[],
  style: { bold: boolean; rule: boolean },
): void {
  const height = rowHeight(pdf, texts, widths, style.bold);
  const top = pdf.y;
  texts.forEach((t, i) =>
    pdf.text(winAnsi(t), xs[i] + ROW_PADDING, top + ROW_PADDING, {
      width: widths[i] - 2 * ROW_PADDING,
      align: i === 0 ? 'left' : 'right',
    }),
  );
  const right = xs[xs.length - 1] + widths[widths.length - 1];
  pdf
    .moveTo(xs[0], top + height)
    .lineTo(right, top + height)
    .lineWidth(style.rule ? 1 : 0.5)
    .strokeColor(style.rule ? '#0b0c0c' : '#b1b4b6')
    .stroke();
  pdf.x = xs[0];
  pdf.y = top + height;
}
