import type { SheetRow } from './member-sheet.util';
import { matchKeys, matchRows, type ImportCandidate } from './import-matching.util';

let n = 0;
const member = (over: Partial<ImportCandidate> = {}): ImportCandidate => ({
  id: `01900000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  displayName: 'Someone',
  email: null,
  phone: null,
  communityRoles: [],
  pathway: null,
  preferredContact: null,
  notes: null,
  ...over,
});
let row = 1;
const sheetRow = (input: SheetRow['input'], id?: string): SheetRow => ({
  row: ++row,
  input,
  ...(id ? { id } : {}),
});
const outcomes = (rows: SheetRow[], candidates: ImportCandidate[]) => {
  const { matches, errors } = matchRows(rows, candidates);
  return {
    matches: matches.map((m) => [m.row, m.outcome, m.member?.id ?? null, m.matchedBy, m.changes]),
    errors: errors.map((e) => [e.row, e.field, e.message]),
  };
};

describe('matching an import’s rows to the LERO’s members', () => {
  beforeEach(() => {
    row = 1;
  });

  it('matches by email ignoring case: unchanged when the row says nothing new, else the fields it changes', () => {
    const kim = member({ displayName: 'Kim', email: 'kim@example.org', phone: '0191 498 0000' });
    const rows = [
      sheetRow({ displayName: 'Kim', email: 'KIM@Example.org', phone: '0191 498 0000' }),
      sheetRow({ displayName: 'Al', email: 'al@example.org' }),
    ];
    expect(outcomes(rows, [kim])).toEqual({
      matches: [
        [2, 'unchanged', kim.id, 'email', []],
        [3, 'new', null, null, []],
      ],
      errors: [],
    });
    const changed = [
      sheetRow({ displayName: 'Kim B', email: 'kim@example.org', communityRoles: ['member'] }),
    ];
    expect(outcomes(changed, [kim]).matches).toEqual([
      [4, 'update', kim.id, 'email', ['displayName', 'communityRoles']],
    ]);
  });

  it('never clears a field with an empty cell, and compares roles as a set', () => {
    const jo = member({
      displayName: 'Jo',
      email: 'jo@example.org',
      phone: '0191',
      communityRoles: ['member', 'staff'],
    });
    expect(
      outcomes(
        [sheetRow({ displayName: 'Jo', email: 'jo@example.org', communityRoles: ['staff', 'member'] })],
        [jo],
      ).matches,
    ).toEqual([[2, 'unchanged', jo.id, 'email', []]]);
  });

  it('matches an export’s id first, even when the email changed; an unknown id is an error', () => {
    const kim = member({ displayName: 'Kim', email: 'kim@example.org' });
    const rows = [
      sheetRow({ displayName: 'Kim', email: 'kim@new.example.org' }, kim.id),
      sheetRow({ displayName: 'Ghost' }, '01900000-0000-7000-8000-999999999999'),
    ];
    expect(outcomes(rows, [kim])).toEqual({
      matches: [[2, 'update', kim.id, 'id', ['email']]],
      errors: [[3, 'id', expect.stringContaining('is not a member of this LERO')]],
    });
  });

  it('tells apart members who share an email by name, and asks for the id column when it cannot', () => {
    const ann = member({ displayName: 'Ann', email: 'family@example.org' });
    const bob = member({ displayName: 'Bob', email: 'family@example.org' });
    const twin = member({ displayName: 'Bob', email: 'family@example.org' });
    // Matched ignoring case; the file's spelling of the name is then the one kept.
    expect(
      outcomes([sheetRow({ displayName: 'ann', email: 'family@example.org' })], [ann, bob]).matches,
    ).toEqual([[2, 'update', ann.id, 'email', ['displayName']]]);
    expect(
      outcomes([sheetRow({ displayName: 'Bob', email: 'family@example.org' })], [ann, bob, twin]).errors,
    ).toEqual([[3, 'email', expect.stringContaining('is the email of 3 members: add the id column')]]);
  });

  it('matches rows without email by name only, never changes those members, and adds the rest', () => {
    const sam = member({ displayName: 'Sam', phone: '0191' });
    const rows = [
      sheetRow({ displayName: 'sam ', phone: '0207' }),
      sheetRow({ displayName: 'Sam' }),
      sheetRow({ displayName: 'Lee' }),
    ];
    expect(outcomes(rows, [sam])).toEqual({
      matches: [
        [2, 'unchanged', sam.id, 'name', []],
        [3, 'new', null, null, []],
        [4, 'new', null, null, []],
      ],
      errors: [],
    });
  });

  it('gives a member to one row only: an email row first, then rows without email take the others', () => {
    const withEmail = member({ displayName: 'Sam', email: 'sam@example.org' });
    const without = member({ displayName: 'Sam' });
    const rows = [
      sheetRow({ displayName: 'Sam' }),
      sheetRow({ displayName: 'Sam', email: 'sam@example.org' }),
    ];
    expect(outcomes(rows, [withEmail, without]).matches).toEqual([
      [2, 'unchanged', without.id, 'name', []],
      [3, 'unchanged', withEmail.id, 'email', []],
    ]);
    const twice = [
      sheetRow({ displayName: 'Sam', email: 'sam@example.org' }),
      sheetRow({ displayName: 'Samuel', email: 'SAM@example.org' }),
    ];
    expect(outcomes(twice, [withEmail]).errors).toEqual([
      [5, 'email', 'is the same member as row 4: each person once per file'],
    ]);
    const newTwice = [
      sheetRow({ displayName: 'New', email: 'new@example.org' }),
      sheetRow({ displayName: 'new', email: 'new@example.org' }),
    ];
    expect(outcomes(newTwice, []).errors).toEqual([[7, 'email', 'repeats row 6 (the same name and email)']]);
  });

  it('imports the same file twice without a duplicate: what the first import added is matched the second time', () => {
    const rows = [
      sheetRow({ displayName: 'Pat', email: 'pat@example.org' }),
      sheetRow({ displayName: 'Pat' }),
      sheetRow({ displayName: 'Pat' }),
      sheetRow({ displayName: 'Robin', phone: '0191 498 0001' }),
    ];
    const first = matchRows(rows, []);
    expect(first.matches.map((m) => m.outcome)).toEqual(['new', 'new', 'new', 'new']);
    const added = first.matches.map((m) =>
      member({
        displayName: m.input.displayName,
        email: m.input.email ?? null,
        phone: m.input.phone ?? null,
      }),
    );
    const second = matchRows(rows, added);
    expect(second.errors).toEqual([]);
    expect(second.matches.map((m) => m.outcome)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(new Set(second.matches.map((m) => m.member?.id)).size).toBe(4);
  });

  it('looks members up by ids, then emails, then names of rows with neither', () => {
    const id = '01900000-0000-7000-8000-000000000001';
    expect(
      matchKeys([
        sheetRow({ displayName: 'A', email: 'X@example.org' }, id),
        sheetRow({ displayName: 'B', email: 'B@Example.org' }),
        sheetRow({ displayName: '  Cee  Dee ' }),
      ]),
    ).toEqual({ ids: [id], emails: ['b@example.org'], names: ['cee dee'] });
  });
});
