import { placePlan } from './listing-plan';

const place = (over: Record<string, unknown>) =>
  placePlan({
    name: 'St Mary’s hall',
    address: null,
    postcode: null,
    latitude: null,
    longitude: null,
    onlineUrl: null,
    ...over,
  });

describe('an activity’s place in HSDS terms', () => {
  it('takes the last part of the address as the town, and tidies the postcode', () => {
    expect(place({ address: '12 Church St, Headingley, Leeds', postcode: 'ls62ab' })).toEqual({
      location_type: 'physical',
      name: 'St Mary’s hall',
      latitude: null,
      longitude: null,
      address: { address_1: '12 Church St, Headingley', city: 'Leeds', postal_code: 'LS6 2AB' },
    });
    expect(place({ address: '12 Church St', postcode: 'LS6 2AB' }).address).toEqual({
      address_1: '12 Church St',
      city: '',
      postal_code: 'LS6 2AB',
    });
  });

  it('gives no address without a postcode, and an online-only activity a virtual place', () => {
    expect(place({ address: '12 Church St, Leeds', latitude: 53.8, longitude: -1.5 })).toMatchObject({
      location_type: 'physical',
      latitude: 53.8,
      address: null,
    });
    expect(place({ name: 'Zoom', onlineUrl: 'https://example.org/meet' })).toMatchObject({
      location_type: 'virtual',
      address: null,
    });
  });
});
