import { stringify } from 'csv-stringify/sync';
import {
  COMMUNITY_ROLES,
  IMPORT_FIELD_LABELS,
  IMPORT_TEMPLATE_COLUMNS,
  MEMBER_FIELDS,
  MEMBER_SHEET_HEADERS as H,
  PREFERRED_CONTACTS,
  type MemberField,
  type MemberView,
} from '@hearth/contracts';
import { excelJs } from '../http/document-libraries.util';

interface SheetColumn {
  header: string;
  value: (m: MemberView) => string;
}

const text = (header: string, value: (m: MemberView) => string | null): SheetColumn => ({
  header,
  value: (m) => value(m) ?? '',
});
const yesNo = (given: boolean) => (given ? 'yes' : 'no');

/** The columns each field of a member record fills; the compiler checks that every field has its columns. */
const COLUMNS: { [F in MemberField]: SheetColumn[] } = {
  id: [text(H.id, (m) => m.id)],
  displayName: [text(H.displayName, (m) => m.displayName)],
  email: [text(H.email, (m) => m.email)],
  phone: [text(H.phone, (m) => m.phone)],
  communityRoles: [text(H.communityRoles, (m) => m.communityRoles.join('; '))],
  pathway: [text(H.pathway, (m) => m.pathway)],
  preferredContact: [text(H.preferredContact, (m) => m.preferredContact)],
  // A delivery choice, not part of the record a LERO keeps or imports: no column (ADR 0081).
  reminders: [],
  consents: [
    text(H.consentContact, (m) => yesNo(m.consents.contact)),
    text(H.consentPhotos, (m) => yesNo(m.consents.photos)),
    text(H.consentShareStoriesAnonymously, (m) => yesNo(m.consents.shareStoriesAnonymously)),
  ],
  notes: [text(H.notes, (m) => m.notes)],
  status: [text(H.status, (m) => m.status)],
  joinedAt: [text(H.joinedAt, (m) => m.joinedAt)],
  leftAt: [text(H.leftAt, (m) => m.leftAt)],
  updatedAt: [text(H.updatedAt, (m) => m.updatedAt)],
};

/**
 * A cell a spreadsheet could run as a formula (`=`, `+`, `-`, `@`, and the tab and carriage return OWASP adds)
 * is written with a `'` before it; the import takes it off again.
 */
export const neutralised = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The export's table: a header, then one row per member; only the fields the asker may see are columns. */
export function membersTable(members: MemberView[], fields: readonly MemberField[]): string[][] {
  const columns = MEMBER_FIELDS.filter((f) => fields.includes(f)).flatMap((f) => COLUMNS[f]);
  return [columns.map((c) => c.header), ...members.map((m) => columns.map((c) => neutralised(c.value(m))))];
}

/** CSV UTF-8 with a byte-order mark (so that Excel reads accents right) and Windows line ends. */
export const csvOf = (table: string[][]) => `\uFEFF${stringify(table, { record_delimiter: 'windows' })}`;

/** An XLSX workbook of one sheet: the header in bold and frozen, every cell text (never a formula). */
export async function xlsxOf(table: string[][], sheetName: string, help?: string[][]): Promise<Buffer> {
  const workbook = new (excelJs().Workbook)();
  workbook.creator = 'Hearth';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const row of table) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(...table.map((r) => (r[i] ?? '').length));
    column.width = Math.min(60, Math.max(10, longest + 2));
    // Text, so that a phone number typed into the template keeps its leading 0.
    column.numFmt = '@';
  });
  if (help) {
    const notes = workbook.addWorksheet('How to fill it in');
    for (const row of help) notes.addRow(row);
    notes.getRow(1).font = { bold: true };
    notes.getColumn(1).width = 22;
    notes.getColumn(2).width = 90;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The import template: the header row alone (a file with example rows would import them too). */
export const templateTable = (): string[][] => [IMPORT_TEMPLATE_COLUMNS.map((c) => H[c])];

/** What each column of the template takes, on the workbook's second sheet. */
export const TEMPLATE_HELP: string[][] = [
  ['Column', 'What to put in it'],
  [H.displayName, 'Required. What the person wants to be called: a first name or a nickname is enough.'],
  [
    H.email,
    'Optional. A person with an email is recognised by it when you import again (they are updated, not added ' +
      'twice). Without one, a person is recognised by their name and never changed by a later import.',
  ],
  [H.phone, 'Optional. Digits, with spaces, brackets, hyphens or a + if you like.'],
  [
    H.communityRoles,
    `Optional. One or more of ${COMMUNITY_ROLES.join(', ')}, separated by ; or a comma. Capitals do not matter.`,
  ],
  [H.pathway, 'Optional. Their recovery pathway, in their own words.'],
  [H.preferredContact, `Optional. One of ${PREFERRED_CONTACTS.join(', ')}.`],
  [H.notes, 'Optional. Staff notes.'],
  ['', ''],
  [
    'Other headers',
    `Hearth also understands ${IMPORT_FIELD_LABELS.firstName} and ${IMPORT_FIELD_LABELS.lastName}, E-mail, ` +
      'Mobile, Telephone, Role and the columns of its own export (its id column matches people exactly). ' +
      'You check which column is which before anything is imported.',
  ],
];
