import {
  buildRrule,
  describeEnd,
  describeRule,
  describeSchedule,
  parseDateParts,
  positionOf,
} from './recurrence';

const tuesday = { year: 2027, month: 1, day: 5 }; // the first Tuesday of January 2027
const saturday = { year: 2027, month: 1, day: 2 }; // the first Saturday
const rule = (input: Parameters<typeof buildRrule>[0], first = tuesday) => {
  const result = buildRrule(input, first);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rrule;
};

describe('the recurrence picker’s mapping to RRULE', () => {
  it.each([
    ['just once', { repeat: 'once' }, undefined],
    ['every Tuesday (the first session’s day)', { repeat: 'weekly' }, 'FREQ=WEEKLY;BYDAY=TU'],
    [
      'every 2 weeks on Tuesday and Thursday',
      { repeat: 'weekly', weeklyInterval: '2', weeklyDays: ['TH', 'TU'] },
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH',
    ],
    [
      'the first Saturday of the month, 6 times',
      { repeat: 'monthly', monthlyPosition: '1', monthlyDay: 'SA', end: 'count', endCount: '6' },
      'FREQ=MONTHLY;BYDAY=1SA;COUNT=6',
    ],
    [
      'the last Friday of the month until 31 March 2027 (that day included)',
      {
        repeat: 'monthly',
        monthlyPosition: '-1',
        monthlyDay: 'FR',
        end: 'until',
        endDate: { day: '31', month: '3', year: '2027' },
      },
      'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270331',
    ],
    ['monthly, on the first session’s weekday and week', { repeat: 'monthly' }, 'FREQ=MONTHLY;BYDAY=1TU'],
  ])('%s', (_, input, expected) => expect(rule(input)).toBe(expected));

  it('takes the month position from the first date: the 29th is the last', () => {
    expect(positionOf({ year: 2027, month: 1, day: 29 })).toBe('-1');
    expect(positionOf(saturday)).toBe('1');
    expect(positionOf({ year: 2027, month: 1, day: 15 })).toBe('3');
  });

  it('names the field of each wrong answer', () => {
    const errors = (input: Parameters<typeof buildRrule>[0]) => {
      const result = buildRrule(input, tuesday);
      return result.ok ? [] : result.errors.map((e) => e.field);
    };
    expect(errors({ repeat: '' })).toEqual(['repeat']);
    expect(errors({ repeat: 'weekly', weeklyInterval: '9', weeklyDays: ['XX'] })).toEqual([
      'weeklyInterval',
      'weeklyDays',
    ]);
    expect(errors({ repeat: 'weekly', end: 'count', endCount: '1001' })).toEqual(['endCount']);
    expect(
      errors({ repeat: 'weekly', end: 'until', endDate: { day: '4', month: '1', year: '2027' } }),
    ).toEqual(['endDate']);
    expect(
      errors({ repeat: 'weekly', end: 'until', endDate: { day: '31', month: '2', year: '2027' } }),
    ).toEqual(['endDate']);
    expect(errors({ repeat: 'monthly', monthlyPosition: '5', monthlyDay: 'SA' })).toEqual([
      'monthlyPosition',
    ]);
  });

  it('reads a real date from the three boxes only', () => {
    expect(parseDateParts({ day: '5', month: '1', year: '2027' })).toEqual(tuesday);
    expect(parseDateParts({ day: '29', month: '2', year: '2027' })).toBeUndefined();
    expect(parseDateParts({ day: 'x', month: '1', year: '2027' })).toBeUndefined();
  });
});

describe('a rule in words', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=TU', 'Every Tuesday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH', 'Every 2 weeks on Tuesday and Thursday'],
    ['FREQ=MONTHLY;BYDAY=1SA;COUNT=6', 'First Saturday of every month'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'Last Friday of every month'],
    ['FREQ=DAILY', 'Every day'],
  ])('%s → %s', (rrule, words) => expect(describeRule(rrule)).toBe(words));

  it('falls back for rules the picker does not make', () => {
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=15')).toBeUndefined();
    expect(describeRule('FREQ=YEARLY')).toBeUndefined();
    expect(
      describeSchedule({
        startsAt: '2027-01-05T10:00:00',
        durationMinutes: 60,
        timezone: 'Europe/London',
        rrule: 'FREQ=YEARLY',
      }).when,
    ).toBe('Repeats on a custom pattern');
  });

  it('says how it ends and when it happens', () => {
    expect(describeEnd('FREQ=WEEKLY;COUNT=1')).toBe('1 session');
    expect(describeEnd('FREQ=WEEKLY;UNTIL=20270331')).toBe('until 31 March 2027');
    expect(describeEnd('FREQ=WEEKLY')).toBeUndefined();
    expect(
      describeSchedule({
        startsAt: '2027-01-05T10:00:00',
        durationMinutes: 90,
        timezone: 'Europe/London',
        rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10',
      }),
    ).toEqual({
      when: 'Every Tuesday',
      detail: '10:00 to 11:30 (1 hour 30 minutes), from Tuesday 5 January 2027, 10 sessions',
    });
    expect(
      describeSchedule({
        startsAt: '2027-06-01T18:30:00',
        durationMinutes: 45,
        timezone: 'Europe/London',
        rrule: null,
      }),
    ).toEqual({ when: 'Once, on Tuesday 1 June 2027', detail: '18:30 to 19:15 (45 minutes)' });
  });
});
