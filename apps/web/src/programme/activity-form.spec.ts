import { FormErrors } from '../http/form.util';
import { activityRequest, emptyActivityForm, parseTime, type ActivityFormValues } from './activity-form';

const form = (over: Partial<ActivityFormValues> = {}): ActivityFormValues => ({
  ...emptyActivityForm(),
  title: 'Walking group',
  category: 'walking',
  startDate: { day: '5', month: '1', year: '2027' },
  startTime: '10:00',
  ...over,
});

describe('the activity form', () => {
  it('builds the API request: wall-clock start in London, the picker’s RRULE, the place', () => {
    const errors = new FormErrors();
    expect(
      activityRequest(
        form({
          locationName: 'Leazes Park gates',
          postcode: 'NE1 4PF',
          capacity: '12',
          end: 'count',
          endCount: '10',
        }),
        errors,
      ),
    ).toEqual({
      title: 'Walking group',
      category: 'walking',
      location: { name: 'Leazes Park gates', postcode: 'NE1 4PF' },
      visibility: 'public',
      capacity: 12,
      schedule: {
        startsAt: '2027-01-05T10:00',
        durationMinutes: 90,
        timezone: 'Europe/London',
        rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10',
      },
      // Its address is given as usual; whether it is listed is not asked (the LERO does not publish).
      locationOnRequest: false,
    });
    expect(errors.ok).toBe(true);
  });

  it('calls an online-only place "Online"', () => {
    expect(
      activityRequest(form({ onlineUrl: 'https://meet.example.org/x' }), new FormErrors())?.location,
    ).toEqual({
      name: 'Online',
      onlineUrl: 'https://meet.example.org/x',
    });
  });

  it('names every field that is wrong, in the page’s words', () => {
    const errors = new FormErrors();
    expect(
      activityRequest(
        form({
          title: '',
          startTime: '25:00',
          capacity: '0',
          onlineUrl: 'javascript:alert(1)',
          address: 'Somewhere',
        }),
        errors,
      ),
    ).toBeUndefined();
    expect(errors.view().summary.map((e) => e.href)).toEqual([
      '#title',
      '#startTime',
      '#locationName',
      '#onlineUrl',
      '#capacity',
    ]);
  });

  it.each([
    ['10:00', '10:00'],
    ['9.30', '09:30'],
    ['18:05', '18:05'],
    ['14:20', '14:20'],
    ['1420', '14:20'],
    ['930', '09:30'],
    ['14h20', '14:20'],
    ['24:00', undefined],
    ['10', undefined],
    ['2:20 PM', undefined],
  ])('reads the time %s as %s', (typed, time) => expect(parseTime(typed)).toBe(time));
});
