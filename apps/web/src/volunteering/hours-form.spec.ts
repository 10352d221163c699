import type { HoursEntryView } from '@hearth/contracts';
import { FormErrors } from '../http/form.util';
import { durationValuesOf, entryCard, logRequest, readDuration, totalsView } from './hours-form';

const minutesOf = (hours: string, minutes: string) => {
  const errors = new FormErrors();
  const total = readDuration({ hours, minutes }, errors);
  return { total, errors: errors.view().summary.map((e) => `${e.href} ${e.text}`) };
};

describe('hours forms', () => {
  it('reads hours and minutes, either box empty meaning none, up to a day', () => {
    expect(minutesOf('2', '30').total).toBe(150);
    expect(minutesOf('', '45').total).toBe(45);
    expect(minutesOf('3', '').total).toBe(180);
    expect(minutesOf('24', '0').total).toBe(1440);
    expect(durationValuesOf(150)).toEqual({ hours: '2', minutes: '30' });
  });

  it('names the box that is wrong', () => {
    expect(minutesOf('', '').errors).toEqual(['#hours Enter how long, in hours and minutes']);
    expect(minutesOf('0', '0').errors).toEqual(['#hours Enter how long, in hours and minutes']);
    expect(minutesOf('1.5', '').errors).toEqual(['#hours Hours must be a whole number, like 2']);
    expect(minutesOf('1', '60').errors).toEqual(['#minutes Minutes must be a whole number from 0 to 59']);
    expect(minutesOf('-1', 'x').errors).toHaveLength(2);
    expect(minutesOf('24', '1').errors).toEqual([
      '#hours One entry can be at most 24 hours: log each day on its own',
    ]);
  });

  it('makes the API’s request, a day not after today (London) and no empty description', () => {
    const now = new Date('2027-01-05T23:30:00Z'); // 23:30 in London: still the 5th
    const v = {
      date: { day: '5', month: '1', year: '2027' },
      hours: '1',
      minutes: '15',
      roleId: 'r1',
      description: '',
    };
    expect(logRequest(v, 'm1', new FormErrors(), now)).toEqual({
      memberId: 'm1',
      roleId: 'r1',
      date: '2027-01-05',
      minutes: 75,
    });
    const errors = new FormErrors();
    expect(
      logRequest(
        { ...v, date: { day: '6', month: '1', year: '2027' }, roleId: '', description: 'x'.repeat(201) },
        'm1',
        errors,
        now,
      ),
    ).toBeUndefined();
    expect(errors.view().summary.map((e) => e.href)).toEqual(['#date', '#roleId', '#description']);
  });

  it('shows what counts when a coordinator changed it, and a decline’s reason only when declined', () => {
    const entry: HoursEntryView = {
      id: 'e1',
      memberId: 'm1',
      roleId: 'r1',
      date: '2027-01-05',
      minutes: 90,
      approvedMinutes: 60,
      status: 'approved',
      source: 'logged',
      shiftId: null,
      description: null,
      declineReason: 'stale',
      decidedBy: null,
      decidedAt: null,
      createdAt: '',
      updatedAt: '',
      version: 2,
    };
    const card = entryCard(entry, new Map([['r1', 'Café host']]), 'Val');
    expect(card).toMatchObject({
      name: 'Val',
      role: 'Café host',
      day: 'Tuesday 5 January 2027',
      duration: '1 hour 30 minutes',
      adjusted: '1 hour',
      declineReason: null,
      tag: { text: 'Approved' },
    });
    expect(entryCard({ ...entry, approvedMinutes: 90 }, new Map()).adjusted).toBeUndefined();
    expect(entryCard({ ...entry, approvedMinutes: 90 }, new Map()).name).toBe('A volunteer');
  });

  it('totals all time, this year and by role, none as 0 hours', () => {
    const rows = totalsView({
      memberId: 'm1',
      year: 2027,
      allTimeMinutes: 150,
      thisYearMinutes: 0,
      byRole: [{ roleId: 'r1', title: 'Café host', allTimeMinutes: 150, thisYearMinutes: 0 }],
    }).rows.map((r) => `${r.key.text}: ${r.value.text}`);
    expect(rows).toEqual([
      'All time: 2 hours 30 minutes',
      'This year (2027): 0 hours',
      'Café host: 2 hours 30 minutes (0 hours this year)',
    ]);
  });
});
