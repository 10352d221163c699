import { parse } from 'csv-parse/sync';
import {
  AppError,
  COMMUNITY_ROLES,
  CreateMemberDto,
  IMPORT_MAX_ROWS,
  PREFERRED_CONTACTS,
  validatePayload,
  type ColumnChoice,
  type CommunityRole,
  type ImportField,
} from '@hearth/contracts';
import { planColumns, type ColumnPlan, type RowError } from './member-sheet-columns.util';

/** A member row of the file as a create request (consents are recorded one person at a time, not imported). */
export type ImportRow = Omit<CreateMemberDto, 'consents'>;

/** A row that passed every check: what it says about the person, and the export's id when it has one. */
export interface SheetRow {
  row: number;
  id?: string;
  input: ImportRow;
}

export interface ReadSheet {
  plan: ColumnPlan[];
  rows: SheetRow[];
  /** Rows with an error (each error names its row). */
  badRows: number[];
  errors: RowError[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An export writes `'` before a value a spreadsheet could take for a formula; reading it back takes it off. */
const ESCAPED_FORMULA = /^'(?=[=+\-@\t\r])/;

/** The records of a CSV file, empty lines kept so that rows are numbered as a spreadsheet numbers them. */
export function readCsv(csv: string): string[][] | RowError {
  try {
    return parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    const message = err instanceof Error ? err.message : 'could not be read';
    return {
      row: typeof line === 'number' && line > 0 ? line : 1,
      field: '',
      message: `is not valid CSV: ${message}`,
    };
  }
}

const fileError = (row: number, message: string): ReadSheet => ({
  plan: [],
  rows: [],
  badRows: [],
  errors: [{ row, field: '', message }],
});

/** A role as people write it: `Member`, `peer mentor`, `Peer_Mentor` are all `member` or `peer-mentor`. */
const roleOf = (word: string) =>
  word
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

/**
 * Reads and checks a whole file before anything is written: what each column holds, then every row as a create
 * request. Rows are numbered as in a spreadsheet (the header is row 1); empty rows are skipped; every error
 * names its row, column, cell and the value found there.
 */
export function readMemberSheet(table: string[][], columns?: ColumnChoice[]): ReadSheet {
  const last = table.findLastIndex((cells) => cells.some((c) => c.trim() !== ''));
  if (last < 0) return fileError(1, 'is empty; the first row must name the columns, like Name, Email');
  const [headerCells, ...data] = table.slice(0, last + 1);
  const header = headerCells.map((c) => c.trim());
  if (data.length === 0) return fileError(2, 'no member rows follow the header');
  if (data.length > IMPORT_MAX_ROWS) {
    return fileError(
      IMPORT_MAX_ROWS + 2,
      `at most ${IMPORT_MAX_ROWS} members can be imported at once; this file has ${data.length} rows`,
    );
  }
  const { plan, errors } = planColumns(header, data, columns);
  if (errors.length > 0) return { plan, rows: [], badRows: [], errors };
  const rows: SheetRow[] = [];
  const badRows: number[] = [];
  data.forEach((raw, i) => {
    const row = i + 2;
    const cells = raw.map((c) => c.trim().replace(ESCAPED_FORMULA, ''));
    if (cells.every((c) => c === '')) return;
    const rowErrors = readRow(plan, cells, row);
    if ('errors' in rowErrors) {
      errors.push(...rowErrors.errors);
      badRows.push(row);
    } else rows.push(rowErrors);
  });
  return { plan, rows, badRows, errors };
}

function readRow(plan: ColumnPlan[], cells: string[], row: number): SheetRow | { errors: RowError[] } {
  const errors: RowError[] = [];
  if (cells.length > plan.length && cells.slice(plan.length).some((c) => c !== '')) {
    return {
      errors: [{ row, field: '', message: `has ${cells.length} cells; the header has ${plan.length}` }],
    };
  }
  const columnOf = (field: ImportField) => plan.find((c) => c.field === field);
  const cellOf = (field: ImportField) => {
    const column = columnOf(field);
    return column ? (cells[column.index] ?? '') : '';
  };
  const fail = (field: ImportField, value: string, message: string, dtoField: string = field) => {
    const column = columnOf(field);
    errors.push({
      row,
      field: dtoField,
      ...(column ? { column: column.header, cell: `${column.letter}${row}` } : {}),
      value: value.slice(0, 200),
      message,
    });
  };
  const input: Record<string, unknown> = {};
  const id = cellOf('id');
  if (id && !UUID.test(id))
    fail('id', id, 'is not a member id: ids come from an export of this LERO’s members');
  const name = columnOf('displayName')
    ? cellOf('displayName')
    : [cellOf('firstName'), cellOf('lastName')].filter(Boolean).join(' ');
  if (name) input.displayName = name;
  for (const field of ['email', 'phone', 'pathway', 'notes'] as const) {
    if (cellOf(field)) input[field] = cellOf(field);
  }
  const roles = cellOf('communityRoles');
  if (roles) {
    const words = roles.split(/[;,]/).filter((w) => w.trim() !== '');
    const unknown = words.filter((w) => !(COMMUNITY_ROLES as readonly string[]).includes(roleOf(w)));
    for (const word of unknown)
      fail('communityRoles', word.trim(), `is not a role: use ${COMMUNITY_ROLES.join(', ')}`);
    if (unknown.length === 0) input.communityRoles = [...new Set(words.map(roleOf))] as CommunityRole[];
  }
  const contact = cellOf('preferredContact');
  if (contact) {
    const value = contact.toLowerCase().replace(/[^a-z]/g, '');
    if ((PREFERRED_CONTACTS as readonly string[]).includes(value)) input.preferredContact = value;
    else fail('preferredContact', contact, `must be one of ${PREFERRED_CONTACTS.join(', ')}`);
  }
  try {
    const valid = validatePayload(CreateMemberDto, input);
    if (errors.length > 0) return { errors };
    return { row, input: valid, ...(id ? { id: id.toLowerCase() } : {}) };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    // One message per field: the first rule it breaks, or "is required" when it is empty.
    const seen = new Set<string>();
    for (const e of err.details?.errors ?? []) {
      const field = e.field.split('.')[0];
      if (seen.has(field)) continue;
      seen.add(field);
      const value = input[field];
      const source: ImportField =
        field === 'displayName' && !columnOf('displayName')
          ? columnOf('firstName')
            ? 'firstName'
            : 'lastName'
          : (field as ImportField);
      fail(
        source,
        Array.isArray(value) ? value.join('; ') : typeof value === 'string' ? value : '',
        value === undefined ? 'is required' : e.message,
        field,
      );
    }
    return { errors };
  }
}
