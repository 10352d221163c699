import type { CommunityRole, PreferredContact } from '@hearth/contracts';
import type { RowError } from './member-sheet-columns.util';
import type { ImportRow, SheetRow } from './member-sheet.util';

/** A live member an import row may be: the fields an import compares and changes. */
export interface ImportCandidate {
  id: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  communityRoles: CommunityRole[];
  pathway: string | null;
  preferredContact: PreferredContact | null;
  notes: string | null;
}

export interface RowMatch {
  row: number;
  outcome: 'new' | 'update' | 'unchanged';
  member: ImportCandidate | null;
  matchedBy: 'id' | 'email' | 'name' | null;
  /** The fields an update changes. */
  changes: (keyof ImportRow)[];
  input: ImportRow;
}

/** What to look the file's rows up by: export ids, emails (lower-cased) and, for rows with neither, names. */
export interface MatchKeys {
  ids: string[];
  emails: string[];
  names: string[];
}

/** A name as matched: case and runs of spaces ignored. */
export const nameKey = (name: string | null | undefined) =>
  (name ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
const emailKey = (email: string | null | undefined) => (email ?? '').trim().toLowerCase();

export function matchKeys(rows: SheetRow[]): MatchKeys {
  const ids = new Set<string>();
  const emails = new Set<string>();
  const names = new Set<string>();
  for (const r of rows) {
    if (r.id) ids.add(r.id);
    else if (r.input.email) emails.add(emailKey(r.input.email));
    else names.add(nameKey(r.input.displayName));
  }
  return { ids: [...ids], emails: [...emails], names: [...names] };
}

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? null) === (b ?? null);

/** The fields a row would change: only cells with a value count (an empty cell never clears a field). */
export function changesOf(member: ImportCandidate, input: ImportRow): (keyof ImportRow)[] {
  const changes: (keyof ImportRow)[] = [];
  if (input.displayName.trim() !== member.displayName) changes.push('displayName');
  if (input.email && emailKey(input.email) !== member.email) changes.push('email');
  for (const field of ['phone', 'pathway', 'notes'] as const)
    if (input[field] && !same(input[field]?.trim(), member[field])) changes.push(field);
  if (
    input.communityRoles &&
    [...input.communityRoles].sort().join(';') !== [...member.communityRoles].sort().join(';')
  )
    changes.push('communityRoles');
  if (input.preferredContact && input.preferredContact !== member.preferredContact)
    changes.push('preferredContact');
  return changes;
}

/**
 * Which member each row is (ADR 0031), so that importing a file again changes nothing:
 * 1. an `id` column (from an export): that member of this LERO, else an error;
 * 2. an email: the member with that email; when several share it, the one of them with the row's name, else an
 *    error asking for the id column; none: a new member;
 * 3. neither (no email): a member with the same name not matched by another row, those without email first and
 *    then oldest first, and never changed by the file (a name alone is too weak to change a record); none left:
 *    a new member.
 * Two rows that are the same member, or two new rows with the same email and name, are errors.
 */
export function matchRows(
  rows: SheetRow[],
  candidates: ImportCandidate[],
): { matches: RowMatch[]; errors: RowError[] } {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const claimedBy = new Map<string, number>();
  const errors: RowError[] = [];
  const matches: RowMatch[] = [];
  const newKeys = new Map<string, number>();
  const fail = (r: SheetRow, field: string, value: string, message: string) =>
    errors.push({ row: r.row, field, value, message });
  const matched = (r: SheetRow, member: ImportCandidate | null, by: RowMatch['matchedBy']): void => {
    if (member) {
      const earlier = claimedBy.get(member.id);
      if (earlier !== undefined) {
        fail(
          r,
          by === 'id' ? 'id' : 'email',
          by === 'id' ? r.id! : (r.input.email ?? ''),
          `is the same member as row ${earlier}: each person once per file`,
        );
        return;
      }
      claimedBy.set(member.id, r.row);
      const changes = by === 'name' ? [] : changesOf(member, r.input);
      matches.push({
        row: r.row,
        outcome: changes.length ? 'update' : 'unchanged',
        member,
        matchedBy: by,
        changes,
        input: r.input,
      });
      return;
    }
    const key = `${emailKey(r.input.email)}\u0000${nameKey(r.input.displayName)}`;
    const earlier = newKeys.get(key);
    if (r.input.email && earlier !== undefined) {
      fail(r, 'email', r.input.email, `repeats row ${earlier} (the same name and email)`);
      return;
    }
    newKeys.set(key, r.row);
    matches.push({ row: r.row, outcome: 'new', member: null, matchedBy: null, changes: [], input: r.input });
  };

  // Rows with an id or an email first: a row without email then takes only a member nobody else is.
  for (const r of rows) {
    if (r.id) {
      const member = byId.get(r.id);
      if (member) matched(r, member, 'id');
      else fail(r, 'id', r.id, 'is not a member of this LERO: ids come from an export of its members');
    } else if (r.input.email) {
      const email = emailKey(r.input.email);
      const sharing = candidates.filter((c) => c.email === email);
      const named = sharing.filter((c) => nameKey(c.displayName) === nameKey(r.input.displayName));
      if (sharing.length <= 1) matched(r, sharing[0] ?? null, sharing.length ? 'email' : null);
      else if (named.length === 1) matched(r, named[0], 'email');
      else
        fail(
          r,
          'email',
          r.input.email,
          `is the email of ${sharing.length} members: add the id column from an export to say which`,
        );
    }
  }
  const byName = new Map<string, ImportCandidate[]>();
  for (const c of [...candidates].sort(
    (a, b) => Number(!!a.email) - Number(!!b.email) || (a.id < b.id ? -1 : 1),
  )) {
    const key = nameKey(c.displayName);
    byName.set(key, [...(byName.get(key) ?? []), c]);
  }
  for (const r of rows) {
    if (r.id || r.input.email) continue;
    const member = (byName.get(nameKey(r.input.displayName)) ?? []).find((c) => !claimedBy.has(c.id));
    matched(r, member ?? null, member ? 'name' : null);
  }
  matches.sort((a, b) => a.row - b.row);
  return { matches, errors };
}
