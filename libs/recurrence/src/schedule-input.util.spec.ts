import { checkScheduleInput, ScheduleInputError } from './schedule-input.util';

const NOW = new Date('2026-06-01T12:00:00Z');
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof ScheduleInputError) return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error('not refused');
};

describe('checkScheduleInput', () => {
  it('normalises the rule and the start, and takes Europe/London when no zone is given', () => {
    expect(
      checkScheduleInput(
        { startsAt: '2026-06-02T10:00', durationMinutes: 90, rrule: 'rrule:freq=weekly;byday=tu' },
        NOW,
      ),
    ).toEqual({
      startsAt: '2026-06-02T10:00:00',
      durationMinutes: 90,
      timezone: 'Europe/London',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
    });
  });

  it('keeps a one-off as one (no rule)', () => {
    expect(
      checkScheduleInput(
        { startsAt: '2026-06-02T10:00:00', durationMinutes: 60, timezone: 'America/New_York' },
        NOW,
      ),
    ).toMatchObject({ timezone: 'America/New_York', rrule: null });
  });

  it('names the rule when it is invalid, with the reason normaliseRrule gives', () => {
    expect(
      refusal(() =>
        checkScheduleInput({ startsAt: '2026-06-02T10:00', durationMinutes: 60, rrule: 'FREQ=FOO' }, NOW),
      ),
    ).toEqual({ field: 'rrule', message: 'FREQ=FOO is not valid' });
  });

  it('refuses a start inside a clocks-forward gap', () => {
    expect(
      refusal(() => checkScheduleInput({ startsAt: '2027-03-28T01:30', durationMinutes: 60 }, NOW)),
    ).toEqual({
      field: 'startsAt',
      message: 'does not exist in Europe/London (the clocks go forward then)',
    });
  });

  it('refuses a start more than a year ago, unless the change keeps the stored first date', () => {
    const old = { startsAt: '2025-05-01T10:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY' };
    expect(refusal(() => checkScheduleInput(old, NOW))).toEqual({
      field: 'startsAt',
      message: 'can be at most a year in the past',
    });
    expect(refusal(() => checkScheduleInput(old, NOW, '2025-04-24T10:00:00'))).toMatchObject({
      field: 'startsAt',
    });
    expect(checkScheduleInput(old, NOW, '2025-05-01T09:00:00').startsAt).toBe('2025-05-01T10:00:00');
  });
});
