import {
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  IMPORT_MAX_FILE_BYTES,
  SKIP_COLUMN,
  type ColumnChoice,
  type FieldError,
  type ImportPreviewView,
  type ImportResultView,
  type ImportRowView,
} from '@hearth/contracts';
import type { SheetFile } from '../api/hearth-api';
import { field } from '../http/form.util';
import { isUploadedFile } from '../http/multipart';

/** The API's limit on an imported file (768 KiB: it crosses NATS). */
export const IMPORT_MAX_BYTES = IMPORT_MAX_FILE_BYTES;
/** Rows the preview page lists one by one; the counts cover the whole file. */
export const PREVIEW_ROWS_SHOWN = 200;

/** An uploaded spreadsheet, with the name it had on the person's computer. */
export interface SheetUpload extends SheetFile {
  filename: string;
}

const ZIP = Buffer.from('PK\u0003\u0004', 'latin1');
const OTHER_SPREADSHEETS = /\.(xls|xlsm|xlsb|ods|numbers)$/i;

/** CSV or XLSX, by the file's name or its first bytes (an XLSX is a zip); anything else in words. */
export function sheetFromUpload(body: unknown): { file?: SheetUpload; error?: string } {
  const file = body && typeof body === 'object' ? (body as Record<string, unknown>).file : undefined;
  if (!isUploadedFile(file) || (!file.filename && file.size === 0))
    return { error: 'Select a spreadsheet file' };
  if (file.size > IMPORT_MAX_BYTES)
    return { error: 'The file must be smaller than 768 KB. Split it into smaller files' };
  if (file.size === 0) return { error: 'The selected file is empty' };
  if (OTHER_SPREADSHEETS.test(file.filename))
    return { error: 'The selected file must be a CSV or an Excel workbook (.xlsx). Save it as one of those' };
  const xlsx = /\.xlsx$/i.test(file.filename) || file.data.subarray(0, 4).equals(ZIP);
  return { file: { filename: file.filename, format: xlsx ? 'xlsx' : 'csv', data: file.data } };
}

/** The file the preview page carries back (base64 in a hidden field), so that nothing is kept on the server. */
export function sheetFromForm(body: unknown): SheetUpload | undefined {
  const encoded = field(body, 'sheet');
  const format = field(body, 'format');
  if (!encoded || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || (format !== 'csv' && format !== 'xlsx'))
    return undefined;
  const data = Buffer.from(encoded, 'base64');
  if (data.length === 0 || data.length > IMPORT_MAX_BYTES) return undefined;
  return { filename: field(body, 'filename').slice(0, 200), format, data };
}

/** What each column holds, as chosen on the preview page (`column-0`, `column-1` …). */
export function columnsFromForm(body: unknown): ColumnChoice[] | undefined {
  const choices: ColumnChoice[] = [];
  for (let i = 0; ; i++) {
    const value = field(body, `column-${i}`);
    if (!value) break;
    if (value !== SKIP_COLUMN && !(IMPORT_FIELDS as readonly string[]).includes(value)) return undefined;
    choices.push(value as ColumnChoice);
  }
  return choices.length > 0 ? choices : undefined;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const labelOf = (name: string) => (IMPORT_FIELD_LABELS as Record<string, string>)[name] ?? name;

/** One problem of the file as a row of the page's table: where it is, what was there, what is wrong. */
export function problemRow(e: FieldError): { row: string; column: string; value: string; problem: string } {
  const column =
    e.cell !== undefined
      ? `${e.cell.replace(/\d+$/, '')} (${e.column || 'no header'})`
      : e.field
        ? labelOf(e.field)
        : '';
  const problem =
    e.field === 'columns'
      ? `The columns chosen: ${e.message}`
      : e.column === undefined && !e.field
        ? `${e.row === 1 ? 'The header' : 'The row'} ${e.message}`
        : capital(e.message);
  return { row: e.row === undefined ? 'Whole file' : String(e.row), column, value: e.value ?? '', problem };
}

const OUTCOMES: Record<ImportRowView['outcome'], { text: string; classes: string }> = {
  new: { text: 'New', classes: 'govuk-tag--green' },
  update: { text: 'Update', classes: 'govuk-tag--blue' },
  unchanged: { text: 'Unchanged', classes: 'govuk-tag--grey' },
  error: { text: 'Problem', classes: 'govuk-tag--red' },
};

function rowNote(r: ImportRowView): string {
  if (r.outcome === 'update') return `Changes ${r.changes.map((f) => labelOf(f).toLowerCase()).join(', ')}`;
  if (r.outcome === 'unchanged' && r.matchedBy === 'name')
    return 'Already here, found by name: a row without email never changes a record';
  if (r.outcome === 'unchanged') return 'Already here, as in the file';
  if (r.outcome === 'new') return 'Added as a new person';
  return 'See the problems above';
}

/** The preview as the page shows it: the columns to confirm, the counts, the rows and the problems. */
export function previewPage(preview: ImportPreviewView) {
  const noEmail = preview.rows.filter((r) => r.noEmail && r.outcome !== 'error').length;
  const choices = [
    { value: SKIP_COLUMN, text: 'Leave out' },
    ...IMPORT_FIELDS.map((f) => ({ value: f, text: IMPORT_FIELD_LABELS[f] })),
  ];
  return {
    columns: preview.columns.map((c, i) => ({
      name: `column-${i}`,
      label: `Column ${c.letter}: ${c.header || '(no header)'}`,
      unknown: !c.recognised,
      items: choices.map((o) => ({ ...o, selected: o.value === (c.field ?? SKIP_COLUMN) })),
    })),
    counts: preview.counts,
    noEmail,
    problems: preview.errors.map(problemRow),
    rows: preview.rows.slice(0, PREVIEW_ROWS_SHOWN).map((r) => ({
      row: String(r.row),
      name: r.displayName,
      email: r.email ?? '',
      outcome: OUTCOMES[r.outcome],
      note: rowNote(r),
      noEmail: r.noEmail && r.outcome !== 'error',
    })),
    rowsLeftOut: Math.max(0, preview.rows.length - PREVIEW_ROWS_SHOWN) + preview.rowsLeftOut,
    toImport: preview.counts.new + preview.counts.update,
    blocked: preview.errors.length > 0,
  };
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** The banner after an import: what it did, in words. */
export function importedMessage(result: ImportResultView, filename: string): { title: string; text: string } {
  const from = filename || 'your file';
  const done = [
    result.created ? `${people(result.created)} added` : '',
    result.updated ? `${people(result.updated)} updated` : '',
  ].filter(Boolean);
  if (done.length === 0)
    return { title: 'Nothing changed', text: `Everyone in ${from} was already here, as in the file.` };
  const unchanged = result.unchanged ? ` ${people(result.unchanged)} were already here and unchanged.` : '';
  return { title: done.join(', '), text: `From ${from}.${unchanged}` };
}
