import { parse } from 'csv-parse/sync';
import {
  AppError,
  CreateMemberDto,
  IMPORT_MAX_ROWS,
  validatePayload,
  type FieldError,
} from '@hearth/contracts';

/** The columns of an import file; only `displayName` is required. */
export const IMPORT_COLUMNS = ['displayName', 'email', 'phone', 'communityRoles', 'pathway'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export type RowError = FieldError & { row: number };
export type ImportRow = Omit<CreateMemberDto, 'consents' | 'notes' | 'preferredContact'>;

export interface ParsedImport {
  rows: ImportRow[];
  errors: RowError[];
}

const isColumn = (name: string): name is ImportColumn => (IMPORT_COLUMNS as readonly string[]).includes(name);

function readRecords(csv: string): string[][] | RowError {
  try {
    return parse(csv, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
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

function headerOf(cells: string[]): { columns: ImportColumn[]; errors: RowError[] } {
  const errors: RowError[] = [];
  cells.forEach((name, i) => {
    if (!isColumn(name)) {
      errors.push({
        row: 1,
        field: name || `column ${i + 1}`,
        message: `is not a column of an import; use ${IMPORT_COLUMNS.join(', ')}`,
      });
    } else if (cells.indexOf(name) !== i) {
      errors.push({ row: 1, field: name, message: 'appears twice in the header' });
    }
  });
  if (!cells.includes('displayName'))
    errors.push({ row: 1, field: 'displayName', message: 'the header must have a displayName column' });
  return { columns: cells as ImportColumn[], errors };
}

/** One data row as a create request: empty cells are left out, roles are separated by `;`. */
function rowInput(columns: ImportColumn[], cells: string[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    const cell = cells[i] ?? '';
    if (cell === '') return;
    input[column] =
      column === 'communityRoles'
        ? cell
            .split(';')
            .map((r) => r.trim())
            .filter(Boolean)
        : cell;
  });
  return input;
}

/**
 * Reads and validates a whole import file before anything is written. Rows are numbered as in a
 * spreadsheet: the header is row 1, the first member row 2.
 */
export function parseMemberCsv(csv: string): ParsedImport {
  const records = readRecords(csv);
  if (!Array.isArray(records)) return { rows: [], errors: [records] };
  if (records.length === 0) {
    return {
      rows: [],
      errors: [
        {
          row: 1,
          field: '',
          message: `is empty; the first row must be a header: ${IMPORT_COLUMNS.join(',')}`,
        },
      ],
    };
  }
  const [headerCells, ...data] = records;
  const header = headerOf(headerCells);
  if (header.errors.length > 0) return { rows: [], errors: header.errors };
  if (data.length === 0)
    return { rows: [], errors: [{ row: 2, field: '', message: 'no member rows follow the header' }] };
  if (data.length > IMPORT_MAX_ROWS) {
    return {
      rows: [],
      errors: [
        {
          row: IMPORT_MAX_ROWS + 2,
          field: '',
          message: `at most ${IMPORT_MAX_ROWS} members can be imported at once; this file has ${data.length}`,
        },
      ],
    };
  }
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length !== header.columns.length) {
      errors.push({
        row,
        field: '',
        message: `has ${cells.length} cells; the header has ${header.columns.length}`,
      });
      return;
    }
    const input = rowInput(header.columns, cells);
    try {
      rows.push(validatePayload(CreateMemberDto, input));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // One message per cell: the first rule it breaks, or "is required" when it is empty.
      const seen = new Set<string>();
      for (const e of err.details?.errors ?? []) {
        if (seen.has(e.field)) continue;
        seen.add(e.field);
        errors.push({
          row,
          field: e.field,
          message: input[e.field] === undefined ? 'is required' : e.message,
        });
      }
    }
  });
  return { rows, errors };
}
