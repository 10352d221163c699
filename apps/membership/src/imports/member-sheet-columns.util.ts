import {
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  MEMBER_SHEET_HEADERS,
  SKIP_COLUMN,
  type ColumnChoice,
  type FieldError,
  type ImportField,
} from '@hearth/contracts';

export type RowError = FieldError & { row: number };

/** One column of the file: its header, its letter and what it holds (null: left out). */
export interface ColumnPlan {
  index: number;
  letter: string;
  header: string;
  field: ImportField | null;
  recognised: boolean;
}

/** A spreadsheet's column letter: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

/** A header as compared: case, accents, spaces and punctuation ignored (`E-mail` is `email`). */
export const headerKey = (header: string) =>
  header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Common spellings of each field's header, besides the field's own name and the export's header. */
const SPELLINGS: Record<ImportField, readonly string[]> = {
  id: ['memberid', 'hearthid'],
  displayName: ['name', 'fullname', 'membername', 'preferredname', 'knownas', 'nickname'],
  firstName: ['forename', 'forenames', 'givenname', 'first'],
  lastName: ['surname', 'familyname', 'last'],
  email: ['emailaddress', 'mail', 'emails'],
  phone: [
    'phonenumber',
    'telephone',
    'telephonenumber',
    'tel',
    'mobile',
    'mobilenumber',
    'mobilephone',
    'cell',
    'cellphone',
    'contactnumber',
  ],
  communityRoles: ['communityrole', 'roles', 'role'],
  pathway: ['recoverypathway'],
  preferredContact: ['contactpreference', 'contactby', 'preferredcontactmethod'],
  notes: ['note', 'comments', 'comment'],
};

const FIELD_OF_KEY = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
  const exported = (MEMBER_SHEET_HEADERS as Record<string, string>)[field];
  for (const spelling of [field, exported, ...SPELLINGS[field]].filter(Boolean))
    FIELD_OF_KEY.set(headerKey(spelling), field);
}
/** An export's columns that are not imported (status and dates are Hearth's; consent is recorded one by one). */
const NOT_IMPORTED = new Set(
  Object.entries(MEMBER_SHEET_HEADERS)
    .filter(([column]) => !(IMPORT_FIELDS as readonly string[]).includes(column))
    .flatMap(([column, header]) => [headerKey(column), headerKey(header)]),
);

/** What Hearth reads a header as: a field, a column it knows and leaves out (`null`), or unknown (`undefined`). */
export function fieldOfHeader(header: string): ImportField | null | undefined {
  const key = headerKey(header);
  if (FIELD_OF_KEY.has(key)) return FIELD_OF_KEY.get(key);
  return NOT_IMPORTED.has(key) ? null : undefined;
}

const headerError = (column: ColumnPlan, message: string, field = ''): RowError => ({
  row: 1,
  field,
  column: column.header,
  cell: `${column.letter}1`,
  value: column.header,
  message,
});

/**
 * What each column holds: as `columns` says (the preview's mapping), or recognised by its header. A column
 * nobody recognised that holds values, two columns for one field, or no name at all are errors of row 1.
 */
export function planColumns(
  header: string[],
  data: string[][],
  columns?: ColumnChoice[],
): { plan: ColumnPlan[]; errors: RowError[] } {
  const errors: RowError[] = [];
  if (columns && columns.length !== header.length) {
    errors.push({
      row: 1,
      field: 'columns',
      message: `names ${columns.length} ${columns.length === 1 ? 'column' : 'columns'}; the file has ${header.length}`,
    });
    return { plan: [], errors };
  }
  const plan = header.map((text, index): ColumnPlan => {
    const base = { index, letter: columnLetter(index), header: text };
    if (columns) {
      const choice = columns[index];
      return { ...base, field: choice === SKIP_COLUMN ? null : choice, recognised: true };
    }
    const field = fieldOfHeader(text);
    const holdsValues = data.some((cells) => (cells[index] ?? '').trim() !== '');
    // A column without a header or values (a spreadsheet's empty column) is simply left out.
    if (field === undefined && text.trim() === '' && !holdsValues)
      return { ...base, field: null, recognised: true };
    return { ...base, field: field ?? null, recognised: field !== undefined };
  });
  for (const column of plan) {
    if (!column.recognised) {
      errors.push(
        headerError(
          column,
          column.header.trim()
            ? 'is not a column Hearth knows: say what it holds, or leave it out'
            : 'has no header but holds values: say what it holds, or leave it out',
        ),
      );
      continue;
    }
    const first = plan.find((c) => c.field !== null && c.field === column.field);
    if (column.field && first && first !== column) {
      errors.push(
        headerError(
          column,
          `holds ${IMPORT_FIELD_LABELS[column.field]} like column ${first.letter} (${first.header}): leave one of them out`,
          column.field,
        ),
      );
    }
  }
  const has = (field: ImportField) => plan.some((c) => c.field === field);
  if (has('displayName') && (has('firstName') || has('lastName'))) {
    const half = plan.find((c) => c.field === 'firstName' || c.field === 'lastName')!;
    errors.push(
      headerError(half, 'cannot be used with a Name column too: leave one of them out', half.field!),
    );
  } else if (!has('displayName') && !has('firstName') && !has('lastName') && errors.length === 0) {
    errors.push({
      row: 1,
      field: 'displayName',
      message: 'the file needs a column with each person’s name: Name, or First name and Last name',
    });
  }
  return { plan, errors };
}
