import { gridSchedules, openingTimes, ruleInWords, splitSchedules, timesInWords } from './opening-times';

describe('opening times in plain English', () => {
  it('puts plain weekly hours one line a day, Monday first, several openings a day in order', () => {
    expect(
      openingTimes([
        { freq: 'WEEKLY', byday: 'SA', opensAt: '10:00', closesAt: '12:00' },
        { freq: 'WEEKLY', byday: 'MO,WE', opensAt: '13:30', closesAt: '17:00' },
        { freq: 'WEEKLY', byday: 'MO', opensAt: '09:00', closesAt: '12:00' },
      ]),
    ).toEqual([
      { when: 'Monday', times: '09:00 to 12:00, 13:30 to 17:00' },
      { when: 'Wednesday', times: '13:30 to 17:00' },
      { when: 'Saturday', times: '10:00 to 12:00' },
    ]);
  });

  it('says every other rule in words, with its dates and its own note, on the 24-hour clock', () => {
    expect(
      openingTimes([
        { freq: 'MONTHLY', byday: '1TU,3TU', opensAt: '18:00', closesAt: '20:00' },
        { freq: 'MONTHLY', byday: '-1FR', opensAt: '14:00' },
        { freq: 'WEEKLY', interval: 2, byday: 'TH', closesAt: '16:00' },
        { freq: 'MONTHLY', bymonthday: '1,15,-1' },
        {
          freq: 'WEEKLY',
          byday: 'SU',
          opensAt: '11:00',
          closesAt: '13:00',
          validFrom: '2027-04-01',
          validTo: '2027-09-30',
          description: 'Summer walks',
        },
      ]),
    ).toEqual([
      { when: 'First and third Tuesday of every month', times: '18:00 to 20:00' },
      { when: 'Last Friday of every month', times: 'from 14:00' },
      { when: 'Every 2 weeks on Thursday', times: 'until 16:00' },
      { when: 'On the 1st, 15th and last day of every month', times: 'Times not given' },
      {
        when: 'Every Sunday, from 1 April 2027, until 30 September 2027',
        times: '11:00 to 13:00',
        note: 'Summer walks',
      },
    ]);
    expect(ruleInWords({ freq: 'WEEKLY' })).toBe('Every week');
    expect(ruleInWords({ freq: 'MONTHLY', interval: 3 })).toBe('Every 3 months');
    expect(timesInWords(undefined, undefined)).toBe('');
  });

  it('puts what the week grid can hold on it, keeps the rest beside it, and gives the grid back as schedules', () => {
    const schedules = [
      { freq: 'WEEKLY', byday: 'MO,TU', opensAt: '09:00', closesAt: '17:00' },
      { freq: 'WEEKLY', byday: 'MO', opensAt: '18:00', closesAt: '20:00' },
      { freq: 'MONTHLY', byday: '1SA', opensAt: '10:00', closesAt: '12:00' },
      { freq: 'WEEKLY', byday: 'FR', opensAt: '09:00', closesAt: '17:00' },
    ];
    const { grid, others } = splitSchedules(schedules);
    expect(grid.MO).toEqual({ opens: '09:00', closes: '17:00' });
    expect(grid.WE).toEqual({ opens: '', closes: '' });
    expect(others.map((o) => [o.index, o.words])).toEqual([
      [1, 'Every Monday: 18:00 to 20:00'],
      [2, 'First Saturday of every month: 10:00 to 12:00'],
    ]);
    expect(gridSchedules(grid)).toEqual([
      { freq: 'WEEKLY', byday: 'MO,TU,FR', opensAt: '09:00', closesAt: '17:00' },
    ]);
  });
});
