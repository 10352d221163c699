import type { ListingView } from '@hearth/contracts';
import { emptyListingForm, listingFromForm, valuesOf } from './listing-form';
import { changesOf, shapeOfListing } from './listing-shape';

const DEBT = '866b68c7-f907-4b10-8573-532dd84ffa5b';
const FOOD = '88030165-3f75-4e3e-9577-92e1e5d27e57';
const choices = { terms: [DEBT, FOOD], organisations: ['0b8f7c3e-4a1d-4c8e-9f00-000000000001'] };

const listing = (): ListingView => ({
  id: 'l1',
  regionId: 'r1',
  name: 'Kiln debt advice',
  description: 'Free help with debt.',
  url: null,
  email: null,
  status: 'active',
  fees: 'Free',
  minimumAge: 18,
  maximumAge: null,
  alert: null,
  assuredDate: null,
  assurerEmail: null,
  organization: { id: 'o1', name: 'Kiln Trust', description: null, email: null, website: null },
  location: {
    id: 'loc1',
    address1: '1 Kiln Street',
    city: 'Leeds',
    postcode: 'LS1 4AQ',
    latitude: 53.79729,
    longitude: -1.55489,
    description: 'Round the back',
  },
  schedules: [
    { id: 's1', freq: 'WEEKLY', byday: 'MO,WE', opensAt: '09:00', closesAt: '17:00' },
    { id: 's2', freq: 'MONTHLY', byday: '1SA', opensAt: '10:00', closesAt: '12:00' },
  ],
  contact: { id: 'c1', title: 'Advisers', phone: '0113 496 0000' },
  taxonomyTerms: [{ id: DEBT, name: 'Debt and money' }],
  languages: ['en', 'ti'],
  source: 'curated',
  sourceId: null,
  createdAt: '2027-01-01T00:00:00.000Z',
  lastModified: '2027-01-01T00:00:00.000Z',
});

describe('the listing form', () => {
  it('changes nothing when a listing is saved as it was shown, keeping what the form does not show', () => {
    const base = shapeOfListing(listing());
    const values = valuesOf(base);
    expect(values.otherLanguages).toBe('ti');
    expect(values.keep).toEqual(['1']);
    const { shape, errors } = listingFromForm(values, { organisation: false, status: true }, choices, base);
    expect(errors.ok).toBe(true);
    expect(changesOf(shape!, base)).toEqual({});
  });

  it('sends only what changed: an emptied field as null, a moved place without its old map point', () => {
    const base = shapeOfListing(listing());
    const values = {
      ...valuesOf(base),
      fees: '',
      postcode: 'ls3 1aa',
      terms: [DEBT, FOOD],
      keep: [],
      times: { ...valuesOf(base).times, FR: { opens: '9.30', closes: '1200' } },
    };
    const { shape } = listingFromForm(values, { organisation: false, status: true }, choices, base);
    expect(changesOf(shape!, base)).toEqual({
      fees: null,
      taxonomyTermIds: [DEBT, FOOD],
      location: {
        address1: '1 Kiln Street',
        city: 'Leeds',
        postcode: 'LS3 1AA',
        description: 'Round the back',
      },
      schedules: [
        { freq: 'WEEKLY', byday: 'MO,WE', opensAt: '09:00', closesAt: '17:00' },
        { freq: 'WEEKLY', byday: 'FR', opensAt: '09:30', closesAt: '12:00' },
      ],
    });
  });

  it('says what is wrong, field by field', () => {
    const values = {
      ...emptyListingForm(),
      city: 'Leeds',
      postcode: 'NOPE',
      phone: 'call us',
      minimumAge: '30',
      maximumAge: '18',
      otherLanguages: 'Tigrinya',
      times: {
        ...emptyListingForm().times,
        TU: { opens: '10:00', closes: '09:00' },
        TH: { opens: '25:00', closes: '' },
      },
    };
    const { shape, errors } = listingFromForm(values, { organisation: true, status: false }, choices);
    expect(shape).toBeUndefined();
    expect(errors.view().summary.map((e) => `${e.href} ${e.text}`)).toEqual([
      '#name Enter the name of the service',
      '#organizationName Enter the name of the organisation that runs it, or select one from the list',
      '#closes-TU The closing time on Tuesday must be after it opens',
      '#opens-TH Enter the time it opens on Thursday as hours and minutes, like 09:30',
      '#closes-TH Enter the time it closes on Thursday',
      '#address1 Enter the first line of the address',
      '#postcode Enter a real postcode, like LS1 4AP',
      '#phone Enter a phone number, like 0113 496 0000 or +44 113 496 0000',
      '#maximumAge Oldest age must be the same as or more than the youngest age',
      '#languages Enter other languages as their codes, like ro or ti, separated by commas',
    ]);
  });
});
