/** One formatter per time zone: building an `Intl.DateTimeFormat` costs ~0.2 ms, using a kept one ~1 µs. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `instant`'s calendar date in `timeZone` (`YYYY-MM-DD`). An unknown zone throws a RangeError, as
 * `Intl.DateTimeFormat` does, and is not kept.
 */
export function localDateIn(instant: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}
