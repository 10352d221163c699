import { partialSchedule, place, withAddresses, type ActivityFacts } from './openactive-model.util';

const activity = (rrule: string | null, startsAtLocal = '2027-01-05T23:30:00'): ActivityFacts => ({
  id: 'a1',
  title: 'Walk',
  category: 'walking',
  description: null,
  location: null,
  locationOnRequest: false,
  durationMinutes: 90,
  capacity: null,
  startsAtLocal,
  timezone: 'Europe/London',
  rrule,
});

const location = {
  name: 'Park gates',
  address: '12 Woodhouse Lane, Hyde Park, Leeds',
  postcode: 'LS6 2AB',
  latitude: 53.8,
  longitude: -1.56,
  onlineUrl: null,
};

describe('OpenActive items', () => {
  it('says how often a schedule repeats, its weekdays and its times of day (past midnight too)', () => {
    expect(partialSchedule(activity('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH'))).toEqual({
      '@type': 'PartialSchedule',
      repeatFrequency: 'P2W',
      byDay: ['https://schema.org/Tuesday', 'https://schema.org/Thursday'],
      startTime: '23:30',
      endTime: '01:00',
      scheduleTimezone: 'Europe/London',
    });
    expect(partialSchedule(activity('FREQ=DAILY'))).toMatchObject({ repeatFrequency: 'P1D' });
    expect(partialSchedule(activity('FREQ=MONTHLY;BYDAY=1MO'))).not.toHaveProperty('byDay');
    expect(partialSchedule(activity(null, '2027-03-02T10:00:00'))).toEqual({
      '@type': 'PartialSchedule',
      startDate: '2027-03-02',
      startTime: '10:00',
      endTime: '11:30',
      scheduleTimezone: 'Europe/London',
    });
  });

  it('gives the place with its address and point, only the district on request, nothing for online only', () => {
    expect(place(location, false)).toEqual({
      '@type': 'Place',
      name: 'Park gates',
      address: {
        '@type': 'PostalAddress',
        streetAddress: '12 Woodhouse Lane, Hyde Park',
        addressLocality: 'Leeds',
        postalCode: 'LS6 2AB',
        addressCountry: 'GB',
      },
      geo: { '@type': 'GeoCoordinates', latitude: 53.8, longitude: -1.56 },
    });
    const onRequest = place(location, true);
    expect(onRequest).toMatchObject({ name: 'Location on request (LS6)', address: 'LS6' });
    expect(JSON.stringify(onRequest)).not.toMatch(/Woodhouse|2AB|53\.8/);
    const online = { ...location, address: null, postcode: null, latitude: null, longitude: null };
    expect(place({ ...online, onlineUrl: 'https://meet.example.org/walk' }, false)).toBeNull();
  });

  it('completes the addresses where the feed is read', () => {
    const at = {
      origin: 'https://hearth.example',
      base: 'https://hearth.example/f',
      regionName: 'North East',
    };
    expect(withAddresses('ScheduledSession', 's1', { '@context': 'c', superEvent: 'a1' }, at)).toEqual({
      '@context': 'c',
      '@id': 'https://hearth.example/f/scheduled-sessions/s1',
      superEvent: 'https://hearth.example/f/session-series/a1',
    });
    const series = withAddresses(
      'SessionSeries',
      'a1',
      {
        '@context': 'c',
        url: '/leros/x',
        organizer: { '@id': '/leros/x', url: '/leros/x' },
        location: { address: { postalCode: 'LS6 2AB' } },
        offers: [{ identifier: 'free' }],
      },
      at,
    );
    expect(series).toMatchObject({
      '@id': 'https://hearth.example/f/session-series/a1',
      url: 'https://hearth.example/leros/x',
      organizer: { '@id': 'https://hearth.example/leros/x' },
      location: { address: { postalCode: 'LS6 2AB', addressRegion: 'North East' } },
      offers: [{ '@id': 'https://hearth.example/f/session-series/a1#offer-free' }],
    });
  });
});
