import type { ShiftView } from '@hearth/contracts';
import { FormErrors } from '../http/form.util';
import { formFromShift, movesTimes, shiftChanges } from './shift-edit';

const shift = (over: Partial<ShiftView> = {}): ShiftView => ({
  id: 's1',
  roleId: 'r1',
  startsAt: '2027-01-05T10:00:00',
  endsAt: '2027-01-05T12:00:00',
  durationMinutes: 120,
  timezone: 'Europe/London',
  rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10',
  place: 'Park gates',
  capacity: 2,
  sessionId: null,
  status: 'scheduled',
  cancelReason: null,
  next: [],
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...over,
});

describe('changing a shift', () => {
  it('fills the form in with the shift as it is, the picker’s answers read back from its rule', () => {
    const form = formFromShift(shift());
    expect(form.values).toMatchObject({
      startDate: { day: '5', month: '1', year: '2027' },
      startTime: '10:00',
      duration: '120',
      repeat: 'weekly',
      weeklyDays: ['TU'],
      end: 'count',
      endCount: '10',
      place: 'Park gates',
      capacity: '2',
    });
    expect(form.customRule).toBe(false);
    expect(form.keptDuration).toBeUndefined();
    expect(formFromShift(shift({ rrule: null })).values.repeat).toBe('once');
  });

  it('sends only what changed: nothing, a cleared place as null, a new time with its rule untouched', () => {
    const before = formFromShift(shift());
    expect(shiftChanges(before, before.values, new FormErrors())).toEqual({});
    const changes = shiftChanges(before, { ...before.values, place: '', capacity: '3' }, new FormErrors())!;
    expect(changes).toEqual({ place: null, capacity: 3 });
    expect(movesTimes(changes)).toBe(false);
    const later = shiftChanges(before, { ...before.values, startTime: '11:00' }, new FormErrors())!;
    expect(later).toEqual({ startsAt: '2027-01-05T11:00' });
    expect(movesTimes(later)).toBe(true);
    expect(shiftChanges(before, { ...before.values, repeat: 'once' }, new FormErrors())).toEqual({
      rrule: null,
    });
  });

  it('keeps a rule the picker cannot show, and a length none of its choices, unless they are changed', () => {
    const before = formFromShift(shift({ rrule: 'FREQ=DAILY;INTERVAL=2', durationMinutes: 95 }));
    expect(before.customRule).toBe(true);
    expect(before.keptDuration).toBe(95);
    expect(shiftChanges(before, { ...before.values, capacity: '4' }, new FormErrors())).toEqual({
      capacity: 4,
    });
  });

  it('leaves errors on the form and sends nothing', () => {
    const before = formFromShift(shift());
    const errors = new FormErrors();
    expect(
      shiftChanges(before, { ...before.values, capacity: '0', startTime: 'noon' }, errors),
    ).toBeUndefined();
    expect(errors.has('capacity')).toBe(true);
    expect(errors.has('startTime')).toBe(true);
  });
});
