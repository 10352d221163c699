import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import type { FieldError } from '../errors';
import type { Page } from '../paging';
import { TenantRequest, TenantRequestOf } from '../paging';
import { ListMembersQuery, type MemberField, type MemberView } from './member.dto';

/* Spreadsheets in and out: a LERO's members imported from, and exported to, CSV and XLSX files (ADR 0031). */

/** At most this many members in one file (one transaction). */
export const IMPORT_MAX_ROWS = 5000;
/** Large enough for 5,000 rows; the gateway's own limit keeps a request under NATS's 1 MiB payload. */
export const IMPORT_MAX_CSV_CHARS = 1_000_000;
/** Columns of an import file, read or mapped. */
export const IMPORT_MAX_COLUMNS = 50;
/** The longest cell an import reads (the longest field, notes, is 2,000 characters). */
export const IMPORT_MAX_CELL_CHARS = 10_000;
/** A file as the API takes it (CSV or XLSX): inside NATS's 1 MiB message once read and enveloped. */
export const IMPORT_MAX_FILE_BYTES = 768 * 1024;
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MEMBER_SHEET_FORMATS = ['csv', 'xlsx'] as const;
export type MemberSheetFormat = (typeof MEMBER_SHEET_FORMATS)[number];

/** What a column of an import file can hold: a member's field, or half of their name. */
export const IMPORT_FIELDS = [
  'id',
  'displayName',
  'firstName',
  'lastName',
  'email',
  'phone',
  'communityRoles',
  'pathway',
  'preferredContact',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Each field in words, as the preview's choices and the import's messages name it. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  id: 'Member id (from an export)',
  displayName: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  communityRoles: 'Roles',
  pathway: 'Pathway',
  preferredContact: 'Preferred contact',
  notes: 'Notes',
};
/** In a mapping: the column is left out of the import. */
export const SKIP_COLUMN = '-';
export type ColumnChoice = ImportField | typeof SKIP_COLUMN;

/** The header of each column of an export and of the template; the import recognises every one of them. */
export const MEMBER_SHEET_HEADERS = {
  id: 'id',
  displayName: 'Name',
  email: 'Email',
  phone: 'Phone',
  communityRoles: 'Roles',
  pathway: 'Pathway',
  preferredContact: 'Preferred contact',
  consentContact: 'Consent to contact',
  consentPhotos: 'Consent to photos',
  consentShareStoriesAnonymously: 'Consent to share stories anonymously',
  notes: 'Notes',
  status: 'Status',
  joinedAt: 'Joined',
  leftAt: 'Left',
  updatedAt: 'Updated',
} as const;
export type MemberSheetColumn = keyof typeof MEMBER_SHEET_HEADERS;

/** The columns of the import template, in order. */
export const IMPORT_TEMPLATE_COLUMNS = [
  'displayName',
  'email',
  'phone',
  'communityRoles',
  'pathway',
  'preferredContact',
  'notes',
] as const satisfies readonly (MemberSheetColumn & ImportField)[];

const CHOICES = [...IMPORT_FIELDS, SKIP_COLUMN].map((c) => c.replace('-', '\\-')).join('|');

/** The query of `POST /members/import`. */
export class ImportMembersQuery {
  /** `true`: check the file and say what an import would do (new, update, unchanged, error), writing nothing. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  dryRun?: 'true' | 'false';

  /**
   * What each column of the file holds, in order, separated by commas: a field, or `-` to leave the column
   * out. Without it, columns are recognised by their headers (Name, E-mail, Mobile, Roles …).
   */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(1000)
  @Matches(new RegExp(`^(?:${CHOICES})(?:,(?:${CHOICES}))*$`), {
    message: `must name, for each column of the file in order, one of ${IMPORT_FIELDS.join(', ')} or ${SKIP_COLUMN} (left out), separated by commas`,
  })
  columns?: string;
}

