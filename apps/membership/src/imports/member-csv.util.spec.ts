import { IMPORT_MAX_ROWS } from '@hearth/contracts';
import { parseMemberCsv } from './member-csv.util';

const HEADER = 'displayName,email,phone,communityRoles,pathway';

describe('parseMemberCsv', () => {
  it('reads rows into create requests: empty cells left out, roles split on ";"', () => {
    const { rows, errors } = parseMemberCsv(
      `\uFEFF${HEADER}\r\nSam,sam@example.org,,member; volunteer ,\r\n"Lee, Jr",,01632 960001,,"12-step, mostly"\r\n\r\n`,
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        displayName: 'Sam',
        email: 'sam@example.org',
        communityRoles: ['member', 'volunteer'],
      }),
      expect.objectContaining({ displayName: 'Lee, Jr', phone: '01632 960001', pathway: '12-step, mostly' }),
    ]);
    expect(rows[0].phone).toBeUndefined();
  });

  it('accepts the columns in any order, and displayName alone', () => {
    expect(parseMemberCsv('pathway,displayName\nown way,Kim\n').rows).toEqual([
      expect.objectContaining({ displayName: 'Kim', pathway: 'own way' }),
    ]);
    expect(parseMemberCsv('displayName\nKim\n').errors).toEqual([]);
  });

  it('numbers rows as a spreadsheet does (the header is row 1) and gives one error per bad cell', () => {
    const { errors } = parseMemberCsv(
      `${HEADER}\nGood,,,,\n,a@example.org,,,\nX,not-email,12,wizard,\n${'y'.repeat(81)},,,,\n`,
    );
    expect(errors).toEqual([
      { row: 3, field: 'displayName', message: 'is required' },
      { row: 4, field: 'email', message: 'must be an email address' },
      { row: 4, field: 'phone', message: expect.stringContaining('phone number') },
      { row: 4, field: 'communityRoles', message: expect.stringContaining('each must be one of') },
      { row: 5, field: 'displayName', message: 'must be at most 80 characters' },
    ]);
  });

  it('refuses unknown or repeated columns and a header without displayName', () => {
    expect(parseMemberCsv('displayName,recoveryScore\nA,3\n').errors).toEqual([
      { row: 1, field: 'recoveryScore', message: expect.stringContaining('is not a column') },
    ]);
    expect(parseMemberCsv('displayName,email,email\nA,,\n').errors).toEqual([
      { row: 1, field: 'email', message: 'appears twice in the header' },
    ]);
    expect(parseMemberCsv('email\na@example.org\n').errors).toEqual([
      { row: 1, field: 'displayName', message: 'the header must have a displayName column' },
    ]);
  });

  it('refuses an empty file, a header alone, rows of the wrong width and broken quoting', () => {
    expect(parseMemberCsv('').errors).toEqual([
      { row: 1, field: '', message: expect.stringContaining('is empty') },
    ]);
    expect(parseMemberCsv(`${HEADER}\n`).errors).toEqual([
      { row: 2, field: '', message: 'no member rows follow the header' },
    ]);
    expect(parseMemberCsv(`${HEADER}\nA,,,,,extra\n`).errors).toEqual([
      { row: 2, field: '', message: 'has 6 cells; the header has 5' },
    ]);
    const broken = parseMemberCsv(`${HEADER}\nA,"unclosed,,,\n`);
    expect(broken.rows).toEqual([]);
    expect(broken.errors).toEqual([
      { row: expect.any(Number), field: '', message: expect.stringContaining('is not valid CSV') },
    ]);
  });

  it(`refuses more than ${IMPORT_MAX_ROWS} rows in one file`, () => {
    const csv = `displayName\n${'A\n'.repeat(IMPORT_MAX_ROWS + 1)}`;
    expect(parseMemberCsv(csv).errors).toEqual([
      { row: IMPORT_MAX_ROWS + 2, field: '', message: expect.stringContaining(`at most ${IMPORT_MAX_ROWS}`) },
    ]);
    expect(parseMemberCsv(`displayName\n${'A\n'.repeat(IMPORT_MAX_ROWS)}`).rows).toHaveLength(
      IMPORT_MAX_ROWS,
    );
  });
});
