import { IMPORT_MAX_ROWS, MEMBER_SHEET_HEADERS } from '@hearth/contracts';
import { columnLetter, fieldOfHeader } from './member-sheet-columns.util';
import { readCsv, readMemberSheet } from './member-sheet.util';

const HEADER = 'displayName,email,phone,communityRoles,pathway';
const read = (csv: string, columns?: Parameters<typeof readMemberSheet>[1]) => {
  const table = readCsv(csv);
  if (!Array.isArray(table)) return { plan: [], rows: [], badRows: [], errors: [table] };
  return readMemberSheet(table, columns);
};
const inputs = (csv: string) => read(csv).rows.map((r) => r.input);

describe('reading an import file', () => {
  it('reads rows into create requests: empty cells left out, roles split on ";"', () => {
    const { rows, errors } = read(
      `\uFEFF${HEADER}\r\nSam,sam@example.org,,member; volunteer ,\r\n"Lee, Jr",,01632 960001,,"12-step, mostly"\r\n\r\n`,
    );
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.input)).toEqual([
      expect.objectContaining({
        displayName: 'Sam',
        email: 'sam@example.org',
        communityRoles: ['member', 'volunteer'],
      }),
      expect.objectContaining({ displayName: 'Lee, Jr', phone: '01632 960001', pathway: '12-step, mostly' }),
    ]);
    expect(rows[0].input.phone).toBeUndefined();
  });

  it('recognises common spellings of the headers, in any case and order', () => {
    expect(inputs('Name,E-mail\nKim,KIM@example.org\n')).toEqual([
      { displayName: 'Kim', email: 'KIM@example.org' },
    ]);
    expect(inputs('EMAIL ADDRESS,Full name,Mobile,Role\nal@example.org,Al,07700 900123,Member\n')).toEqual([
      { displayName: 'Al', email: 'al@example.org', phone: '07700 900123', communityRoles: ['member'] },
    ]);
    expect(inputs('First name,Surname,Telephone\nJo,Bloggs,0191 498 0000\n')).toEqual([
      { displayName: 'Jo Bloggs', phone: '0191 498 0000' },
    ]);
    expect(inputs('first name\nJo\n')).toEqual([{ displayName: 'Jo' }]);
    // The export's own headers, the template's and the field codes are all understood.
    for (const header of ['Name', 'displayName', 'display_name', 'Preferred contact', 'Roles', 'id'])
      expect(fieldOfHeader(header)).toBeDefined();
    expect(fieldOfHeader(MEMBER_SHEET_HEADERS.joinedAt)).toBeNull();
    expect(fieldOfHeader('Recovery score')).toBeUndefined();
  });

  it('takes roles and contact preferences in any case, with spaces or commas', () => {
    expect(
      inputs('Name,Roles,Preferred contact\nA,"Member, Peer Mentor",Email\nB,VOLUNTEER;volunteer,None\n'),
    ).toEqual([
      { displayName: 'A', communityRoles: ['member', 'peer-mentor'], preferredContact: 'email' },
      { displayName: 'B', communityRoles: ['volunteer'], preferredContact: 'none' },
    ]);
  });

  it('numbers rows as a spreadsheet does and names the row, column, cell and value of every error', () => {
    const { errors, badRows } = read(
      `${HEADER}\nGood,,,,\n,a@example.org,,,\n\nX,not-email,12,wizard,\n${'y'.repeat(81)},,,,\n`,
    );
    expect(errors).toEqual([
      { row: 3, field: 'displayName', column: 'displayName', cell: 'A3', value: '', message: 'is required' },
      {
        row: 5,
        field: 'communityRoles',
        column: 'communityRoles',
        cell: 'D5',
        value: 'wizard',
        message: expect.stringContaining('is not a role'),
      },
      {
        row: 5,
        field: 'email',
        column: 'email',
        cell: 'B5',
        value: 'not-email',
        message: 'must be an email address',
      },
      {
        row: 5,
        field: 'phone',
        column: 'phone',
        cell: 'C5',
        value: '12',
        message: expect.stringContaining('phone number'),
      },
      expect.objectContaining({ row: 6, cell: 'A6', message: 'must be at most 80 characters' }),
    ]);
    expect(badRows).toEqual([3, 5, 6]);
  });

  it('takes back the quote an export puts before a value a spreadsheet could run as a formula', () => {
    expect(inputs(`Name,Phone,Pathway\n'=Sam,'+44 7700 900123,'-step\n`)).toEqual([
      { displayName: '=Sam', phone: '+44 7700 900123', pathway: '-step' },
    ]);
  });

  it('refuses unknown columns (until mapped), two columns for one field and a file without names', () => {
    expect(read('Name,Recovery score\nA,3\n').errors).toEqual([
      {
        row: 1,
        field: '',
        column: 'Recovery score',
        cell: 'B1',
        value: 'Recovery score',
        message: expect.stringContaining('is not a column Hearth knows'),
      },
    ]);
    expect(read('Name,Recovery score\nA,3\n', ['displayName', '-']).rows).toHaveLength(1);
    expect(read('Name,Email,E-mail\nA,,\n').errors).toEqual([
      expect.objectContaining({
        row: 1,
        cell: 'C1',
        message: expect.stringContaining('like column B (Email)'),
      }),
    ]);
    expect(read('email\na@example.org\n').errors).toEqual([
      {
        row: 1,
        field: 'displayName',
        message: expect.stringContaining('needs a column with each person’s name'),
      },
    ]);
    expect(read('Name,First name\nA,B\n').errors).toEqual([
      expect.objectContaining({ row: 1, cell: 'B1', field: 'firstName' }),
    ]);
    expect(read('Name\nA\n', ['displayName', 'email']).errors).toEqual([
      { row: 1, field: 'columns', message: 'names 2 columns; the file has 1' },
    ]);
    // A column with neither header nor values (a spreadsheet's empty column) is simply left out.
    expect(read('Name,,Email\nA,,a@example.org\n').errors).toEqual([]);
  });

  it('follows the mapping it is given, whatever the headers say', () => {
    const { rows, plan } = read('Who,Where,Notes\nKim,kim@example.org,x\n', ['displayName', 'email', '-']);
    expect(rows.map((r) => r.input)).toEqual([{ displayName: 'Kim', email: 'kim@example.org' }]);
    expect(plan.map((c) => [c.letter, c.field])).toEqual([
      ['A', 'displayName'],
      ['B', 'email'],
      ['C', null],
    ]);
  });

  it('reads an id column from an export, and refuses an id that is not one', () => {
    const id = '01900000-0000-7000-8000-00000000000A';
    expect(read(`id,Name\n${id},Kim\n`).rows[0]).toEqual({
      row: 2,
      id: id.toLowerCase(),
      input: { displayName: 'Kim' },
    });
    expect(read('id,Name\n42,Kim\n').errors).toEqual([
      expect.objectContaining({ row: 2, field: 'id', cell: 'A2', value: '42' }),
    ]);
  });

  it('refuses an empty file, a header alone, rows too wide and broken quoting', () => {
    expect(read('').errors).toEqual([{ row: 1, field: '', message: expect.stringContaining('is empty') }]);
    expect(read(`${HEADER}\n`).errors).toEqual([
      { row: 2, field: '', message: 'no member rows follow the header' },
    ]);
    expect(read(`${HEADER}\nA,,,,,extra\n`).errors).toEqual([
      { row: 2, field: '', message: 'has 6 cells; the header has 5' },
    ]);
    expect(read(`${HEADER}\nA,,,\n`).errors).toEqual([]);
    const broken = read(`${HEADER}\nA,"unclosed,,,\n`);
    expect(broken.rows).toEqual([]);
    expect(broken.errors).toEqual([
      { row: expect.any(Number), field: '', message: expect.stringContaining('is not valid CSV') },
    ]);
  });

  it(`refuses more than ${IMPORT_MAX_ROWS} rows in one file`, () => {
    expect(read(`displayName\n${'A\n'.repeat(IMPORT_MAX_ROWS + 1)}`).errors).toEqual([
      { row: IMPORT_MAX_ROWS + 2, field: '', message: expect.stringContaining(`at most ${IMPORT_MAX_ROWS}`) },
    ]);
    expect(read(`displayName\n${'A\n'.repeat(IMPORT_MAX_ROWS)}`).rows).toHaveLength(IMPORT_MAX_ROWS);
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});
