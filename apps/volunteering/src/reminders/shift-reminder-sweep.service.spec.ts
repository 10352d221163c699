import { scheduledOccurrence } from './shift-reminder-sweep.service';
import type { ReminderOccurrenceRow } from './shift-reminders.repository';

const ROW: ReminderOccurrenceRow = {
  id: '01900000-0000-7000-8000-000000000001',
  shift_id: '01900000-0000-7000-8000-000000000002',
  starts_at: new Date('2027-01-12T10:00:00Z'),
  title: 'Garden helper',
  starts_at_local: '2027-01-05T10:00:00',
  duration_minutes: 90,
  timezone: 'Europe/London',
  rrule: 'FREQ=WEEKLY',
  place: null,
  status: 'scheduled',
};

describe('the occurrence a shift reminder tells (ADR 0081)', () => {
  it('is the schedule’s occurrence at that start, with its end', () => {
    expect(scheduledOccurrence(ROW)).toEqual({
      startsAt: new Date('2027-01-12T10:00:00Z'),
      endsAt: new Date('2027-01-12T11:30:00Z'),
    });
  });

  it('is none when the shift’s times changed and the start is no longer on its schedule', () => {
    expect(scheduledOccurrence({ ...ROW, starts_at_local: '2027-01-05T11:00:00' })).toBeNull();
    expect(scheduledOccurrence({ ...ROW, rrule: null })).toBeNull();
  });
});
