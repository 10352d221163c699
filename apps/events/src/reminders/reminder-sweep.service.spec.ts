import { reminderPlace } from './reminder-sweep.service';

describe('the place a reminder tells (ADR 0081)', () => {
  const location = { name: 'Hall', address: '1 High St', postcode: 'LS1 1AA', onlineUrl: null };

  it('joins what is known of the location', () => {
    expect(reminderPlace({ location, location_on_request: false })).toBe('Hall, 1 High St, LS1 1AA');
    expect(
      reminderPlace({
        location: { name: 'Online', onlineUrl: 'https://meet.example/x' },
        location_on_request: false,
      }),
    ).toBe('Online, https://meet.example/x');
  });

  it('tells nothing when the location is on request or unknown', () => {
    expect(reminderPlace({ location, location_on_request: true })).toBeNull();
    expect(reminderPlace({ location: null, location_on_request: false })).toBeNull();
  });
});
