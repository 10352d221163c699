import { IMPORT_MODES, type ImportMode, type ImportView, type StartImportDto } from '@hearth/contracts';
import { FormErrors, field } from '../http/form.util';
import { dateAndTime } from '../http/time';
import { importsPath } from '../navigation/navigation';

/*
 * A region's imports of other Open Referral UK feeds (ADR 0041) as its curators' pages show them (ADR 0045): the
 * start form read and checked, and each import in words.
 */

export const IMPORT_FIELDS = ['url', 'mode', 'full'];
/** The API's fields in the form's words. */
export const IMPORT_LABELS = { url: 'Feed address', mode: 'Where it goes', full: 'Every service' };

export interface ImportFormValues {
  url: string;
  mode: string;
  full: string;
}

export const emptyImportForm = (): ImportFormValues => ({ url: '', mode: 'suggestions', full: '' });

export const MODE_WORDS: Record<ImportMode, { text: string; hint: string }> = {
  suggestions: {
    text: 'Into the suggestions queue',
    hint: 'Each service waits for a curator to approve, change or reject it. Importing again suggests only what changed.',
  },
  listings: {
    text: 'Straight into the listings',
    hint: 'Each service is listed at once. Importing again updates them; a service the feed no longer has is made inactive.',
  },
};

/** The form as posted, and the API's request when it is complete. */
export function readImportForm(body: unknown): {
  values: ImportFormValues;
  errors: FormErrors;
  dto?: StartImportDto;
} {
  const values = { url: field(body, 'url'), mode: field(body, 'mode'), full: field(body, 'full') };
  const errors = new FormErrors();
  if (!values.url)
    errors.add('url', 'Enter the address of the feed, like https://directory.example.gov.uk/oruk');
  else if (!/^https?:\/\/\S+$/i.test(values.url) || values.url.length > 2000)
    errors.add('url', 'Enter the feed’s address in full, starting https://');
  if (!(IMPORT_MODES as readonly string[]).includes(values.mode))
    errors.add('mode', 'Choose where the feed’s services go');
  if (values.full !== '' && values.full !== 'yes') errors.add('full', 'Tick the box or leave it empty');
  if (!errors.ok) return { values, errors };
  return {
    values,
    errors,
    dto: { url: values.url, mode: values.mode as ImportMode, ...(values.full ? { full: true } : {}) },
  };
}

const STATUS_TAGS = {
  running: { text: 'Running', classes: 'govuk-tag--blue' },
  succeeded: { text: 'Finished', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What an import did, in a line: "3 new, 1 changed, 4 unchanged, 1 could not be taken". */
export function countsInWords(v: ImportView): string {
  const c = v.counts;
  const parts = [`${c.created} new`, `${c.updated} changed`, `${c.unchanged} unchanged`];
  if (c.removed) parts.push(`${c.removed} no longer in the feed`);
  if (c.skipped) parts.push(`${c.skipped} could not be taken`);
  return `${plural(c.seen, 'service')}: ${parts.join(', ')}`;
}

/** An import as a row of the list. */
export function importRow(v: ImportView) {
  return {
    href: `${importsPath(v.regionId)}/${v.id}`,
    source: v.source,
    mode: MODE_WORDS[v.mode].text,
    status: STATUS_TAGS[v.status],
    started: dateAndTime(v.startedAt),
    counts: countsInWords(v),
  };
}

/** An import as its own page shows it. */
export function importDetails(v: ImportView) {
  const c = v.counts;
  const made = v.mode === 'suggestions' ? 'suggestions' : 'listings';
  return {
    ...importRow(v),
    id: v.id,
    modeName: v.mode,
    running: v.status === 'running',
    finished: v.finishedAt ? dateAndTime(v.finishedAt) : undefined,
    walk: v.modifiedAfter
      ? `Only services changed since ${dateAndTime(v.modifiedAfter)}`
      : 'Every service in the feed',
    countRows: [
      ['Pages of the feed read', c.pages],
      ['Services seen', c.seen],
      [`New ${made}`, c.created],
      [`Changed ${made}`, c.updated],
      ['Unchanged', c.unchanged],
      [
        v.mode === 'suggestions'
          ? 'No longer in the feed (suggestions withdrawn or listings suggested inactive)'
          : 'No longer in the feed (made inactive)',
        c.removed,
      ],
      ['Could not be taken', c.skipped],
    ].map(([label, n]) => [{ text: String(label) }, { text: String(n), format: 'numeric' }]),
    problems: v.problems.map((p) => [{ text: p.sourceId ?? '–' }, { text: p.message }]),
    moreProblems: c.skipped > v.problems.length ? c.skipped - v.problems.length : 0,
    error: v.error,
    pending: v.mode === 'suggestions' ? plural(v.pendingSuggestions, 'suggestion') : undefined,
    pendingCount: v.pendingSuggestions,
  };
}
