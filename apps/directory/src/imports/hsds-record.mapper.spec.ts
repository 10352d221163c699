import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  date,
  digestOf,
  link,
  listingStatus,
  mapService,
  text,
  time,
  type MappedService,
} from './hsds-record.mapper';

const EXAMPLE = JSON.parse(
  readFileSync(join(__dirname, '../../test/test-data/oruk-3.0/examples/service_full.json'), 'utf8'),
) as Record<string, unknown>;

const mapped = (raw: unknown): MappedService => {
  const result = mapService(raw);
  if ('problem' in result) throw new Error(result.problem);
  return result.service;
};

describe('mapService', () => {
  it('maps the reference example, leaving out what is not a real value', () => {
    const m = mapped(EXAMPLE);
    expect(m.sourceId).toBe('ac148810-d857-441c-9679-408f346de14b');
    expect(m.service).toMatchObject({
      name: 'Community Counselling',
      status: 'active',
      minimum_age: 12,
      maximum_age: 100,
    });
    expect(m.organization).toMatchObject({ sourceId: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610' });
    // A latitude of 100 is no place on Earth; an address keeps its own country and postcode.
    expect(m.locations[0].cells).toMatchObject({
      latitude: undefined,
      longitude: undefined,
      location_type: 'physical',
    });
    expect(m.locations[0].addresses[0]).toMatchObject({
      country: 'US',
      postal_code: 'ABC 1234',
      address_type: 'postal',
    });
    expect(m.schedules[0]).toMatchObject({
      freq: 'WEEKLY',
      opens_at: '10:00',
      closes_at: '18:00',
      interval: 1,
    });
    expect(m.languages).toEqual([]);
    expect(m.terms[0].term).toMatchObject({ sourceId: '3f7b145d-84af-42d7-8fae-eaca714b02b2', name: 'name' });
    expect(m.terms[0].term.taxonomy).toMatchObject({ sourceId: 'name:taxonomy', name: 'taxonomy' });
  });

  it('says why a record cannot be taken', () => {
    expect(mapService([])).toEqual({ problem: 'is not an HSDS service (not a JSON object)' });
    expect(mapService({ name: 'x' })).toEqual({ problem: 'has no id' });
    expect(mapService({ ...EXAMPLE, name: ' \u0000 ' })).toEqual({ problem: 'has no name' });
    expect(mapService({ ...EXAMPLE, organization: { name: 'No id' } })).toEqual({
      problem: 'has no organisation with an id and a name',
    });
  });

  it('keeps no script links, no impossible ages, and a service’s own phones as a contact', () => {
    const m = mapped({
      ...EXAMPLE,
      url: 'javascript:alert(1)',
      email: 'not an email',
      minimum_age: 30,
      maximum_age: 18,
      phones: [{ number: '0113 000 0000' }, { extension: '12' }],
      schedules: [{ freq: 'daily', opens_at: '25:00', valid_from: '2026-02-30' }],
    });
    expect(m.service).toMatchObject({
      url: undefined,
      email: undefined,
      minimum_age: undefined,
      maximum_age: undefined,
    });
    expect(m.contacts[m.contacts.length - 1]).toEqual({
      cells: {},
      phones: [expect.objectContaining({ number: '0113 000 0000' })],
    });
    expect(m.schedules[0]).toMatchObject({ freq: undefined, opens_at: undefined, valid_from: undefined });
  });

  it('maps the same record to the same digest, and a change to another', () => {
    expect(digestOf(mapped(EXAMPLE))).toBe(digestOf(mapped(JSON.parse(JSON.stringify(EXAMPLE)))));
    expect(digestOf(mapped({ ...EXAMPLE, fees: 'Free' }))).not.toBe(digestOf(mapped(EXAMPLE)));
  });
});

describe('the cleaning of values', () => {
  it('keeps text Postgres can store, bounded', () => {
    expect(text('a\u0000b')).toBe('ab');
    expect(text('\ud800x')).toBe('\ufffdx');
    expect(text('x'.repeat(10), 4)).toBe('xxxx');
    expect(text(42)).toBe('42');
    expect(text({})).toBeUndefined();
  });

  it('keeps only http(s) links, real dates and wall-clock times', () => {
    expect([link('https://a.example'), link('data:text/html,x'), link('/relative')]).toEqual([
      'https://a.example',
      undefined,
      undefined,
    ]);
    expect([
      date('2026-01-31'),
      date('2026-01-31T10:00:00Z'),
      date('2026-02-30'),
      date('1066-10-14'),
    ]).toEqual(['2026-01-31', '2026-01-31', undefined, undefined]);
    expect([time('09:30'), time('09:30:15'), time('18:00:00Z'), time('24:00'), time('9:30')]).toEqual([
      '09:30',
      '09:30',
      '18:00',
      undefined,
      undefined,
    ]);
  });

  it('reads HSDS statuses as a listing’s', () => {
    expect(
      ['active', 'inactive', 'defunct', 'temporarily closed', undefined, 'odd'].map(listingStatus),
    ).toEqual(['active', 'inactive', 'retired', 'inactive', 'active', 'inactive']);
  });
});
