import type { ImportPreviewView } from '@hearth/contracts';
import {
  columnsFromForm,
  importedMessage,
  previewPage,
  problemRow,
  sheetFromForm,
  sheetFromUpload,
} from './member-import';

const upload = (filename: string, data: Buffer) => ({
  file: { filename, size: data.length, text: data.toString('utf8'), data },
});

describe('a member import, on the page', () => {
  it('takes CSV or XLSX, by name or by the first bytes, and says what is wrong with anything else', () => {
    expect(sheetFromUpload(upload('people.csv', Buffer.from('Name\nKim\n'))).file?.format).toBe('csv');
    expect(sheetFromUpload(upload('people.XLSX', Buffer.from('PK\u0003\u0004…'))).file?.format).toBe('xlsx');
    expect(sheetFromUpload(upload('export', Buffer.from('PK\u0003\u0004…'))).file?.format).toBe('xlsx');
    expect(sheetFromUpload(upload('old.xls', Buffer.from('x'))).error).toContain('Excel workbook (.xlsx)');
    expect(sheetFromUpload(upload('empty.csv', Buffer.alloc(0))).error).toBe('The selected file is empty');
    expect(sheetFromUpload(upload('big.csv', Buffer.alloc(800 * 1024, 'a'))).error).toContain('768 KB');
    expect(sheetFromUpload({}).error).toBe('Select a spreadsheet file');
  });

  it('carries the file through the preview as base64, and refuses anything else', () => {
    const data = Buffer.from('Name\nKim\n');
    expect(sheetFromForm({ sheet: data.toString('base64'), format: 'csv', filename: 'a.csv' })).toEqual({
      filename: 'a.csv',
      format: 'csv',
      data,
    });
    expect(sheetFromForm({ sheet: 'not base64!', format: 'csv' })).toBeUndefined();
    expect(sheetFromForm({ sheet: data.toString('base64'), format: 'pdf' })).toBeUndefined();
  });

  it('reads the columns chosen, one select per column, and refuses a field that is not one', () => {
    expect(columnsFromForm({ 'column-0': 'displayName', 'column-1': '-', 'column-2': 'email' })).toEqual([
      'displayName',
      '-',
      'email',
    ]);
    expect(columnsFromForm({})).toBeUndefined();
    expect(columnsFromForm({ 'column-0': 'shoeSize' })).toBeUndefined();
  });

  it('names each problem by row, column letter and header, the value and what is wrong, in words', () => {
    expect(
      problemRow({
        row: 4,
        field: 'email',
        column: 'E-mail',
        cell: 'B4',
        value: 'x@',
        message: 'must be an email address',
      }),
    ).toEqual({ row: '4', column: 'B (E-mail)', value: 'x@', problem: 'Must be an email address' });
    expect(problemRow({ row: 2, field: '', message: 'has 6 cells; the header has 5' })).toEqual({
      row: '2',
      column: '',
      value: '',
      problem: 'The row has 6 cells; the header has 5',
    });
    expect(problemRow({ row: 1, field: 'displayName', message: 'the file needs a name column' }).column).toBe(
      'Name',
    );
  });

  it('shows the columns to confirm, flags rows without email and says what happens to each row', () => {
    const preview: ImportPreviewView = {
      dryRun: true,
      columns: [
        { letter: 'A', header: 'Name', field: 'displayName', recognised: true },
        { letter: 'B', header: 'Shoe size', field: null, recognised: false },
      ],
      counts: { new: 1, update: 1, unchanged: 1, error: 0 },
      rows: [
        {
          row: 2,
          outcome: 'new',
          memberId: null,
          displayName: 'Kim',
          email: null,
          matchedBy: null,
          changes: [],
          noEmail: true,
        },
        {
          row: 3,
          outcome: 'update',
          memberId: 'm',
          displayName: 'Al',
          email: 'al@example.org',
          matchedBy: 'email',
          changes: ['phone', 'communityRoles'],
          noEmail: false,
        },
        {
          row: 4,
          outcome: 'unchanged',
          memberId: 'n',
          displayName: 'Sam',
          email: null,
          matchedBy: 'name',
          changes: [],
          noEmail: true,
        },
      ],
      rowsLeftOut: 0,
      errors: [],
    };
    const page = previewPage(preview);
    expect(
      page.columns.map((c) => [c.name, c.label, c.unknown, c.items.find((i) => i.selected)?.value]),
    ).toEqual([
      ['column-0', 'Column A: Name', false, 'displayName'],
      ['column-1', 'Column B: Shoe size', true, '-'],
    ]);
    expect(page.rows.map((r) => [r.outcome.text, r.note, r.noEmail])).toEqual([
      ['New', 'Added as a new person', true],
      ['Update', 'Changes phone, roles', false],
      ['Unchanged', expect.stringContaining('found by name'), true],
    ]);
    expect([page.noEmail, page.toImport, page.blocked]).toEqual([2, 2, false]);
  });

  it('says what an import did', () => {
    expect(importedMessage({ created: 3, updated: 1, unchanged: 5, errors: [] }, 'a.xlsx')).toEqual({
      title: '3 people added, 1 person updated',
      text: 'From a.xlsx. 5 people were already here and unchanged.',
    });
    expect(importedMessage({ created: 0, updated: 0, unchanged: 5, errors: [] }, 'a.xlsx').title).toBe(
      'Nothing changed',
    );
  });
});
