/** "Saturday 5 December 2026 at 14:05" in UK time: for emails and messages people read. */
export const timeInWords = (date: Date) =>
  date.toLocaleString('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' });
