import { mapService, type MappedService } from './hsds-record.mapper';
import { GONE, previewOf, suggestionStep, sweepStep } from './import-suggestion.rules';

const SUGGESTION = '01900000-0000-7000-8000-0000000000c1';
const LISTING = '01900000-0000-7000-8000-0000000000d1';

describe('what a record of a feed becomes in the curators’ queue', () => {
  it('suggests a record no listing has as new, and a defunct one not at all', () => {
    expect(suggestionStep('A', 'active', {})).toEqual({ action: 'suggest', kind: 'new', listingId: null });
    expect(suggestionStep('A', 'inactive', {})).toMatchObject({ action: 'suggest', kind: 'new' });
    expect(suggestionStep('A', 'retired', {})).toEqual({ action: 'keep' });
  });

  it('never adds a second pending suggestion: keeps it when the record is the same, else updates it in place', () => {
    const pending = { id: SUGGESTION, digest: 'A' };
    expect(suggestionStep('A', 'active', { pending })).toEqual({ action: 'keep' });
    expect(suggestionStep('B', 'active', { pending })).toEqual({
      action: 'update',
      suggestionId: SUGGESTION,
      listingId: null,
    });
    // A listing made meanwhile (an import into listings) turns it into a change of that listing.
    expect(
      suggestionStep('B', 'active', { pending, listing: { id: LISTING, status: 'active', digest: 'A' } }),
    ).toEqual({ action: 'update', suggestionId: SUGGESTION, listingId: LISTING });
  });

  it('withdraws a pending suggestion when the listing already has the record as it is now', () => {
    const state = {
      pending: { id: SUGGESTION, digest: GONE },
      listing: { id: LISTING, status: 'active', digest: 'A' },
    };
    expect(suggestionStep('A', 'active', state)).toEqual({ action: 'withdraw', suggestionId: SUGGESTION });
    expect(suggestionStep('B', 'active', state)).toMatchObject({ action: 'update', listingId: LISTING });
  });

  it('suggests nothing for a listing that has the record, or that a curator retired; else a change of it', () => {
    const listing = { id: LISTING, status: 'active', digest: 'A' };
    expect(suggestionStep('A', 'active', { listing })).toEqual({ action: 'keep' });
    expect(suggestionStep('B', 'active', { listing })).toEqual({
      action: 'suggest',
      kind: 'change',
      listingId: LISTING,
    });
    expect(suggestionStep('B', 'active', { listing: { ...listing, status: 'retired' } })).toEqual({
      action: 'keep',
    });
    // A listing made inactive because the feed had lost it (its digest forgotten) is suggested back.
    expect(
      suggestionStep('A', 'active', { listing: { ...listing, status: 'inactive', digest: null } }),
    ).toEqual({ action: 'suggest', kind: 'change', listingId: LISTING });
  });

  it('does not suggest again what a curator turned down, until the record changes', () => {
    expect(suggestionStep('A', 'active', { rejectedDigest: 'A' })).toEqual({ action: 'keep' });
    expect(suggestionStep('B', 'active', { rejectedDigest: 'A' })).toMatchObject({ action: 'suggest' });
    const listing = { id: LISTING, status: 'active', digest: 'A' };
    expect(suggestionStep('B', 'active', { listing, rejectedDigest: 'B' })).toEqual({ action: 'keep' });
    // A suggestion the import withdrew forgot its digest: the record is suggested again when it comes back.
    expect(suggestionStep('A', 'active', { rejectedDigest: null })).toMatchObject({ action: 'suggest' });
  });
});

describe('what a whole walk does with the records the feed no longer has', () => {
  const active = { id: LISTING, status: 'active', digest: 'A' };

  it('withdraws a pending suggestion of a record that has no active listing', () => {
    expect(sweepStep({ pending: { id: SUGGESTION, digest: 'A' } })).toEqual({
      action: 'withdraw',
      suggestionId: SUGGESTION,
    });
    expect(
      sweepStep({ pending: { id: SUGGESTION, digest: 'A' }, listing: { ...active, status: 'retired' } }),
    ).toMatchObject({ action: 'withdraw' });
  });

  it('suggests making an active listing inactive, once, in place of a pending suggestion of it', () => {
    expect(sweepStep({ listing: active })).toEqual({ action: 'suggest-inactive', listingId: LISTING });
    expect(sweepStep({ pending: { id: SUGGESTION, digest: 'B' }, listing: active })).toEqual({
      action: 'make-inactive',
      suggestionId: SUGGESTION,
      listingId: LISTING,
    });
    expect(sweepStep({ pending: { id: SUGGESTION, digest: GONE }, listing: active })).toEqual({
      action: 'keep',
    });
    expect(sweepStep({ listing: active, rejectedDigest: GONE })).toEqual({ action: 'keep' });
  });

  it('leaves listings already inactive or retired, and records it never had', () => {
    expect(sweepStep({ listing: { ...active, status: 'inactive' } })).toEqual({ action: 'keep' });
    expect(sweepStep({ listing: { ...active, status: 'retired' } })).toEqual({ action: 'keep' });
    expect(sweepStep({ rejectedDigest: 'A' })).toEqual({ action: 'keep' });
  });
});

describe('a record as a curator reads it in the queue', () => {
  const record = (raw: object): MappedService => {
    const mapped = mapService(raw);
    if ('problem' in mapped) throw new Error(mapped.problem);
    return mapped.service;
  };

  it('shows the service, its organisation, its first place with an address, contact, times and languages', () => {
    const preview = previewOf(
      record({
        id: 'fh-1',
        name: 'Family Hub',
        description: 'Drop in.',
        fees: 'Free',
        minimum_age: 0,
        organization: { id: 'o-1', name: 'Council', website: 'https://council.example.org' },
        service_at_locations: [
          { location: { id: 'l-0', name: 'Online' } },
          {
            location: {
              id: 'l-1',
              name: 'Hub',
              latitude: 53.8,
              longitude: -1.55,
              addresses: [{ address_1: '1 Kiln Street', city: 'Leeds', postal_code: 'LS1 4AP' }],
              accessibility: [{ description: 'Step-free.' }, { description: 'Hearing loop.' }],
            },
          },
        ],
        contacts: [{ name: 'Front desk', phones: [{ number: '0113 000 0000' }] }],
        schedules: [
          { freq: 'WEEKLY', byday: 'MO,WE', opens_at: '09:00', closes_at: '17:00' },
          { notes: 'x' },
        ],
        languages: [
          { name: 'English', code: 'en' },
          { name: 'British Sign Language', code: 'bfi' },
        ],
      }),
    );
    expect(preview).toEqual({
      name: 'Family Hub',
      description: 'Drop in.',
      status: 'active',
      fees: 'Free',
      minimumAge: 0,
      organization: { name: 'Council', website: 'https://council.example.org' },
      location: {
        name: 'Hub',
        address1: '1 Kiln Street',
        city: 'Leeds',
        postcode: 'LS1 4AP',
        latitude: 53.8,
        longitude: -1.55,
        accessibility: 'Step-free. Hearing loop.',
      },
      contact: { name: 'Front desk', phone: '0113 000 0000' },
      schedules: [{ freq: 'WEEKLY', byday: 'MO,WE', opensAt: '09:00', closesAt: '17:00' }],
      languages: ['en', 'bfi'],
    });
  });

  it('leaves out what the record does not have, rather than empty parts', () => {
    expect(previewOf(record({ id: 'x', name: 'Bare', organization: { id: 'o', name: 'Org' } }))).toEqual({
      name: 'Bare',
      status: 'active',
      organization: { name: 'Org' },
    });
  });
});
