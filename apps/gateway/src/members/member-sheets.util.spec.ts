import { PayloadTooLargeException } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { zipSync } from 'fflate';
import { AppError, IMPORT_MAX_ROWS, MEMBER_FIELDS, type MemberView } from '@hearth/contracts';
import { XLSX_MAX_UNPACKED_BYTES, cellText, readXlsx } from './member-sheet-read.util';
import { csvOf, membersTable, neutralised, templateTable, xlsxOf } from './member-sheet-write.util';

const member = (over: Partial<MemberView> = {}): MemberView => ({
  id: '01900000-0000-7000-8000-000000000001',
  displayName: 'Kim',
  email: 'kim@example.org',
  phone: '+44 7700 900123',
  communityRoles: ['member', 'peer-mentor'],
  pathway: null,
  preferredContact: 'email',
  reminders: 'none',
  consents: { contact: true, photos: false, shareStoriesAnonymously: false },
  notes: '=HYPERLINK("http://evil.example")',
  status: 'active',
  joinedAt: '2026-12-01T10:00:00.000Z',
  leftAt: null,
  updatedAt: '2026-12-02T10:00:00.000Z',
  ...over,
});

const refusal = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('it was not refused');
};

describe('members as spreadsheets', () => {
  it('writes a quote before any cell a spreadsheet could run as a formula', () => {
    expect(['=1+1', '+44', '-5', '@SUM(A1)', '\tx', 'plain', "'quoted", ''].map(neutralised)).toEqual([
      "'=1+1",
      "'+44",
      "'-5",
      "'@SUM(A1)",
      "'\tx",
      'plain',
      "'quoted",
      '',
    ]);
    const [header, row] = membersTable([member()], MEMBER_FIELDS);
    expect(row[header.indexOf('Notes')]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(row[header.indexOf('Phone')]).toBe("'+44 7700 900123");
  });

  it('has one column per field the asker may see, the consents as three', () => {
    const [header, row] = membersTable([member()], MEMBER_FIELDS);
    expect(header).toEqual([
      'id',
      'Name',
      'Email',
      'Phone',
      'Roles',
      'Pathway',
      'Preferred contact',
      'Consent to contact',
      'Consent to photos',
      'Consent to share stories anonymously',
      'Notes',
      'Status',
      'Joined',
      'Left',
      'Updated',
    ]);
    expect(row.slice(4, 10)).toEqual(['member; peer-mentor', '', 'email', 'yes', 'no', 'no']);
    expect(membersTable([member()], ['id', 'displayName', 'communityRoles'])).toEqual([
      ['id', 'Name', 'Roles'],
      [member().id, 'Kim', 'member; peer-mentor'],
    ]);
  });

  it('writes CSV UTF-8 with a byte-order mark, and an XLSX that reads back the same', async () => {
    const table = membersTable(
      [member(), member({ displayName: 'Zoë, "Z"', notes: 'line one\nline two' })],
      MEMBER_FIELDS,
    );
    expect(csvOf(table)).toMatch(/^\uFEFFid,Name,Email/);
    expect(csvOf(table)).toContain('"Zoë, ""Z"""');
    const rows = await readXlsx(await xlsxOf(table, 'Members'));
    expect(rows).toEqual(
      table.map((r) => {
        const cells = [...r];
        while (cells.length && cells[cells.length - 1] === '') cells.pop();
        return cells;
      }),
    );
  });

  it('gives a template with the header only, and help on a second sheet of the workbook', async () => {
    expect(templateTable()).toEqual([
      ['Name', 'Email', 'Phone', 'Roles', 'Pathway', 'Preferred contact', 'Notes'],
    ]);
    const workbook = new Workbook();
    await workbook.xlsx.load(
      (await xlsxOf(templateTable(), 'Members', [['Column', 'What']])) as unknown as ArrayBuffer,
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Members', 'How to fill it in']);
  });

  it('reads the text a person sees in a cell', () => {
    expect(cellText(7700900123)).toBe('7700900123');
    expect(cellText(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12-01');
    expect(cellText({ text: 'kim@example.org', hyperlink: 'mailto:kim@example.org' })).toBe(
      'kim@example.org',
    );
    expect(cellText({ richText: [{ text: 'Ki' }, { text: 'm' }] })).toBe('Kim');
    expect(cellText({ formula: 'A1&"x"', result: 'Kimx' })).toBe('Kimx');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');
  });

  it('keeps rows at their spreadsheet numbers, empty rows included', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Members');
    sheet.getCell('A1').value = 'Name';
    sheet.getCell('A3').value = 'Kim';
    sheet.getCell('B3').value = 42;
    const rows = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toEqual([['Name'], [], ['Kim', '42']]);
  });

  it('refuses what is not an XLSX (400), a zip that unpacks huge (413) and too many rows', async () => {
    for (const bytes of [
      Buffer.from('Name,Email\nKim,\n'),
      Buffer.from('PK\u0003\u0004broken'),
      Buffer.alloc(0),
    ]) {
      const err = await refusal(readXlsx(bytes));
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION');
    }
    const bomb = Buffer.from(
      zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(XLSX_MAX_UNPACKED_BYTES + 1) }),
    );
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await refusal(readXlsx(bomb))).toBeInstanceOf(PayloadTooLargeException);

    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Members');
    sheet.addRow(['Name']);
    sheet.getCell(`A${IMPORT_MAX_ROWS + 2}`).value = 'One too many';
    const tooMany = await refusal(readXlsx(Buffer.from(await workbook.xlsx.writeBuffer())));
    expect((tooMany as AppError).details?.errors).toEqual([
      { row: IMPORT_MAX_ROWS + 2, field: '', message: expect.stringContaining('one too many') },
    ]);
  });
});