/** The cells of a spreadsheet's first sheet as text, the header row first (read by the gateway from XLSX). */
const IsSheetRows = () =>
  ValidateBy({
    name: 'isSheetRows',
    validator: {
      validate: (value: unknown) => {
        if (!Array.isArray(value) || value.length > IMPORT_MAX_ROWS + 1) return false;
        let chars = 0;
        for (const row of value as unknown[]) {
          if (!Array.isArray(row) || row.length > IMPORT_MAX_COLUMNS) return false;
          for (const cell of row as unknown[]) {
            if (typeof cell !== 'string' || cell.length > IMPORT_MAX_CELL_CHARS) return false;
            chars += cell.length;
          }
        }
        return chars <= IMPORT_MAX_CSV_CHARS;
      },
      defaultMessage: () =>
        `must be a list of at most ${IMPORT_MAX_ROWS + 1} rows of at most ${IMPORT_MAX_COLUMNS} text cells`,
    },
  });

/** An import (or, with `dryRun`, its preview): the file as CSV text or as the rows of a sheet, not both. */
export class ImportMembersRequest extends TenantRequest {
  @IsOptional()
  @IsString({ message: 'must be CSV text' })
  @MaxLength(IMPORT_MAX_CSV_CHARS)
  csv?: string;

  @IsOptional()
  @IsSheetRows()
  rows?: string[][];

  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  dryRun?: boolean;

  @IsOptional()
  @IsArray({ message: 'must be a list' })
  @ArrayMaxSize(IMPORT_MAX_COLUMNS)
  @IsIn([...IMPORT_FIELDS, SKIP_COLUMN], { each: true, message: 'each must be a field or -' })
  columns?: ColumnChoice[];
}

/** A file to import: CSV text, or the cells of a sheet. */
export type MemberSheetInput = { csv: string } | { rows: string[][] };

/** What an import does with a row. */
export const IMPORT_OUTCOMES = ['new', 'update', 'unchanged', 'error'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** One column of the file as the import reads it. */
export interface ImportColumnView {
  /** The column's letter in a spreadsheet (A, B … AA). */
  letter: string;
  header: string;
  /** What it holds; null when it is left out. */
  field: ImportField | null;
  /** Hearth knows this header (or was told what the column holds); an unknown column is an error until mapped. */
  recognised: boolean;
}

/** One member row of the file and what an import would do with it. */
export interface ImportRowView {
  /** The spreadsheet's row number (the header is row 1). */
  row: number;
  outcome: ImportOutcome;
  /** The member it matches (update, unchanged). */
  memberId: string | null;
  displayName: string;
  email: string | null;
  /** How it was matched: an export's id column, the email, or (a row without email) the name alone. */
  matchedBy: 'id' | 'email' | 'name' | null;
  /** The fields an update changes. */
  changes: string[];
  /** No email: it cannot be matched by email on a later import (see ADR 0031). */
  noEmail: boolean;
}

/** The answer of a dry run: nothing was written. */
export interface ImportPreviewView {
  dryRun: true;
  columns: ImportColumnView[];
  counts: Record<ImportOutcome, number>;
  /** The first rows of the file (at most IMPORT_PREVIEW_ROWS); `counts` covers them all. */
  rows: ImportRowView[];
  rowsLeftOut: number;
  /** Every problem (at most 100 listed): row, column, cell, the value and what is wrong with it. */
  errors: FieldError[];
}

/** Rows a preview describes one by one. */
export const IMPORT_PREVIEW_ROWS = 1000;

/** An import that was written: all of it, in one transaction. */
export interface ImportResultView {
  created: number;
  updated: number;
  unchanged: number;
  errors: [];
}

/** One page of a bulk export (the members list's filters and order), for the LERO's admins and coordinators. */
export class ExportMembersRequest extends TenantRequestOf(ListMembersQuery) {
  @IsIn(MEMBER_SHEET_FORMATS, { message: `must be one of ${MEMBER_SHEET_FORMATS.join(', ')}` })
  format!: MemberSheetFormat;
}

/** A page of an export, and the fields the asker may see (the columns of the file). */
export interface MemberSheetPage extends Page<MemberView> {
  fields: MemberField[];
}
