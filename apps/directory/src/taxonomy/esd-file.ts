import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/** The esd vocabularies a region loads, as Open Referral UK names them in CURIEs, and where their terms live. */
export const ESD_VOCABULARIES = {
  esdServiceType: {
    name: 'esdServiceType',
    description:
      'The Local Government Association’s esd Services List: types of service, as this region loaded it.',
    uri: 'http://id.esd.org.uk/list/services',
    termUri: (identifier: string) => `http://id.esd.org.uk/service/${identifier}`,
  },
  esdNeed: {
    name: 'esdNeed',
    description: 'The Local Government Association’s esd Needs List, as this region loaded it.',
    uri: 'http://id.esd.org.uk/list/needs',
    termUri: (identifier: string) => `http://id.esd.org.uk/need/${identifier}`,
  },
} as const;
export type EsdVocabulary = keyof typeof ESD_VOCABULARIES;
export const isEsdVocabulary = (v: string): v is EsdVocabulary => Object.hasOwn(ESD_VOCABULARIES, v);

/**
 * The columns read, by their header names in any case: the esd download's `Identifier`, `Label`,
 * `Description` (older editions), `Modified`, and a parent for hierarchical lists (`Broader`, `Parent`). Other
 * columns (`Created`, `History notes`, `Type`, the empty one after a trailing comma) are ignored.
 */
const NAMES = {
  identifier: ['identifier', 'id', 'notation'],
  label: ['label', 'preflabel', 'name', 'title'],
  description: ['description', 'scope notes', 'scopenote', 'definition'],
  parent: ['broader', 'parent', 'parent identifier', 'broader identifier'],
  modified: ['modified', 'last modified'],
} as const;
type Column = keyof typeof NAMES;

/** One term as the file gives it. */
export interface EsdRow {
  identifier: string;
  label: string;
  description: string;
  /** The identifier of the broader term, when the list is hierarchical. */
  parent: string | null;
  /** The line of the file it ends on (the header is line 1). */
  line: number;
}

/** What reading found besides the rows: those skipped, and the latest `Modified` (the edition). */
export interface EsdReadReport {
  rows: number;
  skipped: { line: number; reason: string }[];
  duplicates: number;
  latestModified: string | null;
}

/** An esd identifier: digits for services and needs, words such as `Gender_Female` for circumstances. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const LIMIT = { label: 500, description: 10_000 };
const tidy = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function columnsOf(header: string[]): Partial<Record<Column, number>> {
  const names = header.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const found: Partial<Record<Column, number>> = {};
  for (const [column, candidates] of Object.entries(NAMES) as [Column, readonly string[]][]) {
    const at = candidates.map((c) => names.indexOf(c)).find((i) => i >= 0);
    if (at !== undefined) found[column] = at;
  }
  if (found.identifier === undefined || found.label === undefined)
    throw new Error(
      `The file's first line names no ${found.identifier === undefined ? 'Identifier' : 'Label'} column: ` +
        `an esd list's CSV starts "Identifier,Label,Description,…" (found "${header.join(',').slice(0, 200)}").`,
    );
  return found;
}

/**
 * The terms of an esd list's CSV, streamed (RFC 4180: a description may span lines inside quotes), one at a
 * time: rows without an identifier or label, or with an identifier that is not one, are counted and skipped, and
 * a repeated identifier keeps its first row. The report is complete once the iteration ends.
 */
export async function* readEsdFile(file: string, report: EsdReadReport): AsyncGenerator<EsdRow> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  let columns: Partial<Record<Column, number>> | undefined;
  const seen = new Set<string>();
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (!columns) {
      columns = columnsOf(record);
      continue;
    }
    const line = info.lines;
    const at = (c: Column) => (columns![c] === undefined ? undefined : record[columns![c]!]);
    report.rows++;
    const identifier = tidy(at('identifier'));
    const label = tidy(at('label'));
    const skip = (reason: string) => report.skipped.push({ line, reason });
    if (!identifier) skip('no identifier');
    else if (!IDENTIFIER.test(identifier)) skip(`"${identifier.slice(0, 40)}" is not an esd identifier`);
    else if (!label) skip('no label');
    else if (label.length > LIMIT.label) skip(`a label longer than ${LIMIT.label} characters`);
    else if (seen.has(identifier)) report.duplicates++;
    else {
      seen.add(identifier);
      const modified = tidy(at('modified'));
      if (/^\d{4}-\d{2}-\d{2}/.test(modified) && modified.slice(0, 10) > (report.latestModified ?? ''))
        report.latestModified = modified.slice(0, 10);
      const parent = tidy(at('parent'));
      yield {
        identifier,
        label,
        description: (at('description') ?? '').trim().slice(0, LIMIT.description),
        parent: parent && parent !== identifier ? parent : null,
        line,
      };
    }
  }
  if (!columns) throw new Error('The file is empty: an esd list’s CSV starts "Identifier,Label,…".');
}

export const emptyEsdReadReport = (): EsdReadReport => ({
  rows: 0,
  skipped: [],
  duplicates: 0,
  latestModified: null,
});
