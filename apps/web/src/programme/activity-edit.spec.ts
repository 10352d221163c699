import type { ActivityView } from '@hearth/contracts';
import { FormErrors } from '../http/form.util';
import { activityChanges, formFromActivity } from './activity-edit';

const activity = (over: Partial<ActivityView> = {}): ActivityView => ({
  id: 'a1',
  title: 'Tuesday walk',
  category: 'walking',
  description: null,
  location: {
    name: 'Leazes Park gates',
    address: null,
    postcode: 'NE1 4PF',
    latitude: null,
    longitude: null,
    onlineUrl: null,
  },
  visibility: 'public',
  capacity: 12,
  schedule: {
    startsAt: '2027-01-05T10:00:00',
    durationMinutes: 90,
    timezone: 'Europe/London',
    rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10',
  },
  status: 'active',
  publishToDirectory: true,
  locationOnRequest: false,
  statusChangedAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...over,
});

describe('changing an activity', () => {
  it('fills the form in with the activity as it is, the picker’s answers read back from its rule', () => {
    expect(formFromActivity(activity()).values).toMatchObject({
      title: 'Tuesday walk',
      startDate: { day: '5', month: '1', year: '2027' },
      startTime: '10:00',
      duration: '90',
      repeat: 'weekly',
      weeklyInterval: '1',
      weeklyDays: ['TU'],
      end: 'count',
      endCount: '10',
      locationName: 'Leazes Park gates',
      postcode: 'NE1 4PF',
      capacity: '12',
    });
    const monthly = formFromActivity(
      activity({
        schedule: {
          startsAt: '2027-01-02T14:00:00',
          durationMinutes: 75,
          timezone: 'Europe/London',
          rrule: 'FREQ=MONTHLY;BYDAY=-1SA;UNTIL=20270630',
        },
      }),
    );
    expect(monthly.values).toMatchObject({
      repeat: 'monthly',
      monthlyPosition: '-1',
      monthlyDay: 'SA',
      end: 'until',
      endDate: { day: '30', month: '6', year: '2027' },
      duration: '75',
    });
    expect(monthly.context).toEqual({ timezone: 'Europe/London', duration: 75 });
    expect(
      formFromActivity(activity({ schedule: { ...activity().schedule, rrule: null } })).values.repeat,
    ).toBe('once');
    expect(
      formFromActivity(activity({ schedule: { ...activity().schedule, rrule: 'FREQ=DAILY;INTERVAL=3' } }))
        .customRule,
    ).toBe(true);
  });

  it('sends only what changed: nothing for the form as it was, a cleared field as null', () => {
    const before = formFromActivity(activity());
    expect(activityChanges(before, before.values, new FormErrors())).toEqual({});
    expect(
      activityChanges(
        before,
        { ...before.values, capacity: '', locationName: 'Church hall' },
        new FormErrors(),
      ),
    ).toEqual({
      location: { name: 'Church hall', postcode: 'NE1 4PF' },
      capacity: null,
    });
  });

  it('sends the schedule when the time changes, 14:20 as 14:20, keeping the first date and the rule', () => {
    const before = formFromActivity(activity());
    expect(activityChanges(before, { ...before.values, startTime: '14:20' }, new FormErrors())).toEqual({
      schedule: {
        startsAt: '2027-01-05T14:20',
        durationMinutes: 90,
        timezone: 'Europe/London',
        rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10',
      },
    });
  });

  it('sends the directory’s choices when they changed, and whether it is listed only when the form asked', () => {
    const before = formFromActivity(activity());
    expect(before.values).toMatchObject({ publishToDirectory: 'yes', locationOnRequest: '' });
    const unticked = { ...before.values, publishToDirectory: '', locationOnRequest: 'yes' };
    // The LERO does not publish: the form did not ask, so the activity keeps whether it is listed.
    expect(activityChanges(before, unticked, new FormErrors())).toEqual({ locationOnRequest: true });
    expect(activityChanges(before, { ...unticked, directoryAsked: 'yes' }, new FormErrors())).toEqual({
      publishToDirectory: false,
      locationOnRequest: true,
    });
    expect(activityChanges(before, { ...before.values, directoryAsked: 'yes' }, new FormErrors())).toEqual(
      {},
    );
  });

  it('keeps a rule the picker cannot show unless "When it happens" is changed', () => {
    const custom = formFromActivity(
      activity({ schedule: { ...activity().schedule, rrule: 'FREQ=DAILY;INTERVAL=3' } }),
    );
    expect(activityChanges(custom, { ...custom.values, title: 'Walk' }, new FormErrors())).toEqual({
      title: 'Walk',
    });
  });

  it('reads a place called Online with a link as the link alone, and refuses a form with errors', () => {
    const online = formFromActivity(
      activity({
        location: {
          name: 'Online',
          address: null,
          postcode: null,
          latitude: null,
          longitude: null,
          onlineUrl: 'https://meet.example.org/x',
        },
      }),
    );
    expect(online.values.locationName).toBe('');
    expect(activityChanges(online, online.values, new FormErrors())).toEqual({});
    const errors = new FormErrors();
    expect(activityChanges(online, { ...online.values, startTime: '2:20 PM' }, errors)).toBeUndefined();
    expect(errors.has('startTime')).toBe(true);
  });
});
