import { expand, normaliseRrule, RecurrenceError, startExists, type Schedule } from './recurrence.util';
import { localDate, zonedToInstant } from './zoned-time.util';

const FAR = new Date('2030-01-01T00:00:00Z');
const weekly = (startsAt: string, rrule: string, timezone = 'Europe/London'): Schedule => ({
  startsAt,
  durationMinutes: 90,
  timezone,
  rrule: normaliseRrule(rrule),
});
const londonTimes = (dates: Date[]) =>
  dates.map((d) => d.toLocaleString('en-GB', { timeZone: 'Europe/London', hour12: false }));

describe('recurrence', () => {
  describe('normaliseRrule', () => {
    it.each([
      ['FREQ=WEEKLY;BYDAY=TU;COUNT=10', 'FREQ=WEEKLY;BYDAY=TU;COUNT=10'],
      ['rrule:freq=monthly;byday=1sa', 'FREQ=MONTHLY;BYDAY=1SA'],
      ['FREQ=WEEKLY;UNTIL=20261231T235959Z', 'FREQ=WEEKLY;UNTIL=20261231T235959Z'],
      ['FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=MONTHLY;BYDAY=-1FR'],
      ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH'],
      ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
      ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'],
    ])('accepts %s', (input, canonical) => {
      expect(normaliseRrule(input)).toBe(canonical);
    });

    it.each([
      ['FREQ=FOO', /FREQ=FOO is not valid/],
      ['BYDAY=TU', /FREQ is required/],
      ['FREQ=WEEKLY;BYDAY=XX', /BYDAY=XX is not valid/],
      ['FREQ=WEEKLY;COUNT=abc', /COUNT=ABC is not valid/],
      ['FREQ=WEEKLY;COUNT=0', /COUNT=0 is not valid/],
      ['FREQ=WEEKLY;INTERVAL=0', /INTERVAL=0 is not valid/],
      ['FREQ=HOURLY', /FREQ=HOURLY is not valid/],
      ['FREQ=WEEKLY;BYHOUR=10', /BYHOUR is not supported/],
      ['FREQ=WEEKLY;DTSTART=20260101T000000Z', /DTSTART is not supported/],
      ['FREQ=WEEKLY;FREQ=DAILY', /FREQ appears twice/],
      ['FREQ=WEEKLY;COUNT=3;UNTIL=20261231', /COUNT and UNTIL/],
      ['FREQ=WEEKLY;BYDAY=1SA', /numbered BYDAY/],
      ['FREQ=WEEKLY;UNTIL=20260231', /not a real date/],
      ['FREQ=WEEKLY;COUNT=5000', /at most 1000/],
      ['FREQ=WEEKLY;', /is not a NAME=VALUE part/],
      ['garbage', /is not a NAME=VALUE part/],
      ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', /never happens/],
      ['FREQ=MONTHLY;BYMONTHDAY=-32', /BYMONTHDAY=-32 is not valid/],
      ['FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2', /BYSETPOS needs/],
      ['FREQ=YEARLY;BYWEEKNO=20', /BYWEEKNO is not supported/],
    ])('rejects %s', (input, message) => {
      expect(() => normaliseRrule(input)).toThrow(RecurrenceError);
      expect(() => normaliseRrule(input)).toThrow(message);
    });
  });

  describe('expand', () => {
    it('keeps a weekly 10:00 Europe/London group at 10:00 across the March change', () => {
      const { occurrences, exhausted } = expand(weekly('2026-03-17T10:00', 'FREQ=WEEKLY;BYDAY=TU;COUNT=4'), {
        until: FAR,
        max: 100,
      });
      expect(exhausted).toBe(true);
      expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual([
        '2026-03-17T10:00:00.000Z', // GMT
        '2026-03-24T10:00:00.000Z',
        '2026-03-31T09:00:00.000Z', // BST from 29 March
        '2026-04-07T09:00:00.000Z',
      ]);
      expect(londonTimes(occurrences.map((o) => o.startsAt)).every((t) => t.endsWith('10:00:00'))).toBe(true);
    });

    it('keeps it at 10:00 across the October/November change too', () => {
      const { occurrences } = expand(weekly('2026-10-13T10:00', 'FREQ=WEEKLY;BYDAY=TU'), {
        until: new Date('2026-11-12T00:00:00Z'),
        max: 100,
      });
      expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual([
        '2026-10-13T09:00:00.000Z',
        '2026-10-20T09:00:00.000Z',
        '2026-10-27T10:00:00.000Z', // GMT from 25 October
        '2026-11-03T10:00:00.000Z',
        '2026-11-10T10:00:00.000Z',
      ]);
      expect(occurrences.every((o) => o.endsAt.getTime() - o.startsAt.getTime() === 90 * 60_000)).toBe(true);
    });

    it('expands the first Saturday of each month', () => {
      const { occurrences } = expand(weekly('2026-01-03T14:00', 'FREQ=MONTHLY;BYDAY=1SA;COUNT=3'), {
        until: FAR,
        max: 10,
      });
      expect(occurrences.map((o) => localDate(o.startsAt, 'Europe/London'))).toEqual([
        '2026-01-03',
        '2026-02-07',
        '2026-03-07',
      ]);
    });

    it('starts on the first matching day on or after startsAt', () => {
      const { occurrences } = expand(weekly('2026-03-16T10:00', 'FREQ=WEEKLY;BYDAY=TU;COUNT=1'), {
        until: FAR,
        max: 10,
      });
      expect(occurrences[0].startsAt.toISOString()).toBe('2026-03-17T10:00:00.000Z');
    });

    it('includes the whole local day of a bare UNTIL date, and reads a UTC UNTIL in the zone', () => {
      const byDate = expand(weekly('2026-06-02T19:00', 'FREQ=WEEKLY;UNTIL=20260616'), {
        until: FAR,
        max: 10,
      });
      expect(byDate.occurrences.map((o) => localDate(o.startsAt, 'Europe/London'))).toEqual([
        '2026-06-02',
        '2026-06-09',
        '2026-06-16',
      ]);
      // 18:30Z on 16 June is 19:30 BST: the 19:00 session that day is included.
      const byUtc = expand(weekly('2026-06-02T19:00', 'FREQ=WEEKLY;UNTIL=20260616T183000Z'), {
        until: FAR,
        max: 10,
      });
      expect(byUtc.occurrences).toHaveLength(3);
    });

    it('leaves an endless rule open at the horizon, and continues from where it stopped', () => {
      const schedule = weekly('2026-01-06T10:00', 'FREQ=WEEKLY');
      const first = expand(schedule, { until: new Date('2026-02-01T00:00:00Z'), max: 100 });
      expect(first.exhausted).toBe(false);
      expect(first.occurrences).toHaveLength(4);
      const next = expand(schedule, {
        from: new Date('2026-02-01T00:00:00Z'),
        until: new Date('2026-03-01T00:00:00Z'),
        max: 100,
      });
      expect(next.occurrences.map((o) => localDate(o.startsAt, 'Europe/London'))).toEqual([
        '2026-02-03',
        '2026-02-10',
        '2026-02-17',
        '2026-02-24',
      ]);
    });

    it('stops at max', () => {
      const { occurrences, exhausted } = expand(weekly('2026-01-06T10:00', 'FREQ=DAILY'), {
        until: FAR,
        max: 5,
      });
      expect(occurrences).toHaveLength(5);
      expect(exhausted).toBe(false);
    });

    it('places a one-off once', () => {
      const oneOff: Schedule = {
        startsAt: '2026-07-04T11:00',
        durationMinutes: 60,
        timezone: 'Europe/London',
        rrule: null,
      };
      expect(expand(oneOff, { until: FAR, max: 10 })).toEqual({
        occurrences: [
          { startsAt: new Date('2026-07-04T10:00:00Z'), endsAt: new Date('2026-07-04T11:00:00Z') },
        ],
        exhausted: true,
      });
    });

    it('keeps the wall-clock time in other zones too', () => {
      const { occurrences } = expand(weekly('2026-03-01T18:00', 'FREQ=WEEKLY;COUNT=3', 'America/New_York'), {
        until: FAR,
        max: 10,
      });
      // US clocks change on 8 March 2026: EST (-5) then EDT (-4).
      expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual([
        '2026-03-01T23:00:00.000Z',
        '2026-03-08T22:00:00.000Z',
        '2026-03-15T22:00:00.000Z',
      ]);
    });
  });

  describe('wall-clock times around the changes', () => {
    it('takes the first of a time that happens twice (clocks back)', () => {
      const { instant, exists } = zonedToInstant(
        { year: 2026, month: 10, day: 25, hour: 1, minute: 30, second: 0 },
        'Europe/London',
      );
      expect(exists).toBe(true);
      expect(instant.toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 01:30 BST
    });

    it('moves a time that never happens (clocks forward) on by the gap, and says so', () => {
      const { instant, exists } = zonedToInstant(
        { year: 2026, month: 3, day: 29, hour: 1, minute: 30, second: 0 },
        'Europe/London',
      );
      expect(exists).toBe(false);
      expect(instant.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 BST
      expect(
        startExists({
          startsAt: '2026-03-29T01:30',
          durationMinutes: 60,
          timezone: 'Europe/London',
          rrule: null,
        }),
      ).toBe(false);
    });
  });
});
