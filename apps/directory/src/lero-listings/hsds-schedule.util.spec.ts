import { hsdsSchedule } from './hsds-schedule.util';

const at = (rrule: string | null, startsAt = '2027-01-05T10:00:00', durationMinutes = 90) =>
  hsdsSchedule({ startsAt, durationMinutes, timezone: 'Europe/London', rrule });

describe('an activity’s schedule in HSDS terms', () => {
  it('says a weekly group as WEEKLY on its day, from its first date, with its times', () => {
    expect(at('FREQ=WEEKLY;BYDAY=TU')).toEqual({
      dtstart: '2027-01-05',
      valid_from: '2027-01-05',
      valid_to: null,
      freq: 'WEEKLY',
      interval: 1,
      byday: 'TU',
      bymonthday: null,
      opens_at: '10:00',
      closes_at: '11:30',
      timezone: 'Europe/London',
      description: 'Every week on Tuesday, 10:00 to 11:30.',
    });
  });

  it('takes the day of the first session when the rule names none, and keeps a fortnight’s interval', () => {
    expect(at('FREQ=WEEKLY;INTERVAL=2')).toMatchObject({ freq: 'WEEKLY', interval: 2, byday: 'TU' });
  });

  it('ends on UNTIL’s date, or on the date of the last of COUNT sessions', () => {
    expect(at('FREQ=WEEKLY;BYDAY=TU;UNTIL=20270223')).toMatchObject({ valid_to: '2027-02-23' });
    expect(at('FREQ=WEEKLY;BYDAY=TU;COUNT=3')).toMatchObject({ valid_to: '2027-01-19' });
    // A UTC UNTIL late in the evening is the next day in London in summer.
    expect(at('FREQ=WEEKLY;UNTIL=20270630T233000Z', '2027-06-01T10:00:00')).toMatchObject({
      valid_to: '2027-07-01',
    });
  });

  it('says monthly rules with numbered days or days of the month, and BYSETPOS of one day as a numbered day', () => {
    expect(at('FREQ=MONTHLY;BYDAY=1SA')).toMatchObject({ freq: 'MONTHLY', byday: '1SA', bymonthday: null });
    expect(at('FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1')).toMatchObject({ freq: 'MONTHLY', byday: '-1FR' });
    expect(at('FREQ=MONTHLY;BYMONTHDAY=15')).toMatchObject({ freq: 'MONTHLY', bymonthday: '15' });
    expect(at('FREQ=MONTHLY')).toMatchObject({ freq: 'MONTHLY', byday: null, bymonthday: '5' });
  });

  it('says DAILY as every day of the week, and YEARLY as every twelve months', () => {
    expect(at('FREQ=DAILY')).toMatchObject({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU' });
    expect(at('FREQ=DAILY;BYDAY=MO,WE')).toMatchObject({ freq: 'WEEKLY', byday: 'MO,WE' });
    expect(at('FREQ=YEARLY')).toMatchObject({ freq: 'MONTHLY', interval: 12, bymonthday: '5' });
  });

  it('leaves a rule HSDS cannot say to the description alone', () => {
    for (const rule of [
      'FREQ=DAILY;INTERVAL=3',
      'FREQ=WEEKLY;BYMONTH=6,7',
      'FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1',
    ]) {
      const s = at(rule);
      expect([s.freq, s.interval, s.byday, s.bymonthday]).toEqual([null, null, null, null]);
      expect(s.description).toMatch(/, 10:00 to 11:30\.$/);
    }
  });

  it('says a one-off as its date, and a session past midnight closes the next morning', () => {
    expect(at(null, '2027-01-05T23:00:00', 120)).toMatchObject({
      freq: null,
      valid_from: '2027-01-05',
      valid_to: '2027-01-05',
      opens_at: '23:00',
      closes_at: '01:00',
      description: 'On Tuesday 5 January 2027, 23:00 to 01:00.',
    });
  });

  it('says any rule the events service accepts, in words at least', () => {
    for (const rule of [
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3',
      'FREQ=MONTHLY;BYDAY=-1SU;BYSETPOS=1',
      'FREQ=WEEKLY;WKST=SU;BYDAY=SU,MO;INTERVAL=3',
      'FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5',
      'FREQ=YEARLY;BYDAY=20MO',
      'FREQ=DAILY;UNTIL=20270110T100000',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=1000',
    ])
      expect(at(rule).description).toMatch(/^\S.*, 10:00 to 11:30\.$/);
  });
});
