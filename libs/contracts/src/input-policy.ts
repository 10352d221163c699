import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import type { FieldError } from './errors';

/**
 * Hearth's one input policy (ADR 0017), applied wherever a payload is validated (`validatePayload`): at the
 * gateway and again in every service, in both runtimes.
 */

/** Deeper than any contract nests (three levels), shallow enough that nothing recurses into trouble. */
export const MAX_INPUT_DEPTH = 32;
/** The sane range of a date anyone gives Hearth: a date of birth at the earliest, plans at the latest. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2200;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a piece of text cannot be taken, if it cannot: NUL (PostgreSQL cannot store it, and no person types it) and
 * half of a UTF-16 pair (not Unicode; it cannot be stored or encoded as UTF-8). Refused rather than stripped: a
 * value is kept as it was sent, or not at all.
 */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds half of a character pair)';
  return undefined;
}

/**
 * Walks a payload as it came in (before any class sees it), without recursion: refuses nesting deeper than
 * `MAX_INPUT_DEPTH` and text, keys included, that `textProblem` refuses. Each error names its field.
 */
export function inputPolicyErrors(data: unknown, maxDepth = MAX_INPUT_DEPTH): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; field: string; depth: number }[] = [{ value: data, field: '', depth: 0 }];
  const child = (field: string, key: string) => (field ? `${field}.${key}` : key);
  while (pending.length > 0 && errors.length < 20) {
    const { value, field, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) errors.push({ field, message: problem });
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= maxDepth) {
        errors.push({ field, message: `nests too deeply (at most ${maxDepth} levels)` });
        continue;
      }
      for (const [key, item] of Object.entries(value)) {
        const problem = textProblem(key);
        if (problem)
          errors.push({
            field: child(field, JSON.stringify(key)),
            message: `has a field name that ${problem}`,
          });
        else pending.push({ value: item, field: child(field, key), depth: depth + 1 });
      }
    }
  }
  return errors.reverse();
}

/** Text compared with other text (emails, slugs, searches): one Unicode form (NFC), so `é` matches `é`. */
export const NormalisedText = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC') : value));

/** The year of an ISO 8601 date or date-time (`2026-03-01`, `+275760-09-13T00:00Z`), if it has one. */
const yearOf = (value: string) => /^([+-]?\d{4,6})-/.exec(value)?.[1];

/** Whether a date's year lies in Hearth's sane range (1900 to 2200). */
export const isYearInRange = (value: unknown) => {
  if (typeof value !== 'string') return false;
  const year = Number(yearOf(value));
  return Number.isInteger(year) && year >= EARLIEST_YEAR && year <= LATEST_YEAR;
};

export const YEAR_RANGE_MESSAGE = `must be between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/** A date or date-time whose year is between 1900 and 2200 (after the format check, so it names the range). */
export const IsYearInRange = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isYearInRange',
      validator: { validate: isYearInRange, defaultMessage: () => YEAR_RANGE_MESSAGE },
    },
    options,
  );
